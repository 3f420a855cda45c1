import { headers } from 'next/headers';

/**
 * The nonce of this request's Content-Security-Policy (server/net/security-headers.ts
 * puts the policy on the request for Next.js), for a script the page renders itself.
 */
export async function cspNonce(): Promise<string | undefined> {
  const policy = (await headers()).get('content-security-policy') ?? '';
  return /'nonce-([^']+)'/.exec(policy)?.[1];
}
