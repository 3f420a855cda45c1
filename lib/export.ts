import { z } from './zod-setup';

/** The document formats minutes are exported in; the route /meetings/<id>/export/<format> serves each. */
const EXPORT_FORMATS = ['docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (value: string): value is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(value);

/**
 * The documents drawn from a meeting's record: the minutes (biên bản), and
 * the resolution (nghị quyết), which states what the meeting decided and the
 * tasks it set. The export route and the print page take `?document=`.
 */
export const EXPORT_DOCUMENTS = ['minutes', 'resolution'] as const;
export type ExportDocument = (typeof EXPORT_DOCUMENTS)[number];

/** The query parameter that names the document; without it the minutes are meant. */
export const DOCUMENT_PARAM = 'document';

/**
 * The document a request asks for: the minutes when the parameter is absent,
 * null (answered 404) for a value that names no document or for the
 * parameter given more than once.
 */
export function exportDocumentOf(values: readonly string[]): ExportDocument | null {
  if (values.length === 0) return 'minutes';
  if (values.length > 1) return null;
  const [value] = values;
  return (EXPORT_DOCUMENTS as readonly string[]).includes(value!) ? (value as ExportDocument) : null;
}

const documentQuery = (document: ExportDocument) => (document === 'minutes' ? '' : `?${DOCUMENT_PARAM}=${document}`);

/** Where a document is downloaded; the minutes keep their address without a query. */
export const exportPath = (meetingId: string, format: ExportFormat, document: ExportDocument = 'minutes') =>
  `/meetings/${meetingId}/export/${format}${documentQuery(document)}`;

/** Where a document is laid out for the browser's own print. */
export const printPath = (meetingId: string, document: ExportDocument = 'minutes') =>
  `/meetings/${meetingId}/print${documentQuery(document)}`;

/** Where a copy of approved minutes is checked, printed on every approved export. */
export const VERIFY_PATH = '/verify';

/**
 * The largest file verification reads: exported minutes are tens of
 * kilobytes, a long one a few hundred; the page's upload stays within the
 * server actions' body limit (next.config.js).
 */
export const VERIFY_MAX_BYTES = 10 * 1024 * 1024;

/** A seal hash as printed on approved minutes: SHA-256, 64 hexadecimal digits (pasted in either case). */
export const sealHashSchema = z
  .string()
  .trim()
  .transform((s) => s.toLowerCase())
  .pipe(z.string().regex(/^[0-9a-f]{64}$/, 'bad_hash'));
