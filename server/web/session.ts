import { cookies } from 'next/headers';
import { redirect } from 'next/navigation';
import { cache } from 'react';
import { currentSubject } from '../auth/current-user';
import type { Subject } from '../../lib/policy';
import type { SessionUser } from '../services/accounts';

export interface Current {
  user: SessionUser;
  subject: Subject;
}

/** The signed-in user and subject, read once per request however many components ask. */
export const getCurrent = cache(async (): Promise<Current | null> => currentSubject());

const SESSION_COOKIES = ['next-auth.session-token', '__Secure-next-auth.session-token'];

/**
 * The signed-in user, or a redirect to the sign-in page that brings them back
 * to `returnTo`. A session cookie that no longer names a valid session (the
 * user was signed out everywhere, or removed) says so on the sign-in page.
 */
export async function requireCurrent(returnTo: string): Promise<Current> {
  const current = await getCurrent();
  if (current) return current;
  const jar = await cookies();
  const hadSession = jar.getAll().some((c) => SESSION_COOKIES.some((name) => c.name.startsWith(name)));
  const params = new URLSearchParams({ callbackUrl: returnTo });
  if (hadSession) params.set('reason', 'expired');
  redirect(`/signin?${params.toString()}`);
}
