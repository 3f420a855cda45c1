import { translator } from '../../lib/i18n';
import { messagesFor } from '../../lib/messages';
import { attendanceLines, reviewLines, taskLines, voteLines, type BlockContext } from './blocks';
import { allBold, textOfRuns, type JsonNode } from './inline';
import { BODY_SIZE, TITLE_SIZE, type Line, type MinutesDocument, type Run, type Signature } from './model';
import {
  authorOf,
  centredLine,
  headerBlocks,
  recordParts,
  sealLine,
  standingOf,
  type DocumentSource,
} from './record-parts';

export type { DocumentSource, RecordContent } from './record-parts';

const HEADER_INDENT_STEP = 18;

const levelOf = (n: JsonNode) => Math.min(Math.max(Number(n.attrs?.level) || 1, 1), 4);

/** Splits the closing lines into signature blocks: each starts with a bold title after a line that was not one. */
function signatureGroups(lines: Run[][]): Run[][][] {
  const groups: Run[][][] = [];
  let previousBold = false;
  for (const runs of lines) {
    const bold = allBold(runs);
    if (bold && !previousBold) groups.push([]);
    if (groups.length === 0) groups.push([]);
    groups.at(-1)!.push(runs);
    previousBold = bold;
  }
  return groups;
}

/** Builds the formal document from a meeting's record. Pure: the same record gives the same document. */
export function buildMinutesDocument(source: DocumentSource): MinutesDocument {
  const { meeting, content } = source;
  const parts = recordParts(source);
  const { language, layout, nodes, runs } = parts;
  const t = translator(messagesFor(language));
  const ctx: BlockContext = {
    t,
    locale: language,
    votes: new Map(content.votes.map((v) => [v.id, v])),
    attendance: new Map(content.attendance.map((a) => [a.userId, a])),
    review: content.review,
    members: source.members,
  };
  const name = (id: string | null) => source.members.find((m) => m.userId === id)?.name ?? null;

  const { header, letterhead } = headerBlocks(parts);
  const title: Line[] = [...letterhead];
  const body: Line[] = [];
  if (parts.title) {
    title.push(
      centredLine(
        runs(parts.title).map((r) => ({ ...r, bold: true })),
        TITLE_SIZE,
        { spaceBefore: 18 },
      ),
    );
    for (const node of parts.subtitles) title.push(centredLine(runs(node), BODY_SIZE, { keepWithNext: true }));
  } else {
    title.push(centredLine([{ text: meeting.title, bold: true }], TITLE_SIZE, { spaceBefore: 18 }));
  }
  const paragraph = (r: Run[], extra: Partial<Line> = {}): Line => ({
    runs: r,
    size: BODY_SIZE,
    align: 'justify',
    firstIndent: layout === 'party' ? 28 : 0,
    ...extra,
  });
  const blockLines = (node: JsonNode, depth: number): Line[] => {
    switch (node.type) {
      case 'heading':
        return [
          {
            runs: runs(node).map((r) => ({ ...r, bold: true })),
            size: BODY_SIZE,
            align: 'left',
            spaceBefore: levelOf(node) <= 2 ? 8 : 4,
            keepWithNext: true,
          },
        ];
      case 'paragraph':
      case 'codeBlock': {
        const r = runs(node);
        return r.length === 0
          ? []
          : [paragraph(r, depth > 0 ? { indent: depth * HEADER_INDENT_STEP, firstIndent: 0 } : {})];
      }
      case 'opinion': {
        const speaker = typeof node.attrs?.speakerName === 'string' ? node.attrs.speakerName : '';
        return [paragraph([{ text: t('export.opinionSpeaker', { name: speaker }), bold: true }, ...runs(node)])];
      }
      case 'task':
        return taskLines(runs(node), node.attrs, ctx);
      case 'voteResult':
        return voteLines(node.attrs?.voteId, ctx);
      case 'attendanceBlock':
        return attendanceLines(ctx);
      case 'reviewBlock':
        return reviewLines(ctx);
      case 'bulletList':
      case 'orderedList':
        return (node.content ?? []).flatMap((item, i) => {
          const marker = node.type === 'orderedList' ? `${Number(node.attrs?.start ?? 1) + i}. ` : '• ';
          const [first, ...rest] = (item.content ?? []).flatMap((child) => blockLines(child, depth + 1));
          if (!first) return [];
          return [{ ...first, runs: [{ text: marker }, ...first.runs] }, ...rest];
        });
      case 'blockquote':
        return (node.content ?? []).flatMap((child) => blockLines(child, depth + 1));
      default:
        return [];
    }
  };
  for (const node of nodes.slice(parts.bodyFrom, parts.bodyEnd)) body.push(...blockLines(node, 0));

  // The closing: the end time as text, then (party layout) the signature blocks side by side.
  const closingRuns = parts.closing.map(runs).filter((r) => r.length > 0);
  const signatures: Signature[] = [];
  if (layout === 'party') {
    const firstTitle = closingRuns.findIndex(allBold);
    const plainLines = firstTitle >= 0 ? closingRuns.slice(0, firstTitle) : closingRuns;
    for (const r of plainLines) body.push(paragraph(r, { spaceBefore: 6 }));
    for (const group of firstTitle >= 0 ? signatureGroups(closingRuns.slice(firstTitle)) : []) {
      const words = group.map(textOfRuns).map((s) => s.trim());
      // Who signs under each title: the minutes-taker under "THƯ KÝ", the cell's secretary for
      // "T/M CHI BỘ / BÍ THƯ", the chair otherwise.
      const signer = words.includes('THƯ KÝ')
        ? name(source.secretaryId)
        : words.includes('BÍ THƯ')
          ? (source.members.find((m) => m.role === 'secretary')?.name ?? name(source.chairId))
          : name(source.chairId);
      signatures.push({ titles: group.map((r) => centredLine(r, BODY_SIZE)), name: signer });
    }
  } else {
    for (const r of closingRuns) body.push(paragraph(r, { spaceBefore: 6 }));
  }

  const verificationLine = sealLine(t, 'export.sealLine', source, language);
  const docTitle = title.map((l) => textOfRuns(l.runs)).join(' – ');
  return {
    meetingId: meeting.id,
    document: 'minutes',
    language,
    layout,
    ...standingOf(t, source),
    header,
    title,
    body,
    signatures,
    verificationLine,
    info: {
      title: docTitle,
      subject: meeting.title,
      author: authorOf(parts),
    },
  };
}
