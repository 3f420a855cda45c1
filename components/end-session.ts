/** Where next-auth answers (app/api/auth/[...nextauth]). */
const AUTH_PATH = '/api/auth';

/**
 * Ends this browser's session on the server, as next-auth's own client does
 * (a CSRF token, then a form post to its sign-out endpoint), without loading
 * that client: it is 13 KiB of script on every page for one button, and on a
 * slow link each page waits for it. Throws when the server did not end the
 * session, so nothing kept on the device is removed for a session still open.
 */
export async function endSession(): Promise<void> {
  const csrf = await fetch(`${AUTH_PATH}/csrf`, { credentials: 'same-origin', cache: 'no-store' });
  const { csrfToken } = (await csrf.json()) as { csrfToken?: unknown };
  if (!csrf.ok || typeof csrfToken !== 'string') throw new Error(`no sign-out token (HTTP ${csrf.status})`);
  const response = await fetch(`${AUTH_PATH}/signout`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ csrfToken, callbackUrl: '/signin', json: 'true' }),
  });
  if (!response.ok) throw new Error(`sign-out refused (HTTP ${response.status})`);
}
