import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/options';
import { classifySignIn } from '../../bench/scenarios/sign-in-storm';
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

/** An environment holding only `vars`. */
const env = (vars: Record<string, string> = {}) => ({ NODE_ENV: 'test', ...vars }) as NodeJS.ProcessEnv;

describe('the bench: options of the new parts', () => {
  it('reads the server checkout and the storm size from flags or the environment', () => {
    const flags = ['--only', 'signin,s1', '--server-dir', '/srv/old'];
    const options = parseOptions(flags, env({ BENCH_SIGNIN_ATTEMPTS: '30' }));
    expect(options).toMatchObject({ only: 'signin,s1', serverDir: '/srv/old', signinAttempts: 30 });
    expect(parseOptions([], env()).serverDir).toBe('');
  });

  it('refuses a part --only does not know, rather than running nothing', () => {
    expect(() => parseOptions(['--only', 'signn'], env())).toThrow(/unknown part signn/);
  });
});
