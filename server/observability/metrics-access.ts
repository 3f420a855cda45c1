import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import { normaliseAddress } from '../net/client-address';

/** Headers a reverse proxy adds: a request that carries one was relayed for someone else. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

function isLoopback(address: string): boolean {
  const plain = normaliseAddress(address);
  return plain === '::1' || (isIP(plain) === 4 && plain.startsWith('127.'));
}

function sameSecret(given: string, expected: string): boolean {
  // Digests of equal length, so the comparison takes the same time whatever was sent.
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

export type MetricsAccess = 'allowed' | 'needs-token' | 'forbidden';

/**
 * Who may read /metrics, which names the instance, counts requests and
 * documents and shows the process's internals: a client on this machine that
 * connects directly, or anyone with `Authorization: Bearer <METRICS_TOKEN>`
 * when that is set. A request relayed by a reverse proxy on this machine
 * comes from a loopback address too, so one that carries a forwarding header
 * is not taken as local.
 */
export function metricsAccess(req: IncomingMessage, token: string | undefined): MetricsAccess {
  const authorization = req.headers.authorization ?? '';
  if (token !== undefined && authorization.startsWith('Bearer ')) {
    if (sameSecret(authorization.slice('Bearer '.length).trim(), token)) return 'allowed';
  }
  const forwarded = FORWARDING_HEADERS.some((name) => req.headers[name] !== undefined);
  if (!forwarded && isLoopback(req.socket.remoteAddress ?? '')) return 'allowed';
  return token === undefined ? 'forbidden' : 'needs-token';
}
