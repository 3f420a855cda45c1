import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Security headers on every response of the HTTP server. The
 * Content-Security-Policy carries a fresh nonce per request: Next.js reads it
 * from the request's own Content-Security-Policy header and puts it on the
 * scripts it renders (its inline bootstrap included), and 'strict-dynamic'
 * lets those scripts load the rest of the build. Nothing else may run.
 * Styles may be inline: the editor positions carets and menus with style
 * attributes.
 */
export interface SecurityHeaderOptions {
  /** Development: Next's hot reload evaluates code. */
  dev: boolean;
  /** Whether the public URL is https (then HSTS too); a trusted proxy's X-Forwarded-Proto also says so. */
  https: boolean;
  trustedProxy(req: IncomingMessage): boolean;
}

function contentSecurityPolicy(nonce: string, host: string | undefined, dev: boolean): string {
  const sockets = host ? ` ws://${host} wss://${host}` : '';
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${sockets}`,
    "worker-src 'self'",
    "manifest-src 'self'",
    "frame-src 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
  ].join('; ');
}

/** The Permissions-Policy: nothing here needs a camera, a microphone, a location or a payment. */
const PERMISSIONS_POLICY = [
  'camera=()',
  'microphone=()',
  'geolocation=()',
  'payment=()',
  'usb=()',
  'interest-cohort=()',
  'browsing-topics=()',
].join(', ');

/** One year, subdomains included: once a site is on https it stays there. */
const HSTS = 'max-age=31536000; includeSubDomains';

/**
 * Sets the headers on `res` and hands the request's nonce to Next.js (via
 * the request's Content-Security-Policy header, which only this server sets).
 */
export function applySecurityHeaders(req: IncomingMessage, res: ServerResponse, options: SecurityHeaderOptions): void {
  const nonce = randomBytes(16).toString('base64');
  const csp = contentSecurityPolicy(nonce, req.headers.host, options.dev);
  req.headers['content-security-policy'] = csp;
  res.setHeader('Content-Security-Policy', csp);
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  // Invite and reset links carry their token in the path: never send it to another site.
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', PERMISSIONS_POLICY);
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  const forwardedHttps = options.trustedProxy(req) && req.headers['x-forwarded-proto'] === 'https';
  if (options.https || forwardedHttps) res.setHeader('Strict-Transport-Security', HSTS);
}
