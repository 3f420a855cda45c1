import { formatDay, todayIso } from '../../lib/format';
import { translator, type Translate } from '../../lib/i18n';
import type { VoteRecord, VoteSubject } from '../../lib/meeting-doc/layout';
import { messagesFor } from '../../lib/messages';
import { reasonInSentence } from '../../lib/minutes/absences';
import { BLANK } from '../../lib/minutes/facts';
import { headerName, unitName } from '../../lib/minutes/template';
import { countAttendance } from '../../lib/rules/attendance';
import { taskFacts, taskOf, voteCountLines, type BlockContext } from './blocks';
import { textOfRuns, type JsonNode } from './inline';
import {
  BODY_SIZE,
  RECIPIENTS_SIZE,
  TITLE_SIZE,
  type Line,
  type MinutesDocument,
  type Run,
  type Signature,
} from './model';
import {
  authorOf,
  centredLine,
  headerBlocks,
  recordParts,
  sealLine,
  standingOf,
  type DocumentSource,
} from './record-parts';

/**
 * The resolution (nghị quyết) as its own document, drawn from the same
 * record as the minutes: what the meeting decided (the votes that passed,
 * the minutes' own approval aside) and the tasks it set, with who does each
 * and by when. Party cells get the party layout (the minutes' header blocks,
 * "CHI BỘ QUYẾT NGHỊ:", "Nơi nhận:" beside "T/M CHI BỘ / BÍ THƯ"); generic
 * meetings a plain list of decisions and action items in their language.
 */

/** Votes whose passing is a decision of the meeting; the vote approving the minutes is about the record itself. */
const DECISION_SUBJECTS: readonly VoteSubject[] = ['resolution', 'conclusion', 'other'];

/** Where a numbered item's number stands, and where its details (counts, assignees) sit. */
interface ItemStyle {
  indent: number;
  firstIndent: number;
  detailIndent: number;
  align: Line['align'];
}

/** Party documents indent a paragraph's first line 1 cm and justify it; an item's details sit past "1. ". */
const PARTY_ITEMS: ItemStyle = { indent: 0, firstIndent: 28, detailIndent: 28 + 14, align: 'justify' };
/** A plain list: numbers at the margin, the text ragged and hanging past them, the details under the text. */
const GENERIC_ITEMS: ItemStyle = { indent: 14, firstIndent: -14, detailIndent: 14, align: 'left' };

/** Every node of the minutes, depth first, in reading order. */
function* walk(nodes: readonly JsonNode[]): Generator<JsonNode> {
  for (const node of nodes) {
    yield node;
    if (node.content) yield* walk(node.content);
  }
}

/**
 * The decisions: closed votes that passed on a resolution, a conclusion or
 * another matter, in the order the minutes print their results (votes whose
 * result is not in the minutes follow, by when they were opened).
 */
export function decisionsOf(votes: readonly VoteRecord[], nodes: readonly JsonNode[]): VoteRecord[] {
  const order: string[] = [];
  for (const node of walk(nodes))
    if (node.type === 'voteResult' && typeof node.attrs?.voteId === 'string') order.push(node.attrs.voteId);
  const rank = (vote: VoteRecord) => {
    const at = order.indexOf(vote.id);
    return at >= 0 ? at : order.length;
  };
  return votes
    .filter((v) => v.state === 'closed' && v.passed === true && !!v.counts && DECISION_SUBJECTS.includes(v.subject))
    .sort((a, b) => rank(a) - rank(b) || (a.openedAt ?? '').localeCompare(b.openedAt ?? ''));
}

/** The day the meeting was held (YYYY-MM-DD): the record's start, else the planned start. */
function meetingDay(source: DocumentSource): string | null {
  const startedAt = source.content.session?.startedAt ?? source.facts?.startedAt;
  if (startedAt && !Number.isNaN(new Date(startedAt).getTime())) return todayIso(source.timeZone, new Date(startedAt));
  const planned = source.content.meeting?.startsAt ?? source.facts?.scheduledStart;
  return planned && /^\d{4}-\d{2}-\d{2}/.test(planned) ? planned.slice(0, 10) : null;
}

/**
 * A unit's name for running text, from the header line that prints it in
 * capitals ("CHI BỘ KHU PHỐ 3"): in the letters the organisation typed it
 * with ("khu phố 3") when those are the same words, so the record's wording
 * is kept; else the header's words with capital initials.
 */
function unitFromHeader(headerLines: readonly string[], unitWord: string, stored: string | null): string | null {
  const line = headerLines.find((l) => l.startsWith(`${unitWord} `));
  const printed = line?.slice(unitWord.length).trim() ?? null;
  if (stored && (printed === null || headerName(stored) === printed)) return unitName(stored);
  if (!printed) return null;
  return printed
    .toLocaleLowerCase('vi')
    .split(/\s+/)
    .map((word) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1))
    .join(' ');
}

/** "1. …" and the lines under it (set at the style's detail indent): the numbered items of a part of the resolution. */
function itemLines(style: ItemStyle, number: number, runs: Run[], details: Line[]): Line[] {
  return [
    {
      runs: [{ text: `${number}. ` }, ...runs],
      size: BODY_SIZE,
      align: style.align,
      indent: style.indent,
      firstIndent: style.firstIndent,
      keepWithNext: details.length > 0,
    },
    ...details.map((line, i) => ({
      ...line,
      align: style.align,
      indent: style.detailIndent,
      keepWithNext: i < details.length - 1,
    })),
  ];
}

const partHeading = (text: string): Line => ({
  runs: [{ text, bold: true }],
  size: BODY_SIZE,
  align: 'left',
  spaceBefore: 8,
  keepWithNext: true,
});

const noneLine = (style: ItemStyle, text: string): Line => ({
  runs: [{ text, italic: true }],
  size: BODY_SIZE,
  align: style.align,
  indent: style.indent,
  firstIndent: style.firstIndent,
});

/** "Nơi nhận:" beside the secretary's signature: the committee above, the cell's members, the cell's file. */
function recipients(t: Translate, committee: string | null): Signature {
  const line = (text: string): Line => ({ runs: [{ text }], size: RECIPIENTS_SIZE, align: 'left' });
  return {
    titles: [
      { runs: [{ text: t('resolution.recipients.title'), underline: true }], size: BODY_SIZE, align: 'left' },
      line(t('resolution.recipients.committee', { committee: committee ?? BLANK })),
      line(t('resolution.recipients.members')),
      line(t('resolution.recipients.file')),
    ],
    name: null,
    unsigned: true,
  };
}

/** Builds the resolution from a meeting's record. Pure: the same record gives the same document. */
export function buildResolutionDocument(source: DocumentSource): MinutesDocument {
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
  const party = layout === 'party';
  const items = party ? PARTY_ITEMS : GENERIC_ITEMS;

  const subject =
    parts.subtitles
      .map((n) => textOfRuns(runs(n)).trim())
      .filter(Boolean)
      .join(' ') ||
    content.meeting?.title ||
    meeting.title;
  const { header, letterhead } = headerBlocks(parts);
  const title: Line[] = [
    ...letterhead,
    centredLine([{ text: t(party ? 'resolution.title' : 'resolution.genericTitle'), bold: true }], TITLE_SIZE, {
      spaceBefore: 18,
    }),
    centredLine([{ text: subject, bold: true }], BODY_SIZE, { keepWithNext: true }),
  ];

  // The facts the opening states: when and where, who met, how many of those expected were there
  // (the attendance block's own counts; "…" until anyone is marked).
  const day = meetingDay(source);
  const [year = BLANK, month = BLANK, dayOfMonth = BLANK] = day ? day.split('-') : [];
  const counts = countAttendance(source.members, ctx.attendance);
  const marked = counts.present + counts.absentWithReason + counts.absentWithoutReason > 0;
  const headerLines = parts.headerNodes.map((n) => textOfRuns(runs(n)).trim());
  const cell = unitFromHeader(headerLines, 'CHI BỘ', source.organisation?.cellName ?? null);
  const committee = unitFromHeader(headerLines, 'ĐẢNG BỘ', source.organisation?.committeeName ?? null);
  const facts = {
    day: dayOfMonth,
    month: month === BLANK ? month : String(Number(month)),
    year,
    date: day ? formatDay(day, language) : BLANK,
    place: content.meeting?.place?.trim() || BLANK,
    cell: cell ? t('resolution.cellName', { name: cell }) : BLANK,
    meeting: reasonInSentence(subject),
    present: marked ? counts.present : BLANK,
    expected: counts.expected,
  };

  const body: Line[] = [];
  if (party) {
    body.push(
      {
        runs: [{ text: t('resolution.opening', facts) }],
        size: BODY_SIZE,
        align: 'justify',
        firstIndent: PARTY_ITEMS.firstIndent,
        spaceBefore: 12,
      },
      {
        ...centredLine([{ text: t('resolution.resolves'), bold: true }], BODY_SIZE),
        spaceBefore: 6,
        keepWithNext: true,
      },
    );
  } else {
    body.push({ runs: [{ text: t('resolution.held', facts) }], size: BODY_SIZE, align: 'left', spaceBefore: 12 });
  }

  const decisions = decisionsOf(content.votes, nodes);
  body.push(partHeading(t(party ? 'resolution.decisions' : 'resolution.genericDecisions')));
  if (decisions.length === 0) body.push(noneLine(items, t('resolution.noDecisions')));
  decisions.forEach((vote, i) => {
    body.push(...itemLines(items, i + 1, [{ text: vote.title }], voteCountLines(vote, ctx)));
  });

  const tasks = Array.from(walk(nodes)).filter((n) => n.type === 'task');
  body.push(partHeading(t(party ? 'resolution.tasks' : 'resolution.genericTasks')));
  if (tasks.length === 0) body.push(noneLine(items, t('resolution.noTasks')));
  tasks.forEach((node, i) => {
    const text = runs(node);
    const assignment = taskFacts(ctx, taskOf(node.attrs), false);
    body.push(
      ...itemLines(items, i + 1, text.length > 0 ? text : [{ text: t('tasks.untitled'), italic: true }], [
        { runs: [{ text: assignment, italic: true }], size: BODY_SIZE, align: items.align },
      ]),
    );
  });

  const secretary = source.members.find((m) => m.role === 'secretary')?.name ?? null;
  const signatures: Signature[] = party
    ? [
        recipients(t, committee),
        {
          titles: [
            centredLine([{ text: t('resolution.onBehalf'), bold: true }], BODY_SIZE),
            centredLine([{ text: t('resolution.signer'), bold: true }], BODY_SIZE),
          ],
          name: secretary,
        },
      ]
    : [];

  return {
    meetingId: meeting.id,
    document: 'resolution',
    language,
    layout,
    ...standingOf(t, source),
    header,
    title,
    body,
    signatures,
    verificationLine: sealLine(t, 'resolution.sealLine', source, language),
    info: {
      title: title
        .slice(letterhead.length)
        .map((l) => textOfRuns(l.runs))
        .join(' – '),
      subject: meeting.title,
      author: authorOf(parts),
    },
  };
}
