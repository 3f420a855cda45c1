import type { IncomingMessage } from 'node:http';
import { meetingPermissions } from '../../lib/policy';
import type { ClientRoot } from '../../lib/meeting-doc/write-rules';
import { tokenFromRequest } from '../auth/token';
import type { Meeting } from '../db/schema';
import type { Services } from '../services';
import type { SessionUser } from '../services/accounts';
import { docIdSchema } from '../../lib/schemas';
import { colorFor, type AwarenessIdentity } from './awareness-rewrite';
import { writeScopeOf } from './update-guard';

export type UpgradeDecision =
  | {
      ok: true;
      user: SessionUser;
      meeting: Meeting;
      identity: AwarenessIdentity;
      access: 'edit' | 'read';
      writes: ReadonlySet<ClientRoot>;
      tokenExp: number;
      sessionVersion: number;
    }
  | { ok: false; status: 401 | 403 }
  /** Authenticated, but the document id is not a document: accepted, then closed with 4404 so the client stops retrying. */
  | { ok: false; status: 'invalid-document' };

/** What the policy grants a user on a meeting's live document, from the meetings row and their memberships. */
async function grant(services: Services, user: SessionUser, meetingId: string) {
  const found = await services.meetings.getMeetingWithResource(meetingId);
  if (!found) return null;
  const subject = await services.organisations.subjectFor(user);
  return { meeting: found.meeting, permissions: meetingPermissions(subject, found.resource) };
}

/**
 * Decides an upgrade to /collab/<docId> before the socket opens: the session
 * cookie must hold a valid, unrevoked session (else 401) and the permission
 * policy must grant the user read or edit access to the meeting (else 403).
 * The policy also says which parts of the document the user may write.
 */
export async function authorizeUpgrade(
  req: IncomingMessage,
  docId: string,
  services: Services,
  secret: string,
): Promise<UpgradeDecision> {
  const token = await tokenFromRequest(req, secret);
  if (!token) return { ok: false, status: 401 };
  const user = await services.accounts.getUser(token.uid);
  if (!user || user.sessionVersion !== token.sv) return { ok: false, status: 401 };
  if (!docIdSchema.safeParse(docId).success) return { ok: false, status: 'invalid-document' };
  const granted = await grant(services, user, docId);
  if (!granted) return { ok: false, status: 'invalid-document' };
  const { access, writes } = granted.permissions;
  if (access === 'none') return { ok: false, status: 403 };
  return {
    ok: true,
    user,
    meeting: granted.meeting,
    identity: { id: user.id, name: user.name, color: colorFor(user.id) },
    access,
    writes: writeScopeOf(writes),
    tokenExp: token.exp,
    sessionVersion: token.sv,
  };
}

/**
 * Re-checks a live connection: null when its session was revoked or the user
 * deleted (close 4401), 'none' when access was lost (close 4403), else the
 * current access and what it may write.
 */
export async function currentAccess(
  services: Services,
  userId: string,
  docId: string,
  sessionVersion: number | undefined,
): Promise<{ access: 'edit' | 'read'; writes: ReadonlySet<ClientRoot> } | 'none' | null> {
  const user = await services.accounts.getUser(userId);
  if (!user || (sessionVersion !== undefined && user.sessionVersion !== sessionVersion)) return null;
  const granted = await grant(services, user, docId);
  if (!granted || granted.permissions.access === 'none') return 'none';
  return { access: granted.permissions.access, writes: writeScopeOf(granted.permissions.writes) };
}
