import { encode } from 'next-auth/jwt';
import { SESSION_MAX_AGE_S } from '../../server/auth/options';

/** The cookie next-auth sets on plain-http installations. */
export const SESSION_COOKIE = 'next-auth.session-token';

/**
 * A session cookie for a user, encrypted with the installation's secret
 * exactly as next-auth does at sign-in (same claims as server/auth/options.ts).
 * Used where a test needs the collaboration server without the Next pages;
 * tests/integration/sign-in.test.ts covers the real sign-in flow.
 */
export async function sessionCookieFor(
  secret: string,
  user: { id: string; email: string; name: string; sessionVersion: number; isAdmin?: boolean },
  maxAgeSeconds = SESSION_MAX_AGE_S,
): Promise<string> {
  const token = await encode({
    secret,
    maxAge: maxAgeSeconds,
    token: {
      sub: user.id,
      uid: user.id,
      sv: user.sessionVersion,
      admin: user.isAdmin ?? false,
      name: user.name,
      email: user.email,
    },
  });
  return `${SESSION_COOKIE}=${token}`;
}

/**
 * One sign-in through next-auth's real credentials endpoint, as its own
 * client makes it: the session cookie a browser would then send, or the
 * error next-auth answered with ("CredentialsSignin", "rate_limited").
 */
export async function attemptSignIn(
  baseUrl: string,
  email: string,
  password: string,
  headers: Record<string, string> = {},
): Promise<{ cookie: string | null; error: string | null }> {
  const csrfResponse = await fetch(`${baseUrl}/api/auth/csrf`, { headers });
  const { csrfToken } = (await csrfResponse.json()) as { csrfToken: string };
  const csrfCookies = csrfResponse.headers.getSetCookie().map((c) => c.split(';')[0]);
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookies.join('; ') },
    body: new URLSearchParams({ csrfToken, login: email, password, json: 'true' }),
  });
  // Asked for JSON, it answers with the URL it would redirect to.
  const body = (await response.json().catch(() => ({}))) as { url?: string };
  const cookie =
    response.headers
      .getSetCookie()
      .map((c) => c.split(';')[0]!)
      .find((c) => c.includes('next-auth.session-token=')) ?? null;
  const location = body.url ?? response.headers.get('location') ?? '';
  return { cookie, error: location ? new URL(location, baseUrl).searchParams.get('error') : null };
}

/** Signs in and returns the Cookie header a browser would then send, or null when refused. */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string | null> {
  return (await attemptSignIn(baseUrl, email, password)).cookie;
}
