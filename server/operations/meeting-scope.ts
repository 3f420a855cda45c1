import type * as Y from 'yjs';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { countAttendance } from '../../lib/rules/attendance';
import type { MeetingState } from '../../lib/domain';
import { meetingContext, type MeetingContext } from '../meeting/context';
import { changeMeetingState, type MeetingStateChange } from '../meeting/state';
import { AppError } from '../errors';
import { log } from '../log';
import type { Caller, OperationDeps } from './define';

/** What every operation on one meeting shares: how its context is loaded, and its queue. */
export const onMeeting = {
  load: (deps: OperationDeps, caller: Caller, input: { meetingId: string }): Promise<MeetingContext> =>
    meetingContext(deps.services, input.meetingId, caller.user),
  serialise: (input: { meetingId: string }) => `meeting:${input.meetingId}`,
};

/** The states in which a meeting's record can still change. */
export const OPEN_STATES = ['scheduled', 'in_progress', 'closed'] as const;

export function memberOf(ctx: MeetingContext, userId: string) {
  return ctx.members.find((m) => m.userId === userId);
}

/** The present-member numbers votes are measured against, from the live attendance. */
export function attendanceNumbers(ctx: MeetingContext, doc: Y.Doc) {
  const marks = new Map(Array.from(meetingDoc.attendance(doc).entries()));
  return countAttendance(
    ctx.members.map((m) => ({ userId: m.userId, status: m.status })),
    marks,
  );
}

/** Refuses an operation whose input was well-formed but not acceptable now (422), and logs why. */
export function refuse(code: string, operation: string, userId: string, fields: Record<string, unknown> = {}): never {
  log.warn('meeting.operation_refused', { operation, userId, code, ...fields });
  throw new AppError(code, 422);
}

/** The meeting changed state or record: project it now, without making the caller wait. */
export function projectSoon(deps: OperationDeps, meetingId: string): void {
  void deps.docs.read(meetingId, (doc) => deps.projector.projectNow(meetingId, doc));
}

/** Changes the meeting's row (its one home for state and roles) and mirrors it into the live document. */
export function changeState(
  deps: OperationDeps,
  meetingId: string,
  change: MeetingStateChange,
  from: readonly MeetingState[],
) {
  return changeMeetingState({ db: deps.services.db, docs: deps.docs }, meetingId, change, from);
}
