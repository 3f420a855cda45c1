/**
 * Limits of the meeting forms, apart from their schemas (lib/meeting-schemas.ts,
 * which re-exports them): the forms show them from the first paint, while zod
 * and the schemas load with the first form sent.
 */

/** Guidance on approved minutes, in characters. */
export const GUIDANCE_MAX = 5_000;

/** A version's name, in characters. */
export const VERSION_LABEL_MAX = 80;

/** The note of a meeting recorded as not held, in characters. */
export const NOT_HELD_NOTE_MAX = 500;

/** Attachments: what the server accepts. */
export const ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;
export const ATTACHMENT_TYPES = [
  'application/pdf',
  'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'image/jpeg',
  'image/png',
  'text/plain',
] as const;
