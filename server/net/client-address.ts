import type { IncomingMessage } from 'node:http';

/**
 * The address a request comes from, for rate limits and the audit log.
 * Behind a reverse proxy the socket's peer is the proxy; its
 * X-Forwarded-For is believed only when the peer is one of the configured
 * TRUSTED_PROXIES, and then the right-most address in the chain that is not a
 * trusted proxy is the client (anything left of it the client could have
 * written itself).
 */
export function clientAddress(req: IncomingMessage, trustedProxies: readonly string[]): string {
  const peer = normaliseAddress(req.socket.remoteAddress ?? 'unknown');
  if (!trustedProxies.includes(peer)) return peer;
  const header = req.headers['x-forwarded-for'];
  const chain = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((part) => normaliseAddress(part.trim()))
    .filter(Boolean);
  for (let i = chain.length - 1; i >= 0; i--) if (!trustedProxies.includes(chain[i]!)) return chain[i]!;
  return peer;
}

/** "::ffff:10.0.0.1" and "10.0.0.1" are one address. */
export function normaliseAddress(address: string): string {
  return address.startsWith('::ffff:') && address.includes('.') ? address.slice(7) : address;
}

/**
 * The request header through which the HTTP server hands the client's
 * address to the pages. It is overwritten on every request, so a client
 * cannot set it.
 */
export const CLIENT_ADDRESS_HEADER = 'x-bienban-client-address';
