import { getServerSession } from 'next-auth';
import type { Subject } from '../../lib/policy';
import { getRuntime } from '../runtime';
import type { SessionUser } from '../services/accounts';
import { authOptions } from './options';

/**
 * The signed-in user for a page, route handler or server action, re-read from
 * the database on every request: a session whose version is no longer the
 * user's (signed out everywhere, password changed) or whose user is gone
 * counts as signed out at once, exactly as on the websocket. Expired tokens
 * never get this far (next-auth refuses them). Null when nobody is signed in.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const claims = session?.user as { id?: unknown; sv?: unknown } | undefined;
  if (typeof claims?.id !== 'string' || typeof claims.sv !== 'number') return null;
  const user = await getRuntime().services.accounts.getUser(claims.id);
  if (!user || user.sessionVersion !== claims.sv) return null;
  return user;
}

/** The signed-in user with what the permission policy needs, or null. */
export async function currentSubject(): Promise<{ user: SessionUser; subject: Subject } | null> {
  const user = await currentUser();
  if (!user) return null;
  const subject = await getRuntime().services.organisations.subjectFor(user);
  return { user, subject };
}
