import { z } from './zod-setup';
import { MEETING_CLASSIFICATIONS, MEETING_KINDS, MEMBER_ROLES, MEMBER_STATUSES } from './domain';

/**
 * Input schemas shared by forms, route handlers, server actions and the CLI.
 * Messages are keys under "errors." in messages/*.json.
 */
const trimmed = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');

export const emailSchema = z.string().trim().toLowerCase().email('invalid_email').max(254, 'too_long');
export const passwordSchema = z.string().min(10, 'password_too_short').max(200, 'too_long');

export const setupSchema = z.object({
  adminName: trimmed(120),
  email: emailSchema,
  password: passwordSchema,
  committeeName: trimmed(200),
  cellName: trimmed(200),
});
export type SetupInput = z.infer<typeof setupSchema>;

/** Sign-in: `login` is an email or a phone number (lib/sign-in.ts parseSignInName reads which). */
export const signInSchema = z.object({
  login: trimmed(254),
  password: z.string().min(1, 'required').max(200, 'too_long'),
});

export const memberSchema = z.object({
  name: trimmed(120),
  email: emailSchema,
  role: z.enum(MEMBER_ROLES, 'invalid_choice'),
  status: z.enum(MEMBER_STATUSES, 'invalid_choice'),
});
export type MemberInput = z.infer<typeof memberSchema>;

export const cellSchema = z.object({
  committeeId: z.string().uuid('invalid_id'),
  name: trimmed(200),
});

/**
 * Local date-time as a datetime-local field sends it ("2026-12-05T19:30",
 * seconds optional). Meetings happen in local time: an offset or "Z" would
 * shift the hour printed in the minutes, so it is refused. Normalised to
 * minutes precision.
 */
const dateTimeSchema = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, 'invalid_datetime')
  .refine((value) => !Number.isNaN(Date.parse(value)) && isRealDate(value), 'invalid_datetime')
  .transform((value) => value.slice(0, 16));

/** Rejects dates Date.parse rolls over, such as 2026-02-31. */
function isRealDate(value: string): boolean {
  const [y, m, d] = value.slice(0, 10).split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const meetingSchema = z.object({
  kind: z.enum(MEETING_KINDS, 'invalid_choice'),
  startsAt: dateTimeSchema,
  place: trimmed(200),
  title: z.string().trim().max(200, 'too_long').optional(),
  /** Thematic and combined meetings: the topic (chuyên đề). */
  topic: z.string().trim().max(300, 'too_long').optional(),
  classification: z.enum(MEETING_CLASSIFICATIONS, 'invalid_choice').optional(),
});
export type MeetingInput = z.infer<typeof meetingSchema>;

export const inviteRedeemSchema = z.object({
  token: z.string().regex(/^[A-Za-z0-9_-]{20,100}$/, 'invalid_invite'),
  password: passwordSchema,
});

/** Live document ids are meeting ids: UUIDs, nothing else reaches the database. */
export const docIdSchema = z.string().uuid();

/** Maps zod issues to { field: messageKey } for forms. */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join('.') || '_';
    if (!(key in out)) out[key] = issue.message;
  }
  return out;
}
