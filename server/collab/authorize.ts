import type { IncomingMessage } from 'node:http';
import { documentAccess } from '../auth/policy';
import { tokenFromRequest } from '../auth/token';
import type { Services } from '../services';
import { docIdSchema } from '../../lib/schemas';
import { colorFor, type AwarenessIdentity } from './awareness-rewrite';

export type UpgradeDecision =
  | {
      ok: true;
      userId: string;
      identity: AwarenessIdentity;
      access: 'edit' | 'read';
      tokenExp: number;
      sessionVersion: number;
    }
  | { ok: false; status: 401 | 403 }
  /** Authenticated, but the document id is not a document: accepted, then closed with 4404 so the client stops retrying. */
  | { ok: false; status: 'invalid-document' };

/**
 * Decides an upgrade to /collab/<docId> before the socket opens: the session
 * cookie must hold a valid, unrevoked session (else 401) and the permission
 * policy must grant the user read or edit access to the meeting (else 403).
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
  const meeting = await services.meetings.getMeeting(docId);
  if (!meeting) return { ok: false, status: 'invalid-document' };
  const subject = await services.organisations.subjectFor(user);
  const access = documentAccess(subject, { cellId: meeting.cell_id, state: meeting.state });
  if (access === 'none') return { ok: false, status: 403 };
  return {
    ok: true,
    userId: user.id,
    identity: { id: user.id, name: user.name, color: colorFor(user.id) },
    access,
    tokenExp: token.exp,
    sessionVersion: token.sv,
  };
}

/**
 * Re-checks a live connection: null when its session was revoked or the user
 * deleted (close 4401), 'none' when access was lost (close 4403), else the
 * current access.
 */
export async function currentAccess(
  services: Services,
  userId: string,
  docId: string,
  sessionVersion: number | undefined,
): Promise<'edit' | 'read' | 'none' | null> {
  const user = await services.accounts.getUser(userId);
  if (!user || (sessionVersion !== undefined && user.sessionVersion !== sessionVersion)) return null;
  const meeting = await services.meetings.getMeeting(docId);
  if (!meeting) return 'none';
  const subject = await services.organisations.subjectFor(user);
  return documentAccess(subject, { cellId: meeting.cell_id, state: meeting.state });
}
