import type { MeetingPermissions, MeetingResource, Subject } from '../../lib/policy';
import { meetingPermissions } from '../../lib/policy';
import type { Meeting } from '../db/schema';
import { forbidden, notFound } from '../errors';
import type { Services } from '../services';
import type { MemberRow } from '../services/organisations';
import type { SessionUser } from '../services/accounts';

export interface MeetingContext {
  meeting: Meeting;
  /** The meeting as the policy sees it. */
  resource: MeetingResource;
  subject: Subject;
  permissions: MeetingPermissions;
  members: MemberRow[];
}

/** Loads a meeting with what the policy needs; 404 for a user who may not even know it exists. */
export async function meetingContext(
  services: Services,
  meetingId: string,
  user: SessionUser,
): Promise<MeetingContext> {
  const found = await services.meetings.getMeetingWithResource(meetingId);
  if (!found) throw notFound('meeting_not_found');
  const subject = await services.organisations.subjectFor(user);
  const permissions = meetingPermissions(subject, found.resource);
  if (permissions.access === 'none') throw notFound('meeting_not_found');
  const members = await services.organisations.listMembers(found.meeting.cell_id);
  return { meeting: found.meeting, resource: found.resource, subject, permissions, members };
}

/** Throws 403 unless the policy granted it. */
export function ensure(granted: boolean): void {
  if (!granted) throw forbidden();
}
