import { getServerSession } from 'next-auth';
import { getRuntime } from '../runtime';
import type { SessionUser } from '../services/accounts';
import type { Subject } from './policy';
import { authOptions } from './options';

/**
 * The signed-in user for a page, route handler or server action, re-read from
 * the database so that a revoked session or a deleted user counts as signed
 * out at once. Null when nobody is signed in.
 */
export async function currentUser(): Promise<SessionUser | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  return getRuntime().services.accounts.getUser(id);
}

/** The signed-in user with what the permission policy needs, or null. */
export async function currentSubject(): Promise<{ user: SessionUser; subject: Subject } | null> {
  const user = await currentUser();
  if (!user) return null;
  const subject = await getRuntime().services.organisations.subjectFor(user);
  return { user, subject };
}
