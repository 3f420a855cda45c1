import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient } from '../helpers/clients';
import { seedCell, TEST_PASSWORD, type CellFixture } from '../helpers/fixtures';
import { openRawClient, UpgradeRefused } from '../helpers/raw-client';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { signIn } from '../helpers/session';

describe('signing in through next-auth and opening the live document with that session', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir, withNext: true });
  });

  afterAll(async () => {
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  it('serves the pages and the websocket on the same port', async () => {
    const page = await fetch(`${server.url}/signin`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<html');
  });

  it('issues a session cookie for the right password that the collaboration server accepts', async () => {
    const cookie = await signIn(server.url, fixture.member.email, TEST_PASSWORD);
    expect(cookie).toMatch(/next-auth\.session-token=/);
    const client = connectClient(server.wsUrl, fixture.meetingId, cookie);
    await client.synced();
    expect(client.content()).toContain('BIÊN BẢN');
    client.destroy();
  });

  it('issues no session for a wrong password or an unknown email', async () => {
    expect(await signIn(server.url, fixture.member.email, 'wrong password here')).toBeNull();
    expect(await signIn(server.url, 'nobody@test.vn', TEST_PASSWORD)).toBeNull();
  });

  it('signs in a member known by phone only with the number written any way, once a link set their password', async () => {
    // As the member import leaves a member with a phone and no email.
    const row = await fixture.services.organisations.addMember(fixture.cellId, {
      name: 'Hoàng Văn Số',
      email: 'so-dien-thoai@test.vn',
      role: 'member',
      status: 'full',
    });
    await fixture.services.db
      .updateTable('users')
      .set({ email: null, phone: '0987654321' })
      .where('id', '=', row.userId)
      .execute();
    const { token } = await fixture.services.accounts.createInvite(row.userId, fixture.secretary.id);
    await fixture.services.accounts.redeemInvite(token, TEST_PASSWORD);

    for (const written of ['0987654321', '0987 654 321', '0987.654.321', '+84 987 654 321', '84987654321']) {
      const cookie = await signIn(server.url, written, TEST_PASSWORD);
      expect(cookie, written).toMatch(/next-auth\.session-token=/);
    }
    const cookie = (await signIn(server.url, '0987654321', TEST_PASSWORD))!;
    const client = connectClient(server.wsUrl, fixture.meetingId, cookie);
    await client.synced();
    client.destroy();

    expect(await signIn(server.url, '0987654321', 'wrong password here')).toBeNull();
    expect(await signIn(server.url, '0987654322', TEST_PASSWORD)).toBeNull();
    expect(await signIn(server.url, 'not a number', TEST_PASSWORD)).toBeNull();
  });

  it('refuses the websocket for a cookie from a failed sign-in', async () => {
    await expect(
      openRawClient(server.wsUrl, fixture.meetingId, 'next-auth.session-token=garbage'),
    ).rejects.toBeInstanceOf(UpgradeRefused);
  });
});
