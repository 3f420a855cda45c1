import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from '../../lib/safe-redirect';
import { createSignInLimiter, DEFAULT_SIGN_IN_LIMITS, signInLimitsFromEnv } from '../../server/auth/sign-in-limiter';
import { clientAddress } from '../../server/net/client-address';

describe('the sign-in limiter', () => {
  const limits = { MAX_FAILURES_PER_ACCOUNT: 3, MAX_FAILURES_PER_ADDRESS: 5, FAILURE_WINDOW_MS: 60_000 };

  it('refuses an account after its limit of failures, until the oldest leaves the window', () => {
    let now = 0;
    const limiter = createSignInLimiter(limits, () => now);
    for (let i = 0; i < 3; i++) {
      expect(limiter.check('an@x.vn', `10.0.0.${i}`)).toEqual({ allowed: true });
      limiter.failed('an@x.vn', `10.0.0.${i}`);
      now += 1000;
    }
    expect(limiter.check('an@x.vn', '10.9.9.9')).toEqual({ allowed: false, retryAfterMs: 57_000, by: 'account' });
    expect(limiter.check('binh@x.vn', '10.9.9.9')).toEqual({ allowed: true });
    now = 60_001;
    expect(limiter.check('an@x.vn', '10.9.9.9')).toEqual({ allowed: true });
  });

  it('refuses an address after its limit of failures across accounts', () => {
    const limiter = createSignInLimiter(limits, () => 0);
    for (let i = 0; i < 5; i++) limiter.failed(`user${i}@x.vn`, '198.51.100.4');
    expect(limiter.check('new@x.vn', '198.51.100.4')).toMatchObject({ allowed: false, by: 'address' });
    expect(limiter.check('new@x.vn', '198.51.100.5')).toEqual({ allowed: true });
  });

  it("forgets an account's failures after a successful sign-in", () => {
    const limiter = createSignInLimiter(limits, () => 0);
    limiter.failed('an@x.vn', 'a');
    limiter.failed('an@x.vn', 'b');
    limiter.succeeded('an@x.vn');
    limiter.failed('an@x.vn', 'c');
    limiter.failed('an@x.vn', 'd');
    expect(limiter.check('an@x.vn', 'e')).toEqual({ allowed: true });
  });

  it('takes its limits from SIGNIN_ variables and refuses a bad value at start-up', () => {
    expect(signInLimitsFromEnv({})).toEqual(DEFAULT_SIGN_IN_LIMITS);
    expect(signInLimitsFromEnv({ SIGNIN_MAX_FAILURES_PER_ACCOUNT: '10' }).MAX_FAILURES_PER_ACCOUNT).toBe(10);
    expect(() => signInLimitsFromEnv({ SIGNIN_FAILURE_WINDOW_MS: 'soon' })).toThrow(/SIGNIN_FAILURE_WINDOW_MS/);
  });
});

describe('the client address', () => {
  const request = (peer: string, forwarded?: string) =>
    ({
      socket: { remoteAddress: peer },
      headers: forwarded ? { 'x-forwarded-for': forwarded } : {},
    }) as unknown as IncomingMessage;

  it('is the socket peer unless the peer is a trusted proxy', () => {
    expect(clientAddress(request('203.0.113.9', '10.1.1.1'), [])).toBe('203.0.113.9');
    expect(clientAddress(request('::ffff:203.0.113.9'), [])).toBe('203.0.113.9');
    expect(clientAddress(request('127.0.0.1', '10.1.1.1'), ['127.0.0.1'])).toBe('10.1.1.1');
  });

  it('is the right-most address a trusted proxy did not add, whatever the client wrote before it', () => {
    expect(clientAddress(request('127.0.0.1', '6.6.6.6, 10.1.1.1, 127.0.0.2'), ['127.0.0.1', '127.0.0.2'])).toBe(
      '10.1.1.1',
    );
  });
});

describe('where sign-in may send someone', () => {
  it('keeps paths on this site and refuses everything that could leave it', () => {
    expect(safeCallbackUrl('/meetings/abc?tab=1#x')).toBe('/meetings/abc?tab=1#x');
    for (const evil of [
      '/\t/example.com',
      '/\n/example.com',
      '//example.com',
      '/\\example.com',
      '\\\\example.com',
      'https://example.com',
      'javascript:alert(1)',
      ' /x',
      '',
      42,
    ])
      expect(safeCallbackUrl(evil), JSON.stringify(evil)).toBe('/');
  });
});
