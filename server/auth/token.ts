import hkdf from '@panva/hkdf';
import { jwtDecrypt } from 'jose';
import { getToken, type JWT, type JWTDecodeParams } from 'next-auth/jwt';
import type { IncomingMessage } from 'node:http';
import type { SessionClaims } from './options';

/** Parses a Cookie header into a name → value map (values URL-decoded). */
function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    const raw = part.slice(eq + 1).trim();
    try {
      out[name] = decodeURIComponent(raw);
    } catch {
      out[name] = raw;
    }
  }
  return out;
}

export interface VerifiedToken extends SessionClaims {
  /** Expiry as a Unix time in seconds. */
  exp: number;
}

/** The encryption key next-auth derives from the secret, derived once per secret. */
const derivedKeys = new Map<string, Promise<Uint8Array>>();

function encryptionKey(secret: string | Buffer): Promise<Uint8Array> {
  const id = typeof secret === 'string' ? secret : secret.toString('base64');
  let key = derivedKeys.get(id);
  if (!key) {
    key = hkdf('sha256', secret, '', 'NextAuth.js Generated Encryption Key', 32);
    derivedKeys.set(id, key);
  }
  return key;
}

/**
 * next-auth's own session-token decoding (A256GCM with the key derived from
 * the secret by HKDF, 15 s clock tolerance), except that the key is derived
 * once instead of for every token: deriving it was most of the cost of
 * authenticating a websocket upgrade, which matters when a thousand
 * clients reconnect at once.
 */
export async function decodeSessionToken({ token, secret }: JWTDecodeParams): Promise<JWT | null> {
  if (!token) return null;
  const { payload } = await jwtDecrypt(token, await encryptionKey(secret), { clockTolerance: 15 });
  return payload as JWT;
}

/**
 * Decodes the next-auth session cookie of a raw HTTP request (the websocket
 * upgrade). getToken ignores a bare Cookie header, so the cookies are parsed
 * and passed explicitly. Null for a missing, forged or expired token.
 */
export async function tokenFromRequest(req: IncomingMessage, secret: string): Promise<VerifiedToken | null> {
  const cookies = parseCookies(req.headers.cookie);
  const secureCookie = Object.keys(cookies).some((name) => name.startsWith('__Secure-next-auth.session-token'));
  const token = await getToken({
    req: { headers: req.headers as Record<string, string>, cookies } as never,
    secret,
    secureCookie,
    decode: decodeSessionToken,
  });
  if (!token || typeof token.uid !== 'string' || typeof token.sv !== 'number') return null;
  const exp = typeof token.exp === 'number' ? token.exp : 0;
  if (exp * 1000 <= Date.now()) return null;
  return { uid: token.uid, sv: token.sv, admin: token.admin === true, exp };
}
