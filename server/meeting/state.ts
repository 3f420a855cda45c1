import type * as Y from 'yjs';
import type { MeetingState, MemberRole, MemberStatus } from '../../lib/domain';
import type { FactData } from '../../lib/minutes/facts';
import { countAttendance } from '../../lib/rules/attendance';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import type { Db } from '../db/connection';
import type { Meeting } from '../db/schema';
import { conflict } from '../errors';
import type { MeetingDocs } from './docs';

/**
 * A meeting's state (scheduled → in progress → closed → approved), its
 * chair, minutes-taker and presenter, and when it started and ended have one
 * home: the meetings row. The policy, the pages and every operation read the
 * row. Live pages cannot read the database, so the document carries a mirror
 * of these facts in its session map, written here and nowhere else: after
 * every change of the row, and whenever the document is loaded (which heals
 * a mirror that missed a change because the process stopped in between).
 */

/** The row's facts, as the mirror holds them. */
export type MeetingFacts = {
  state: MeetingState;
  chairId: string | null;
  secretaryId: string | null;
  presenterId: string | null;
  startedAt: string | null;
  endedAt: string | null;
};

function factsOf(meeting: Meeting): MeetingFacts {
  return {
    state: meeting.state,
    chairId: meeting.chair_id,
    secretaryId: meeting.secretary_id,
    presenterId: meeting.presenter_id,
    startedAt: meeting.started_at,
    endedAt: meeting.ended_at,
  };
}

/** Brings the document's mirror in step with the row; returns whether anything had to change. */
export function writeMirror(doc: Y.Doc, meeting: Meeting): boolean {
  const session = meetingDoc.session(doc);
  let changed = false;
  for (const [key, value] of Object.entries(factsOf(meeting))) {
    if (value === null) {
      if (session.has(key)) {
        session.delete(key);
        changed = true;
      }
    } else if (session.get(key) !== value) {
      session.set(key, value);
      changed = true;
    }
  }
  return changed;
}

/** The columns an operation may change, by their row names. */
export type MeetingStateChange = Partial<
  Pick<
    Meeting,
    | 'state'
    | 'chair_id'
    | 'secretary_id'
    | 'presenter_id'
    | 'started_at'
    | 'ended_at'
    | 'not_held_reason'
    | 'not_held_note'
    | 'not_held_at'
    | 'not_held_by'
  >
>;

/**
 * Changes a meeting's state in its row, only if it is still in one of the
 * states `from` (so two chairs pressing Start at once start it once), then
 * mirrors the row into the live document. A conflict when it was not.
 */
export async function changeMeetingState(
  deps: { db: Db; docs: MeetingDocs },
  meetingId: string,
  change: MeetingStateChange,
  from: readonly MeetingState[],
): Promise<Meeting> {
  const updated = await deps.db
    .updateTable('meetings')
    .set(change)
    .where('id', '=', meetingId)
    .where('state', 'in', from)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw conflict('meeting_state_changed');
  const meeting = await deps.db
    .selectFrom('meetings')
    .selectAll()
    .where('id', '=', meetingId)
    .executeTakeFirstOrThrow();
  if (meeting.state !== 'approved') await deps.docs.change(meetingId, (doc) => writeMirror(doc, meeting));
  return meeting;
}

/** What the facts of the minutes are drawn from, on the server: the row, the cell's members and the live attendance. */
export function factDataOf(
  meeting: Meeting,
  members: readonly { userId: string; name: string; role: MemberRole; status: MemberStatus }[],
  doc: Y.Doc,
  timeZone: string,
): FactData {
  const person = (id: string | null) => members.find((m) => m.userId === id);
  const chair = person(meeting.chair_id);
  const secretary = person(meeting.secretary_id);
  const presenter = person(meeting.presenter_id);
  const marks = new Map(Array.from(meetingDoc.attendance(doc).entries()));
  return {
    timeZone,
    scheduledStart: meeting.starts_at,
    startedAt: meeting.started_at ?? undefined,
    endedAt: meeting.ended_at ?? undefined,
    chair: chair ? { name: chair.name, role: chair.role } : null,
    secretary: secretary ? { name: secretary.name } : null,
    presenter: presenter ? { name: presenter.name } : null,
    attendance: marks.size > 0 ? countAttendance(members, marks) : null,
  };
}
