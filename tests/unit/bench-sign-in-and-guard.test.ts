import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/options';
import { classifySignIn } from '../../bench/scenarios/sign-in-storm';
import type { GuardCase } from '../../bench/scenarios/update-guard-cost';
import { guardShares, type PropagationComparison } from '../../bench/summary';
import { SIGN_IN_LIMITED } from '../../lib/sign-in';

const json = (url: string) => JSON.stringify({ url });

describe('the bench: reading next-auth answers to a sign-in storm', () => {
  it('tells a checked wrong password from an attempt the limit refused unchecked', () => {
    const base = 'http://127.0.0.1:3000/api/auth/error';
    expect(classifySignIn(401, json(`${base}?error=CredentialsSignin&provider=credentials`), [])).toBe('wrongPassword');
    expect(classifySignIn(401, json(`${base}?error=${SIGN_IN_LIMITED}`), [])).toBe('limited');
  });

  it('counts a session, a server error or an unreadable answer as neither', () => {
    const signedIn = ['next-auth.session-token=abc; Path=/; HttpOnly', 'next-auth.csrf-token=x; Path=/'];
    expect(classifySignIn(200, json('http://127.0.0.1:3000/'), signedIn)).toBe('signedIn');
    expect(classifySignIn(500, json('http://127.0.0.1:3000/api/auth/error?error=CredentialsSignin'), [])).toBe('other');
    expect(classifySignIn(200, '<html>', [])).toBe('other');
    expect(classifySignIn(401, json('http://127.0.0.1:3000/api/auth/error?error=Configuration'), [])).toBe('other');
    // An emptied session cookie (sign-out) is no session.
    expect(
      classifySignIn(401, json('/api/auth/error?error=CredentialsSignin'), ['next-auth.session-token=; Max-Age=0']),
    ).toBe('wrongPassword');
  });
});

describe('the bench: the update check against the server CPU per typed character', () => {
  const typed: GuardCase = {
    key: 'typedCharacter',
    title: 'one typed character',
    verdict: 'accept',
    updateBytes: 20,
    us: { count: 1, p50: 9, p95: 9, p99: 9, max: 9 },
    meanUs: 10,
  };

  it('divides the server CPU of a scenario by the characters typed, every receiver included', () => {
    // 200 clients: each typed character reaches 199 receivers; 2,000 typed, 398,000 delivered, 8 s of CPU.
    const s1 = {
      spec: { key: 's1', title: '', rooms: 1, clientsPerRoom: 200, rate: 10, durationS: 10, cursor: true },
      ours: {
        runs: [
          { serverCpuMs: 5000, changes: 1200, delivered: 238_800 },
          { serverCpuMs: 3000, changes: 800, delivered: 159_200 },
        ],
        cpuMsPer1000Delivered: (8000 / 398_000) * 1000,
      },
    } as unknown as PropagationComparison;
    const [share] = guardShares({ s1 }, { cases: [typed] });
    expect(share!.cpuUsPerChange).toBeCloseTo(4000);
    // The same figure from the table: CPU ms per 1,000 delivered × (clients − 1) is µs per typed character.
    expect(share!.cpuUsPerChange).toBeCloseTo(s1.ours.cpuMsPer1000Delivered * 199);
    expect(share!.share).toBeCloseTo(10 / 4000);
  });

  it('has nothing to compare without the typing case or without propagation runs', () => {
    expect(guardShares({}, { cases: [typed] })).toEqual([]);
    expect(guardShares({}, { cases: [] })).toEqual([]);
  });
});

/** An environment holding only `vars`. */
const env = (vars: Record<string, string> = {}) => ({ NODE_ENV: 'test', ...vars }) as NodeJS.ProcessEnv;

describe('the bench: options of the new parts', () => {
  it('reads the server checkout and the storm size from flags or the environment', () => {
    const flags = ['--only', 'signin,guard', '--server-dir', '/srv/old'];
    const options = parseOptions(flags, env({ BENCH_SIGNIN_ATTEMPTS: '30' }));
    expect(options).toMatchObject({ only: 'signin,guard', serverDir: '/srv/old', signinAttempts: 30 });
    expect(parseOptions([], env()).serverDir).toBe('');
  });

  it('refuses a part --only does not know, rather than running nothing', () => {
    expect(() => parseOptions(['--only', 'signn'], env())).toThrow(/unknown part signn/);
  });
});
