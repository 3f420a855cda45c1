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

  async function client(user: CellFixture['member'], options: { ownPresenceOnly?: boolean } = {}): Promise<TestClient> {
    const c = connectClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(secret, user), options);
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

  it("sends the server a watching member's own presence only, not everyone else's back", async () => {
    const writer = await client(fixture.secretary);
    const watcher = await client(fixture.member, { ownPresenceOnly: true });
    await Promise.all([writer.synced(), watcher.synced()]);
    const socket = watcher.provider.ws!;
    const send = socket.send.bind(socket);
    const presenceSent: number[] = [];
    socket.send = (data: ArrayBufferLike | ArrayBufferView | Blob | string) => {
      // A y-websocket frame's first byte is its message type; 1 is awareness.
      if (data instanceof Uint8Array && data[0] === 1) presenceSent.push(data.length);
      send(data);
    };
    const caretOf = (c: TestClient, of: TestClient) =>
      (c.provider.awareness.getStates().get(of.doc.clientID) as { cursor?: { index?: number } } | undefined)?.cursor
        ?.index;
    for (let index = 1; index <= 20; index++) writer.provider.awareness.setLocalStateField('cursor', { index });
    await waitFor(() => caretOf(watcher, writer) === 20, 10_000, "the writer's caret never reached the watcher");
    expect(presenceSent).toEqual([]);

    // Its own presence still goes out, and reaches the others.
    watcher.provider.awareness.setLocalStateField('cursor', { index: 7 });
    await waitFor(() => caretOf(writer, watcher) === 7, 10_000, "the watcher's caret never reached the writer");
    expect(presenceSent).toHaveLength(1);
  });
});
