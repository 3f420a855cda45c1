import { unzipSync, strFromU8 } from 'fflate';
import { EXPORT_DOCUMENTS, sealHashSchema, VERIFY_MAX_BYTES, type ExportDocument } from '../../lib/export';
import { invalidInput } from '../errors';
import { verifySealedVersion } from '../meeting/seal';
import type { Services } from '../services';
import { textDigest } from './docx';
import { META_DOCUMENT_KEY, META_MEETING_KEY, META_SEAL_KEY, META_TEXT_KEY } from './model';

export type VerifyInput = { hash: string } | { file: Uint8Array };

export type VerifyReason = 'hash_differs' | 'record_altered' | 'text_differs' | 'no_seal' | 'unknown_hash';

export interface VerifyResult {
  result: 'matches' | 'does_not_match' | 'unknown';
  /** Why it does not match, or why it is unknown. */
  reason?: VerifyReason;
  /** The hash the input carried. */
  hash: string | null;
  /**
   * A file: which document it says it is. A resolution carries the seal of
   * the minutes it was drawn from, so "matches" says those minutes are
   * sealed and intact and (DOCX) the resolution's text is as exported.
   */
  document?: ExportDocument;
  /** The sealed minutes it was compared with. */
  meeting?: { id: string; title: string; cellId: string; approvedAt: string | null; hash: string | null };
}

/** What an exported file says about itself. */
interface FileClaims {
  format: 'docx' | 'pdf';
  hash: string | null;
  meetingId: string | null;
  /** Which document: the minutes, or one drawn from them (null: a name this version does not know). */
  document: ExportDocument | null;
  /** DOCX: whether its paragraphs still have the digest written at export; null when it carries none (PDF). */
  textIntact: boolean | null;
}

const xmlText = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/g, '&');

/** The paragraphs of word/document.xml as text: runs joined, breaks as new lines, empty paragraphs left out. */
function docxParagraphsFromXml(xml: string): string[] {
  return Array.from(xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g), ([p]) =>
    Array.from(p.matchAll(/<w:t(?:\s[^>]*)?>([^<]*)<\/w:t>|<w:br\/>/g), (m) =>
      m[0] === '<w:br/>' ? '\n' : xmlText(m[1] ?? ''),
    ).join(''),
  ).filter((t) => t.length > 0);
}

/**
 * The document a file names: the minutes when it names none (files exported
 * before the key existed), null for a name this version does not know.
 */
function documentNamed(value: string | null): ExportDocument | null {
  if (value === null) return 'minutes';
  return (EXPORT_DOCUMENTS as readonly string[]).includes(value) ? (value as ExportDocument) : null;
}

function docxClaims(bytes: Uint8Array): FileClaims {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, { filter: (f) => f.name === 'docProps/custom.xml' || f.name === 'word/document.xml' });
  } catch {
    throw invalidInput({ file: 'bad_file' });
  }
  const custom = files['docProps/custom.xml'] ? strFromU8(files['docProps/custom.xml']) : '';
  const property = (name: string) =>
    new RegExp(`name="${name}"[^>]*>\\s*<vt:lpwstr>([^<]*)</vt:lpwstr>`).exec(custom)?.[1] ?? null;
  const digest = property(META_TEXT_KEY);
  const body = files['word/document.xml'] ? strFromU8(files['word/document.xml']) : null;
  return {
    format: 'docx',
    hash: property(META_SEAL_KEY),
    meetingId: property(META_MEETING_KEY),
    document: documentNamed(property(META_DOCUMENT_KEY)),
    textIntact: digest && body !== null ? textDigest(docxParagraphsFromXml(body)) === digest : null,
  };
}

/**
 * The PDF's document information dictionary and the strings it points to
 * are plain objects, not compressed streams, so its entries are read from
 * the bytes. pdfkit writes each value as an indirect object holding an ASCII
 * literal string, "(…)"; a direct value is read too.
 */
function pdfClaims(bytes: Uint8Array): FileClaims {
  const text = Buffer.from(bytes).toString('latin1');
  const entry = (name: string): string | null => {
    const found = new RegExp(`/${name}\\s*(?:\\(([^)]*)\\)|(\\d+) 0 R)`).exec(text);
    if (!found) return null;
    if (found[1] !== undefined) return found[1];
    return new RegExp(`(?:^|\\s)${found[2]} 0 obj\\s*\\(([^)]*)\\)`).exec(text)?.[1] ?? null;
  };
  return {
    format: 'pdf',
    hash: entry(META_SEAL_KEY),
    meetingId: entry(META_MEETING_KEY),
    document: documentNamed(entry(META_DOCUMENT_KEY)),
    textIntact: null,
  };
}

/** Reads what an exported file claims: DOCX (a zip) or PDF; anything else is refused. */
export function fileClaims(bytes: Uint8Array): FileClaims {
  if (bytes.byteLength > VERIFY_MAX_BYTES) throw invalidInput({ file: 'bad_file' });
  const head = Buffer.from(bytes.subarray(0, 5)).toString('latin1');
  if (head.startsWith('PK\u0003\u0004')) return docxClaims(bytes);
  if (head === '%PDF-') return pdfClaims(bytes);
  throw invalidInput({ file: 'bad_file' });
}

/**
 * Whether a hash, or an exported file, matches sealed minutes. A hash
 * matches when sealed minutes carry it and their stored record still hashes
 * to it. A file matches when the hash it carries (in its metadata) is its
 * meeting's seal, that record is intact and, for a DOCX, its paragraphs are
 * still the ones exported. A file without a seal (a draft, any other file)
 * or a hash no sealed minutes carry is unknown.
 *
 * A resolution is drawn from the sealed record and carries the seal of the
 * minutes it was drawn from, so it is answered on the same terms, and the
 * answer names the document: "matches" says the minutes it names are sealed
 * and intact and (DOCX) the resolution's paragraphs are as exported. Its
 * text is not rebuilt from the record (the signer's name and the attendance
 * base are today's members), so a PDF's words are not compared, as for the
 * minutes.
 */
export async function verifyExport(services: Services, input: VerifyInput): Promise<VerifyResult> {
  let claims: FileClaims | null = null;
  let hash: string | null;
  if ('hash' in input) {
    const parsed = sealHashSchema.safeParse(input.hash);
    if (!parsed.success) throw invalidInput({ hash: 'bad_hash' });
    hash = parsed.data;
  } else {
    claims = fileClaims(input.file);
    hash = claims.hash;
  }
  const about = claims?.document ? { document: claims.document } : {};
  if (!hash) return { result: 'unknown', reason: 'no_seal', hash: null, ...about };
  const byId = claims?.meetingId ? await services.meetings.getMeeting(claims.meetingId) : undefined;
  const byHash = await services.db
    .selectFrom('meetings')
    .selectAll()
    .where('content_hash', '=', hash)
    .where('state', '=', 'approved')
    .executeTakeFirst();
  const meeting = byId ?? byHash;
  if (!meeting) return { result: 'unknown', reason: 'unknown_hash', hash, ...about };
  const summary = {
    id: meeting.id,
    title: meeting.title,
    cellId: meeting.cell_id,
    approvedAt: meeting.approved_at,
    hash: meeting.content_hash,
  };
  const answer = (result: VerifyResult['result'], reason?: VerifyReason): VerifyResult => ({
    result,
    ...(reason ? { reason } : {}),
    hash,
    ...about,
    meeting: summary,
  });
  if (meeting.state !== 'approved' || meeting.content_hash !== hash) return answer('does_not_match', 'hash_differs');
  const check = await verifySealedVersion(services, meeting.id);
  if (!check || check.recomputed !== check.stored || check.stored !== hash)
    return answer('does_not_match', 'record_altered');
  if (claims?.textIntact === false) return answer('does_not_match', 'text_differs');
  return answer('matches');
}
