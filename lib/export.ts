import { z } from './zod-setup';

/** The document formats minutes are exported in; the route /meetings/<id>/export/<format> serves each. */
export const EXPORT_FORMATS = ['docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const isExportFormat = (value: string): value is ExportFormat =>
  (EXPORT_FORMATS as readonly string[]).includes(value);

/** Where a copy of approved minutes is checked, printed on every approved export. */
export const VERIFY_PATH = '/verify';

export const exportPath = (meetingId: string, format: ExportFormat) => `/meetings/${meetingId}/export/${format}`;

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
