import { headers } from 'next/headers';

/**
 * The origin users reach this installation at, for links shown on screen
 * (invites). NEXTAUTH_URL is the configured public address when set; behind a
 * reverse proxy the forwarded headers name it; otherwise the Host header.
 */
export async function publicOrigin(): Promise<string> {
  const configured = process.env.NEXTAUTH_URL;
  if (configured) {
    try {
      return new URL(configured).origin;
    } catch {
      // A malformed value is reported by the config loader; fall back to the request.
    }
  }
  const h = await headers();
  const host = h.get('x-forwarded-host')?.split(',')[0]?.trim() || h.get('host') || 'localhost';
  const proto = h.get('x-forwarded-proto')?.split(',')[0]?.trim() || 'http';
  return `${proto}://${host}`;
}
