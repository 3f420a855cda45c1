import type { MeetingClassification, MeetingKind, MemberRole, MemberStatus } from '../../lib/domain';
import { END_SECTION_ID } from '../../lib/editor/nodes';
import { formatInstant } from '../../lib/format';
import type { Translate } from '../../lib/i18n';
import type { AttendanceEntry, ReviewItem, SessionState, VoteRecord } from '../../lib/meeting-doc/layout';
import type { FactData } from '../../lib/minutes/facts';
import { allBold, runsOf, textOfRuns, type JsonNode } from './inline';
import {
  BODY_SIZE,
  NOTE_SIZE,
  PARTY_NAME_SIZE,
  type Line,
  type MinutesDocument,
  type Run,
  type SealInfo,
} from './model';

/**
 * What every document drawn from a meeting's record shares: the record
 * itself, its language, and the parts of the minutes found by their place
 * (header lines, title, subtitles, facts, sections, closing), with the party
 * header blocks laid out from them.
 */

/** The meeting's record as stored (the sealed version's canonical content, or the live document read the same way). */
export interface RecordContent {
  minutes: JsonNode;
  attendance: AttendanceEntry[];
  votes: VoteRecord[];
  review: ReviewItem[];
  /** The meeting's facts as the record holds them (server/meeting/content.ts); absent from hand-made records. */
  meeting?: { title?: string; startsAt?: string; place?: string };
  session?: SessionState;
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
  /**
   * The names of the cell and its committee as the organisation typed them:
   * a document that names them in running text writes them in these
   * letters when the header's capitals are the same words.
   */
  organisation?: { cellName: string | null; committeeName: string | null };
}

/** The party's name, the line that opens the right-hand header block. */
const PARTY_NAME = 'ĐẢNG CỘNG SẢN VIỆT NAM';

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

/** The minutes' parts, each found by its place, not its wording. */
export interface RecordParts {
  language: 'vi' | 'en';
  /** Party cells' layout (header blocks, signatures side by side) or a plain one for generic meetings. */
  layout: MinutesDocument['layout'];
  /** The minutes' blocks, hints left out. */
  nodes: JsonNode[];
  /** A block's inline content as runs, facts drawn as the editor shows them. */
  runs: (node: JsonNode) => Run[];
  /** The lines above the title: the header blocks (party) or the letterhead (generic). */
  headerNodes: JsonNode[];
  /** The title ("BIÊN BẢN"): a heading before the first section that belongs to none; null when there is none. */
  title: JsonNode | null;
  /** The bold lines under the title ("Sinh hoạt chi bộ thường kỳ tháng 11 năm 2026"). */
  subtitles: JsonNode[];
  /** The facts and the sections: nodes[bodyFrom, bodyEnd). */
  bodyFrom: number;
  bodyEnd: number;
  /** The closing (end time, signature lines): nodes[bodyEnd…]. */
  closing: JsonNode[];
}

/**
 * The template's parts: header lines, the title (a heading without a
 * section), its subtitles, the facts, the sections, and from the line marked
 * "end" the closing.
 */
export function recordParts(source: Pick<DocumentSource, 'meeting' | 'content' | 'facts'>): RecordParts {
  const minutes = source.content.minutes;
  const nodes = (minutes.content ?? []).filter((n) => n.type !== 'hint');
  const runs = (n: JsonNode) => runsOf(n, source.facts);
  const firstSection = nodes.findIndex((n) => isHeading(n) && (sectionIdOf(n) ?? '').startsWith('s-'));
  const preambleEnd = firstSection >= 0 ? firstSection : nodes.length;
  const titleAt = nodes.findIndex((n, i) => i < preambleEnd && isHeading(n) && sectionIdOf(n) === null);
  const closingAt = closingIndex(nodes, runs);
  const bodyEnd = closingAt >= 0 ? closingAt : nodes.length;
  let bodyFrom = titleAt + 1;
  const subtitles: JsonNode[] = [];
  while (
    titleAt >= 0 &&
    bodyFrom < preambleEnd &&
    nodes[bodyFrom]!.type === 'paragraph' &&
    allBold(runs(nodes[bodyFrom]!))
  ) {
    subtitles.push(nodes[bodyFrom]!);
    bodyFrom++;
  }
  if (titleAt < 0) bodyFrom = 0;
  return {
    language: languageOf(source.meeting.kind, minutes),
    layout: source.meeting.kind === 'generic' ? 'generic' : 'party',
    nodes,
    runs,
    headerNodes: titleAt >= 0 ? nodes.slice(0, titleAt) : [],
    title: titleAt >= 0 ? nodes[titleAt]! : null,
    subtitles,
    bodyFrom,
    bodyEnd,
    closing: closingAt >= 0 ? nodes.slice(closingAt) : [],
  };
}

/** A centred line of the header, the title block or a signature. */
export const centredLine = (runs: Run[], size: number, extra: Partial<Line> = {}): Line => ({
  runs,
  size,
  align: 'center',
  ...extra,
});

/**
 * The lines above the title. Party layout: two blocks side by side, the
 * left "ĐẢNG BỘ …" 14 pt, "CHI BỘ …" 14 pt bold and the star as the template
 * wrote them, the right the party's name 15 pt bold underlined and the place
 * and date 14 pt italic (DOMAIN.md). Generic layout: the organisation's lines
 * as a letterhead, above the title.
 */
export function headerBlocks(parts: RecordParts): { header: MinutesDocument['header']; letterhead: Line[] } {
  const { runs } = parts;
  if (parts.layout !== 'party') {
    return {
      header: null,
      letterhead: parts.headerNodes.map((node) => ({ runs: runs(node), size: BODY_SIZE, align: 'left' })),
    };
  }
  const left: Line[] = [];
  const right: Line[] = [];
  let side: 'left' | 'right' = 'left';
  for (const node of parts.headerNodes) {
    const text = textOfRuns(runs(node)).trim();
    if (text === PARTY_NAME) side = 'right';
    if (side === 'right') {
      right.push(
        text === PARTY_NAME
          ? centredLine([{ text, bold: true, underline: true }], PARTY_NAME_SIZE)
          : centredLine([{ text, italic: true }], BODY_SIZE, { spaceBefore: 6 }),
      );
    } else {
      left.push(centredLine(runs(node), BODY_SIZE));
    }
  }
  return { header: left.length + right.length > 0 ? { left, right } : null, letterhead: [] };
}

/** The header's first lines ("ĐẢNG BỘ …", "CHI BỘ …"): the file's author. */
export const authorOf = (parts: RecordParts): string =>
  parts.headerNodes
    .map((n) => textOfRuns(parts.runs(n)))
    .slice(0, 2)
    .join(' – ');

/** The small line at the end of an approved document: when it was sealed, the hash, where to check it. */
export function sealLine(
  t: Translate,
  key: string,
  source: Pick<DocumentSource, 'seal' | 'timeZone' | 'verifyUrl'>,
  language: 'vi' | 'en',
): Line | null {
  const { seal } = source;
  if (!seal) return null;
  return {
    runs: [
      {
        text: t(key, {
          time: formatInstant(seal.approvedAt, language, source.timeZone),
          hash: seal.hash,
          url: source.verifyUrl,
        }),
      },
    ],
    size: NOTE_SIZE,
    align: 'left',
    spaceBefore: 18,
  };
}

/**
 * What every document drawn from a record says of its standing: approved
 * (sealed) or a draft marked as such, and the classification mark of a
 * secret meeting, printed on every page.
 */
export function standingOf(
  t: Translate,
  source: Pick<DocumentSource, 'seal' | 'meeting'>,
): Pick<MinutesDocument, 'status' | 'classificationMark' | 'draftMark' | 'seal'> {
  const { seal } = source;
  return {
    status: seal ? 'approved' : 'draft',
    classificationMark: source.meeting.classification === 'secret' ? t('export.secretMark') : null,
    draftMark: seal ? null : t('export.draftMark'),
    seal,
  };
}
