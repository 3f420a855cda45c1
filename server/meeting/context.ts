import type { MeetingCapabilities, Subject } from '../auth/policy';
import { documentAccess, meetingCapabilities } from '../auth/policy';
import type { Meeting } from '../db/schema';
import { forbidden, notFound } from '../errors';
import type { Services } from '../services';
import type { MemberRow } from '../services/organisations';
import type { SessionUser } from '../services/accounts';

export interface MeetingContext {
  meeting: Meeting;
  subject: Subject;
  caps: MeetingCapabilities;
  members: MemberRow[];
}

/** Loads a meeting with what the policy needs; 404 for a user who may not even read it. */
export async function meetingContext(
  services: Services,
  meetingId: string,
  user: SessionUser,
): Promise<MeetingContext> {
  const meeting = await services.meetings.getMeeting(meetingId);
  if (!meeting) throw notFound('meeting_not_found');
  const subject = await services.organisations.subjectFor(user);
  const resource = {
    cellId: meeting.cell_id,
    state: meeting.state,
    chairId: meeting.chair_id,
    secretaryId: meeting.secretary_id,
  };
  if (documentAccess(subject, resource) === 'none') throw notFound('meeting_not_found');
  const members = await services.organisations.listMembers(meeting.cell_id);
  return { meeting, subject, caps: meetingCapabilities(subject, resource), members };
}

/** Throws 403 unless the capability is granted. */
export function ensure(granted: boolean): void {
  if (!granted) throw forbidden();
}
