import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, converged, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { authSecretOf, makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedMinutes } from '../helpers/stored';

describe('live co-editing through /collab', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let secret: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir });
    secret = authSecretOf(dataDir);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  async function client(user: CellFixture['member']): Promise<TestClient> {
    const c = connectClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(secret, user));
    clients.push(c);
    return c;
  }

  it('gives a joining member the template the server prefilled', async () => {
    const a = await client(fixture.secretary);
    await a.synced();
    expect(a.content()).toContain('BIÊN BẢN');
  });

  it('converges two members typing at the same time', async () => {
    const a = await client(fixture.secretary);
    const b = await client(fixture.member);
    await Promise.all([a.synced(), b.synced()]);
    a.appendParagraph('Đồng chí An: đề nghị bổ sung nội dung.');
    b.appendParagraph('Đồng chí Bình: nhất trí.');
    await converged([a, b]);
    expect(a.content()).toContain('Đồng chí An: đề nghị bổ sung nội dung.');
    expect(a.content()).toContain('Đồng chí Bình: nhất trí.');
  });

  it('reports edits as saved only after the server stored them', async () => {
    const a = await client(fixture.member);
    await a.synced();
    a.appendParagraph('Ý kiến cần lưu.');
    await a.saved();
    expect(await storedMinutes(fixture.services.docStore, fixture.meetingId)).toContain('Ý kiến cần lưu.');
  });

  it('writes the authenticated user into awareness, whatever the client claims', async () => {
    const a = await client(fixture.member);
    const observer = await client(fixture.secretary);
    await Promise.all([a.synced(), observer.synced()]);
    a.provider.awareness.setLocalStateField('user', { name: 'Someone Else', color: '#000000' });
    await waitFor(
      () =>
        (observer.provider.awareness.getStates().get(a.doc.clientID) as { user?: { name?: string } } | undefined)?.user
          ?.name === fixture.member.name,
      10_000,
      'awareness of the member never arrived',
    );
    const state = observer.provider.awareness.getStates().get(a.doc.clientID) as { user: { name: string; id: string } };
    expect(state.user.name).toBe(fixture.member.name);
    expect(state.user.id).toBe(fixture.member.id);
  });
});
