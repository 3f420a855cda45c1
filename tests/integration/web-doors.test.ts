import { execFile } from 'node:child_process';
import { statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAction } from '../helpers/actions';
import { seedCell, TEST_PASSWORD, type CellFixture } from '../helpers/fixtures';
import {
  authSecretOf,
  makeDataDir,
  PROJECT_ROOT,
  removeDataDir,
  startServer,
  type RunningServer,
} from '../helpers/server';
import { attemptSignIn, sessionCookieFor } from '../helpers/session';
import { entryPointArgs } from '../helpers/entry-point';

const run = promisify(execFile);

async function cli(dataDir: string, ...args: string[]): Promise<unknown> {
  const { stdout } = await run(process.execPath, [...entryPointArgs(PROJECT_ROOT, 'cli').args, ...args], {
    cwd: PROJECT_ROOT,
    env: { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'error' },
  });
  return JSON.parse(stdout);
}

describe('every HTTP door checks who is there', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let secret: string;
  let attachmentId: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    attachmentId = crypto.randomUUID();
    await fixture.services.db
      .insertInto('attachments')
      .values({
        id: attachmentId,
        meeting_id: fixture.meetingId,
        name: 'du-thao.txt',
        mime: 'text/plain',
        size: 2,
        sha256: '',
        data: new Uint8Array([104, 105]),
        uploaded_by: fixture.secretary.id,
        created_at: new Date().toISOString(),
      })
      .execute();
    server = await startServer({
      dataDir,
      withNext: true,
      env: { TRUSTED_PROXIES: '127.0.0.1', SIGNIN_MAX_FAILURES_PER_ADDRESS: '8' },
    });
    secret = authSecretOf(dataDir);
  });

  afterAll(async () => {
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  it('stops a revoked session on pages, server actions and downloads, not only on the websocket', async () => {
    const cookie = await sessionCookieFor(secret, fixture.member);
    const page = `${server.url}/meetings/${fixture.meetingId}`;
    expect((await fetch(page, { headers: { cookie }, redirect: 'manual' })).status).toBe(200);
    expect((await fetch(`${server.url}/api/attachments/${attachmentId}`, { headers: { cookie } })).status).toBe(200);
    const before = await callAction(server.url, cookie, 'operationAction', `/meetings/${fixture.meetingId}`, [
      'requestFloor',
      { meetingId: fixture.meetingId },
    ]);
    expect(before.result).toMatchObject({ code: 'meeting_not_in_progress' });

    await fixture.services.accounts.revokeSessions(fixture.member.id);

    const redirected = await fetch(page, { headers: { cookie }, redirect: 'manual' });
    expect(redirected.status).toBe(307);
    expect(redirected.headers.get('location')).toContain('/signin?callbackUrl=');
    expect(redirected.headers.get('location')).toContain('reason=expired');
    expect((await fetch(`${server.url}/api/attachments/${attachmentId}`, { headers: { cookie } })).status).toBe(401);
    const after = await callAction(server.url, cookie, 'operationAction', `/meetings/${fixture.meetingId}`, [
      'requestFloor',
      { meetingId: fixture.meetingId },
    ]);
    expect(after.result).toMatchObject({ ok: false, code: 'signed_out' });
  });

  it('sends the security headers on every page, HSTS only when a trusted proxy says the request came over https', async () => {
    const first = await fetch(`${server.url}/signin`);
    const second = await fetch(`${server.url}/signin`);
    const csp = first.headers.get('content-security-policy') ?? '';
    expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toBe(second.headers.get('content-security-policy'));
    const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
    // Next puts the same nonce on the scripts it renders.
    expect(await first.text()).toContain(`nonce="${nonce}"`);
    expect(first.headers.get('x-content-type-options')).toBe('nosniff');
    expect(first.headers.get('x-frame-options')).toBe('DENY');
    expect(first.headers.get('referrer-policy')).toBe('same-origin');
    expect(first.headers.get('permissions-policy')).toContain('camera=()');
    expect(first.headers.get('strict-transport-security')).toBeNull();
    const proxied = await fetch(`${server.url}/signin`, { headers: { 'x-forwarded-proto': 'https' } });
    expect(proxied.headers.get('strict-transport-security')).toContain('max-age=');
    await second.arrayBuffer();
    await proxied.arrayBuffer();
  });

  it('limits wrong passwords per account, and lets the right one in only after the limit has passed', async () => {
    const email = fixture.exempted.email;
    for (let i = 0; i < 5; i++) {
      const attempt = await attemptSignIn(server.url, email, 'sai mật khẩu rồi', {
        'x-forwarded-for': `10.0.0.${i + 1}`,
      });
      expect(attempt).toEqual({ cookie: null, error: 'CredentialsSignin' });
    }
    // From yet another address, even the right password is refused unchecked while the account is limited.
    expect(await attemptSignIn(server.url, email, TEST_PASSWORD, { 'x-forwarded-for': '10.0.1.1' })).toEqual({
      cookie: null,
      error: 'rate_limited',
    });
    // Another account is not affected.
    expect((await attemptSignIn(server.url, fixture.secretary.email, TEST_PASSWORD)).cookie).not.toBeNull();
  });

  it('limits wrong passwords per client address, as named by a trusted proxy', async () => {
    const forwarded = { 'x-forwarded-for': '203.0.113.7' };
    for (let i = 0; i < 8; i++) {
      const attempt = await attemptSignIn(server.url, `khong-ai-${i}@test.vn`, 'sai mật khẩu rồi', forwarded);
      expect(attempt.error).toBe('CredentialsSignin');
    }
    expect((await attemptSignIn(server.url, fixture.member.email, TEST_PASSWORD, forwarded)).error).toBe(
      'rate_limited',
    );
    // Another client behind the same proxy is not.
    expect(
      (await attemptSignIn(server.url, fixture.member.email, TEST_PASSWORD, { 'x-forwarded-for': '203.0.113.8' }))
        .cookie,
    ).not.toBeNull();
  });

  it('checks no more than the limit of a burst of wrong passwords for one account sent at once', async () => {
    const email = fixture.member.email;
    const burst = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        attemptSignIn(server.url, email, 'đoán mò lần nữa', { 'x-forwarded-for': `192.0.2.${i + 1}` }),
      ),
    );
    expect(burst.filter((a) => a.error === 'CredentialsSignin')).toHaveLength(5);
    expect(burst.filter((a) => a.error === 'rate_limited')).toHaveLength(15);
  });

  it('records sign-ins, refusals and limits in the audit log, with the client address', async () => {
    const entries = (await cli(dataDir, 'audit', '--limit', '200')) as {
      action: string;
      address: string | null;
      details: { login?: string };
    }[];
    const actions = new Set(entries.map((e) => e.action));
    expect(actions).toContain('auth.sign_in');
    expect(actions).toContain('auth.sign_in_refused');
    expect(actions).toContain('auth.sign_in_limited');
    expect(actions).toContain('auth.sessions_revoked');
    const limited = entries.find(
      (e) => e.action === 'auth.sign_in_limited' && e.details.login === fixture.exempted.email,
    );
    expect(limited?.address).toBe('10.0.1.1');
    expect(entries.some((e) => e.action === 'auth.sign_in_refused' && e.address === '203.0.113.7')).toBe(true);
  });

  it('keeps redirects after sign-in on this site, whatever callbackUrl holds', async () => {
    const cookie = await sessionCookieFor(secret, fixture.secretary);
    for (const target of [
      '/\t/example.com',
      '//example.com',
      'https://example.com/',
      '/\\example.com',
      'javascript:alert(1)',
    ]) {
      const response = await fetch(`${server.url}/signin?${new URLSearchParams({ callbackUrl: target })}`, {
        headers: { cookie },
        redirect: 'manual',
      });
      await response.arrayBuffer();
      expect(response.status, target).toBe(307);
      expect(response.headers.get('location'), target).toBe('/');
    }
    const kept = await fetch(`${server.url}/signin?callbackUrl=${encodeURIComponent('/tasks?x=1')}`, {
      headers: { cookie },
      redirect: 'manual',
    });
    expect(kept.headers.get('location')).toBe('/tasks?x=1');
  });

  it('keeps the data directory, the database and the session secret readable by the service user only', () => {
    const mode = (file: string) => statSync(file).mode & 0o777;
    expect(mode(dataDir)).toBe(0o700);
    expect(mode(path.join(dataDir, 'bienban.sqlite'))).toBe(0o600);
    expect(mode(path.join(dataDir, 'auth-secret'))).toBe(0o600);
  });
});

describe('setup on an installation the operator provisioned', () => {
  it('is closed once an administrator exists, however it was created', async () => {
    const dataDir = makeDataDir();
    try {
      await cli(dataDir, 'create-user', '--email', 'root@test.vn', '--name', 'Quản trị', '--admin');
      const server = await startServer({ dataDir, withNext: true });
      try {
        const page = await fetch(`${server.url}/setup`);
        expect(await page.text()).toContain('data-testid="setup-closed"');
        const call = await callAction(server.url, null, 'completeSetupAction', '/setup', [
          { status: 'idle', errors: {}, values: {} },
          (() => {
            const form = new FormData();
            for (const [k, v] of Object.entries({
              adminName: 'Kẻ lạ',
              email: 'la@test.vn',
              password: 'mật khẩu dài dài',
              passwordConfirm: 'mật khẩu dài dài',
              committeeName: 'X',
              cellName: 'Y',
            }))
              form.set(k, v);
            return form;
          })(),
        ]);
        expect(call.result).toMatchObject({ status: 'error', code: 'setup_closed' });
      } finally {
        await server.stop();
      }
      const users = (await cli(dataDir, 'list-cells')) as unknown[];
      expect(users).toEqual([]);
    } finally {
      removeDataDir(dataDir);
    }
  });
});
