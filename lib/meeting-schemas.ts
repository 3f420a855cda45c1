import { z } from './zod-setup';
import { GUIDANCE_MAX, NOT_HELD_NOTE_MAX, VERSION_LABEL_MAX } from './meeting-limits';
import { ATTENDANCE_STATUSES } from './rules/attendance';
import { TASK_STATUSES } from './rules/tasks';
import { VOTE_BASES, VOTE_THRESHOLDS } from './rules/votes';
import { VOTE_METHODS, VOTE_SUBJECTS } from './meeting-doc/layout';
import { NOT_HELD_REASONS } from './domain';

/**
 * Inputs of the live meeting operations (attendance, floor, votes, session,
 * closing, follow-up), shared by forms and the server. Messages are keys
 * under "errors.".
 */
const id = z.string().uuid('invalid_id');
const text = (max: number) => z.string().trim().min(1, 'required').max(max, 'too_long');

export const attendanceMarkSchema = z
  .object({
    meetingId: id,
    userId: id,
    status: z.enum(ATTENDANCE_STATUSES, 'invalid_choice'),
    reason: z.string().trim().max(500, 'too_long').optional(),
  })
  .refine((v) => v.status !== 'absent_with_reason' || (v.reason?.length ?? 0) > 0, {
    message: 'reason_required',
    path: ['reason'],
  });

export const sessionRolesSchema = z.object({
  meetingId: id,
  chairId: id,
  secretaryId: id,
  /** Thematic and combined meetings: who presents the introductory paper (đề dẫn). */
  presenterId: id.optional(),
});

export const floorRequestSchema = z.object({ meetingId: id });
export const addSpeakerSchema = z.object({ meetingId: id, userId: id });
export const floorDecisionSchema = z.object({ meetingId: id, requestId: id });
export const currentSectionSchema = z.object({
  meetingId: id,
  sectionId: z.string().regex(/^s(-\d{1,3}){1,4}$/, 'invalid_id'),
});

export const openVoteSchema = z.object({
  meetingId: id,
  subject: z.enum(VOTE_SUBJECTS, 'invalid_choice'),
  title: text(300),
  method: z.enum(VOTE_METHODS, 'invalid_choice'),
});

const count = z.coerce.number().int('vote_counts_not_whole').min(0, 'vote_counts_not_whole').max(100_000, 'too_large');
export const voteCountsSchema = z.object({
  meetingId: id,
  voteId: id,
  for: count,
  against: count,
  other: count,
  otherOpinions: z.string().trim().max(2000, 'too_long').optional(),
});

export const ballotSchema = z.object({
  meetingId: id,
  voteId: id,
  choice: z.enum(['for', 'against', 'other'], 'invalid_choice'),
});
export const closeVoteSchema = z.object({
  meetingId: id,
  voteId: id,
  /** The chair saw that fewer present members confirmed than are present, and closes anyway. */
  acceptIncomplete: z.boolean().optional(),
});
export const reopenVoteSchema = z.object({ meetingId: id, voteId: id });

export const meetingIdSchema = z.object({ meetingId: id });
export const acknowledgeSchema = z.object({
  meetingId: id,
  role: z.enum(['chair', 'secretary'], 'invalid_choice'),
  /** The confirmer saw the lines of the minutes still holding a blank, and confirms anyway. */
  acceptBlanks: z.boolean().optional(),
});

export const amendmentSchema = z.object({ meetingId: id, body: text(10_000) });

/** Guidance on approved minutes: on the whole record, or on the section whose heading carries `sectionId`. */
export const guidanceSchema = z.object({
  meetingId: id,
  sectionId: z.string().trim().max(100, 'too_long').optional(),
  body: text(GUIDANCE_MAX),
});

/** A version of the minutes saved by hand, under a name the minutes-taker chooses ("Sau phần thảo luận"). */
export const saveVersionSchema = z.object({ meetingId: id, label: text(VERSION_LABEL_MAX) });

/** YYYY-MM-DD, a real calendar date. */
export const dueDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'invalid_date')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number) as [number, number, number];
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'invalid_date');

export const taskStatusSchema = z.object({ taskId: id, status: z.enum(TASK_STATUSES, 'invalid_choice') });

export const cellSettingsSchema = z.object({
  cellId: id,
  voteBase: z.enum(VOTE_BASES, 'invalid_choice'),
  voteThreshold: z.enum(VOTE_THRESHOLDS, 'invalid_choice'),
  absenceStreak: z.coerce.number().int().min(2, 'too_small').max(12, 'too_large'),
});

export const oversightSchema = z.object({ cellId: id, email: z.string().trim().toLowerCase().email('invalid_email') });
export const overseerRemovalSchema = z.object({ cellId: id, userId: id });

/** A member invited to (or uninvited from) a committee meeting. */
export const inviteeSchema = z.object({ meetingId: id, userId: id });

/** A scheduled meeting recorded as not held: postponed or cancelled, and why, in a sentence or two. */
export const notHeldSchema = z.object({
  meetingId: id,
  reason: z.enum(NOT_HELD_REASONS, 'invalid_choice'),
  note: text(NOT_HELD_NOTE_MAX),
});

export const preparationSchema = z.object({
  meetingId: id,
  item: z.enum(['draft_resolution', 'notified'], 'invalid_choice'),
  done: z.boolean(),
});

export {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  GUIDANCE_MAX,
  NOT_HELD_NOTE_MAX,
  VERSION_LABEL_MAX,
} from './meeting-limits';
