import type { ExportDocument } from '../../lib/export';

/**
 * The minutes as a formal document, independent of the file format: what the
 * DOCX, the PDF and the print page each lay out. The resolution drawn from
 * the same record is a document of the same shape. Sizes are in points, as
 * the party-document rules state them (Times New Roman 14, the header's 15).
 */

export interface Run {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
}

export type Align = 'left' | 'center' | 'right' | 'justify';

/** One paragraph: runs of text with one size and alignment. */
export interface Line {
  runs: Run[];
  size: number;
  align: Align;
  /** Left indent in points (lists, task details). */
  indent?: number;
  /** First-line indent in points (body paragraphs); negative for a hanging one (numbered items). */
  firstIndent?: number;
  /** Extra space above, in points. */
  spaceBefore?: number;
  /** Keep on the same page as the next line (headings, a task and its details). */
  keepWithNext?: boolean;
}

/** A signature block: its titles ("T/M CHI BỘ", "BÍ THƯ"), the hint, and the signer's name below the space to sign. */
export interface Signature {
  titles: Line[];
  name: string | null;
  /**
   * A block beside the signatures that nobody signs (a resolution's "Nơi
   * nhận:" list): its lines run down beside the space to sign, and the
   * names of the others stay level with each other, not pushed below it.
   */
  unsigned?: boolean;
}

export interface SealInfo {
  hash: string;
  approvedAt: string;
}

export interface MinutesDocument {
  /** The meeting this document is drawn from. */
  meetingId: string;
  /** Which document of the meeting's record: the minutes, or the resolution drawn from them. */
  document: ExportDocument;
  /** The document's own language, the template's, not the reader's. */
  language: 'vi' | 'en';
  /** Party cells' layout (header blocks, signatures side by side) or a plain one for generic meetings. */
  layout: 'party' | 'generic';
  /** The sealed record (approved) or the minutes as they stand (draft). */
  status: 'approved' | 'draft';
  /** "MẬT" for secret meetings, printed on every page. */
  classificationMark: string | null;
  /** Printed at the top of a draft and on every page of it. */
  draftMark: string | null;
  /** Party layout: the two header blocks side by side. */
  header: { left: Line[]; right: Line[] } | null;
  /** The title and its subtitles, centred. */
  title: Line[];
  /** Everything between the title and the signatures: facts, sections, votes, tasks, the end time. */
  body: Line[];
  /** Side by side at the end (party layout); empty for the generic layout, which ends with plain lines. */
  signatures: Signature[];
  /** Approved minutes (and documents drawn from them): the seal's hash and the line that says how to check it. */
  seal: SealInfo | null;
  verificationLine: Line | null;
  /** File metadata. */
  info: { title: string; subject: string; author: string };
}

/**
 * Where the body's closing lines begin: its last paragraph and those kept
 * with it (a task and its assignees). They go onto the signatures' page, so
 * the signatures never stand alone on one.
 */
export function closingLinesStart(body: readonly Line[]): number {
  let start = body.length - 1;
  while (start > 0 && body[start - 1]!.keepWithNext) start--;
  return Math.max(start, 0);
}

/** Body text size: party documents are set in 13–14 pt; 14 reads best for older readers. */
export const BODY_SIZE = 14;
/** DOMAIN.md: "ĐẢNG CỘNG SẢN VIỆT NAM" is set in 15 pt. */
export const PARTY_NAME_SIZE = 15;
export const TITLE_SIZE = 16;
/** The verification line and page marks: small but legible in print. */
export const NOTE_SIZE = 10;
/**
 * A resolution's "Nơi nhận:" block: the words 14 pt underlined, the
 * recipients 12 pt (Hướng dẫn 36-HD/VPTW, Phụ lục 3).
 */
export const RECIPIENTS_SIZE = 12;

/**
 * Page geometry, in millimetres. Party documents: A4, margins top and bottom
 * 20–25, left 30–35, right 15–20; these sit inside every range.
 */
export const PAGE = {
  widthMm: 210,
  heightMm: 297,
  marginTopMm: 25,
  marginBottomMm: 25,
  marginLeftMm: 35,
  marginRightMm: 15,
} as const;

/** The name of the font every renderer asks for; the PDF embeds a metric-compatible equivalent. */
export const FONT_NAME = 'Times New Roman';

/** Metadata keys that carry the seal in exported files, read back by verification. */
export const META_SEAL_KEY = 'BienBanSeal';
export const META_MEETING_KEY = 'BienBanMeeting';
/** DOCX: the digest of the document's paragraphs, so a copy edited in a word processor is told apart. */
export const META_TEXT_KEY = 'BienBanText';
/** Which document the file is ("minutes", "resolution"); a file without it is the minutes (exports made before it). */
export const META_DOCUMENT_KEY = 'BienBanDocument';
