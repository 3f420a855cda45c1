import type { MeetingClassification, MeetingKind, MemberRole, MemberStatus } from '../../lib/domain';
import { END_SECTION_ID } from '../../lib/editor/nodes';
import { formatInstant } from '../../lib/format';
import { translator } from '../../lib/i18n';
import type { AttendanceEntry, ReviewItem, VoteRecord } from '../../lib/meeting-doc/layout';
import { messagesFor } from '../../lib/messages';
import type { FactData } from '../../lib/minutes/facts';
import { attendanceLines, reviewLines, taskLines, voteLines, type BlockContext } from './blocks';
import { allBold, runsOf, textOfRuns, type JsonNode } from './inline';
import {
  BODY_SIZE,
  NOTE_SIZE,
  PARTY_NAME_SIZE,
  TITLE_SIZE,
  type Line,
  type MinutesDocument,
  type Run,
  type SealInfo,
  type Signature,
} from './model';

/** The meeting's record as stored (the sealed version's canonical content, or the live document read the same way). */
export interface RecordContent {
  minutes: JsonNode;
  attendance: AttendanceEntry[];
  votes: VoteRecord[];
  review: ReviewItem[];
}

export interface DocumentSource {
  meeting: { id: string; kind: MeetingKind; title: string; classification: MeetingClassification };
  content: RecordContent;
  /** The cell's members now (statuses for the attendance counts, the signers' names). */
  members: readonly { userId: string; name: string; role: MemberRole; status: MemberStatus }[];
  chairId: string | null;
  secretaryId: string | null;
  /** Drafts: what their fact nodes are drawn from. Sealed minutes hold their facts written out. */
  facts: FactData | null;
  /** Approved minutes: the seal. Null makes a draft. */
  seal: SealInfo | null;
  timeZone: string;
  /** Where a reader checks the file ("https://…/verify"), printed on approved minutes. */
  verifyUrl: string;
}

/** The party's name, the line that opens the right-hand header block. */
const PARTY_NAME = 'ĐẢNG CỘNG SẢN VIỆT NAM';
const HEADER_INDENT_STEP = 18;

/**
 * The language the minutes are written in: the template's. Party templates
 * are Vietnamese; a generic meeting's template may be English, and its
 * language is not stored. Names of people and places are Vietnamese either
 * way, so only the headings (the template's own words: "MINUTES",
 * "1. Attendees" against "BIÊN BẢN CUỘC HỌP", "1. Thành phần dự họp") are
 * looked at for letters English never uses.
 */
function languageOf(kind: MeetingKind, minutes: JsonNode): 'vi' | 'en' {
  if (kind !== 'generic') return 'vi';
  const headings = (minutes.content ?? []).filter((n) => n.type === 'heading');
  const text = headings.map((n) => textOfRuns(runsOf(n, null))).join(' ');
  return /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu.test(text) ? 'vi' : 'en';
}

const isHeading = (n: JsonNode) => n.type === 'heading';
const sectionIdOf = (n: JsonNode) => (typeof n.attrs?.sectionId === 'string' ? n.attrs.sectionId : null);
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

const allItalic = (runs: readonly Run[]) => runs.length > 0 && runs.every((r) => r.italic || r.text.trim() === '');

/**
 * Where the closing begins: the line the template marked "end" (the end
 * time). Minutes whose marker was lost (pasted over, written before the
 * marker existed) end with the signature lines all the same: the trailing
 * bold titles and italic "(Ký, ghi rõ họ tên)" lines, from the first title.
 */
function closingIndex(nodes: readonly JsonNode[], runs: (n: JsonNode) => Run[]): number {
  const marked = nodes.findIndex((n) => sectionIdOf(n) === END_SECTION_ID);
  if (marked >= 0) return marked;
  let start = nodes.length;
  while (start > 0) {
    const node = nodes[start - 1]!;
    const r = node.type === 'paragraph' ? runs(node) : [];
    if (!(allBold(r) || allItalic(r))) break;
    start--;
  }
  while (start < nodes.length && !allBold(runs(nodes[start]!))) start++;
  return start < nodes.length ? start : -1;
}

/** Builds the formal document from a meeting's record. Pure: the same record gives the same document. */
export function buildMinutesDocument(source: DocumentSource): MinutesDocument {
  const { meeting, content } = source;
  const language = languageOf(meeting.kind, content.minutes);
  const t = translator(messagesFor(language));
  const nodes = (content.minutes.content ?? []).filter((n) => n.type !== 'hint');
  const runs = (n: JsonNode) => runsOf(n, source.facts);
  const ctx: BlockContext = {
    t,
    locale: language,
    votes: new Map(content.votes.map((v) => [v.id, v])),
    attendance: new Map(content.attendance.map((a) => [a.userId, a])),
    review: content.review,
    members: source.members,
  };
  const name = (id: string | null) => source.members.find((m) => m.userId === id)?.name ?? null;

  // The template's parts: header lines, the title (a heading without a section), its subtitles, the facts,
  // the sections, and from the line marked "end" the closing. Each is found by its place, not its wording.
  const firstSection = nodes.findIndex((n) => isHeading(n) && (sectionIdOf(n) ?? '').startsWith('s-'));
  const preambleEnd = firstSection >= 0 ? firstSection : nodes.length;
  const titleAt = nodes.findIndex((n, i) => i < preambleEnd && isHeading(n) && sectionIdOf(n) === null);
  const closingAt = closingIndex(nodes, runs);
  const bodyEnd = closingAt >= 0 ? closingAt : nodes.length;
  const headerNodes = titleAt >= 0 ? nodes.slice(0, titleAt) : [];
  let factsFrom = titleAt + 1;
  const subtitles: JsonNode[] = [];
  while (
    titleAt >= 0 &&
    factsFrom < preambleEnd &&
    nodes[factsFrom]!.type === 'paragraph' &&
    allBold(runs(nodes[factsFrom]!))
  ) {
    subtitles.push(nodes[factsFrom]!);
    factsFrom++;
  }
  if (titleAt < 0) factsFrom = 0;
  const layout = meeting.kind === 'generic' ? 'generic' : 'party';

  const headerLine = (runsOfLine: Run[], size: number, extra: Partial<Line> = {}): Line => ({
    runs: runsOfLine,
    size,
    align: 'center',
    ...extra,
  });
  let header: MinutesDocument['header'] = null;
  const title: Line[] = [];
  const body: Line[] = [];
  if (layout === 'party') {
    const left: Line[] = [];
    const right: Line[] = [];
    let side: 'left' | 'right' = 'left';
    for (const node of headerNodes) {
      const text = textOfRuns(runs(node)).trim();
      if (text === PARTY_NAME) side = 'right';
      if (side === 'right') {
        // DOMAIN.md: the party's name 15 pt bold underlined; the place and date below it 14 pt italic.
        right.push(
          text === PARTY_NAME
            ? headerLine([{ text, bold: true, underline: true }], PARTY_NAME_SIZE)
            : headerLine([{ text, italic: true }], BODY_SIZE, { spaceBefore: 6 }),
        );
      } else {
        // "ĐẢNG BỘ …" 14 pt, "CHI BỘ …" 14 pt bold, and the star; as the template wrote them.
        left.push(headerLine(runs(node), BODY_SIZE));
      }
    }
    header = left.length + right.length > 0 ? { left, right } : null;
  } else {
    // The organisation's lines head the page, above the title, as a letterhead.
    for (const node of headerNodes) title.push({ runs: runs(node), size: BODY_SIZE, align: 'left' });
  }
  if (titleAt >= 0) {
    title.push(
      headerLine(
        runs(nodes[titleAt]!).map((r) => ({ ...r, bold: true })),
        TITLE_SIZE,
        { spaceBefore: 18 },
      ),
    );
    for (const node of subtitles) title.push(headerLine(runs(node), BODY_SIZE, { keepWithNext: true }));
  } else {
    title.push(headerLine([{ text: meeting.title, bold: true }], TITLE_SIZE, { spaceBefore: 18 }));
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
  for (const node of nodes.slice(factsFrom, bodyEnd)) body.push(...blockLines(node, 0));

  // The closing: the end time as text, then (party layout) the signature blocks side by side.
  const closingNodes = closingAt >= 0 ? nodes.slice(closingAt) : [];
  const closingRuns = closingNodes.map(runs).filter((r) => r.length > 0);
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
      signatures.push({ titles: group.map((r) => headerLine(r, BODY_SIZE)), name: signer });
    }
  } else {
    for (const r of closingRuns) body.push(paragraph(r, { spaceBefore: 6 }));
  }

  const seal = source.seal;
  const verificationLine: Line | null = seal
    ? {
        runs: [
          {
            text: t('export.sealLine', {
              time: formatInstant(seal.approvedAt, language, source.timeZone),
              hash: seal.hash,
              url: source.verifyUrl,
            }),
          },
        ],
        size: NOTE_SIZE,
        align: 'left',
        spaceBefore: 18,
      }
    : null;
  const docTitle = title.map((l) => textOfRuns(l.runs)).join(' – ');
  return {
    meetingId: meeting.id,
    language,
    layout,
    status: seal ? 'approved' : 'draft',
    classificationMark: meeting.classification === 'secret' ? t('export.secretMark') : null,
    draftMark: seal ? null : t('export.draftMark'),
    header,
    title,
    body,
    signatures,
    seal,
    verificationLine,
    info: {
      title: docTitle,
      subject: meeting.title,
      author: headerNodes
        .map((n) => textOfRuns(runs(n)))
        .slice(0, 2)
        .join(' – '),
    },
  };
}
