import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { safeCallbackUrl } from '../../lib/safe-redirect';
import { createSignInLimiter, DEFAULT_SIGN_IN_LIMITS, signInLimitsFromEnv } from '../../server/auth/sign-in-limiter';
import { clientAddress } from '../../server/net/client-address';

describe('the sign-in limiter', () => {
  const limits = { MAX_FAILURES_PER_ACCOUNT: 3, MAX_FAILURES_PER_ADDRESS: 5, FAILURE_WINDOW_MS: 60_000 };

  it('refuses an account after its limit of failed attempts, until the oldest leaves the window', () => {
    let now = 0;
    const limiter = createSignInLimiter(limits, () => now);
    for (let i = 0; i < 3; i++) {
      const attempt = limiter.attempt('an@x.vn', `10.0.0.${i}`);
      expect(attempt.allowed).toBe(true);
      if (attempt.allowed) attempt.settle(false);
      now += 1000;
    }
    expect(limiter.attempt('an@x.vn', '10.9.9.9')).toEqual({ allowed: false, retryAfterMs: 57_000, by: 'account' });
    expect(limiter.attempt('binh@x.vn', '10.9.9.9').allowed).toBe(true);
    now = 60_001;
    expect(limiter.attempt('an@x.vn', '10.9.9.9').allowed).toBe(true);
  });

  it('counts attempts sent at once before any of them has been checked', () => {
    // Twenty wrong passwords in one burst: only as many as the limit reach the password hash.
    const limiter = createSignInLimiter(limits, () => 0);
    const burst = Array.from({ length: 20 }, () => limiter.attempt('an@x.vn', '10.0.0.1'));
    expect(burst.filter((a) => a.allowed)).toHaveLength(3);
    expect(burst.slice(3).every((a) => !a.allowed && a.by === 'account')).toBe(true);
  });

  it('refuses an address after its limit of attempts across accounts', () => {
    const limiter = createSignInLimiter(limits, () => 0);
    for (let i = 0; i < 5; i++) {
      const attempt = limiter.attempt(`user${i}@x.vn`, '198.51.100.4');
      if (attempt.allowed) attempt.settle(false);
    }
    expect(limiter.attempt('new@x.vn', '198.51.100.4')).toMatchObject({ allowed: false, by: 'address' });
    expect(limiter.attempt('new@x.vn', '198.51.100.5').allowed).toBe(true);
  });

  it("takes back a successful attempt and forgets the account's failures", () => {
    const limiter = createSignInLimiter(limits, () => 0);
    for (const outcome of [false, false, true, false, false]) {
      const attempt = limiter.attempt('an@x.vn', 'a');
      expect(attempt.allowed).toBe(true);
      if (attempt.allowed) attempt.settle(outcome);
    }
    expect(limiter.attempt('an@x.vn', 'a').allowed).toBe(true);
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
