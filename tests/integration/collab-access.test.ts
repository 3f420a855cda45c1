import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODES } from '../../lib/collab/close-codes';
import { connectClient, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { readMetrics } from '../helpers/prometheus';
import { openRawClient, refusedStatus } from '../helpers/raw-client';
import { authSecretOf, makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedMinutes } from '../helpers/stored';
import { encodeUpdate } from '../../server/collab/protocol';

describe('who may open a document, and what they may do there', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let secret: string;
  const clients: TestClient[] = [];

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir, env: { COLLAB_REVALIDATE_INTERVAL_MS: '500' } });
    secret = authSecretOf(dataDir);
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  const cookie = (user: CellFixture['member'], maxAge?: number) => sessionCookieFor(secret, user, maxAge);

  it('refuses an upgrade without a session cookie with HTTP 401', async () => {
    expect(await refusedStatus(openRawClient(server.wsUrl, fixture.meetingId, null))).toBe(401);
  });

  it('refuses a forged session cookie with HTTP 401', async () => {
    const forged = await sessionCookieFor('x'.repeat(40), fixture.member);
    expect(await refusedStatus(openRawClient(server.wsUrl, fixture.meetingId, forged))).toBe(401);
  });

  it('refuses a member of another cell with HTTP 403', async () => {
    expect(await refusedStatus(openRawClient(server.wsUrl, fixture.meetingId, await cookie(fixture.stranger)))).toBe(
      403,
    );
  });

  it('closes with 4404 for an id that is not a document', async () => {
    const bad = await openRawClient(server.wsUrl, 'not-a-uuid', await cookie(fixture.member));
    expect(await bad.closed).toBe(CLOSE_CODES.invalidDocument);
    const unknown = await openRawClient(server.wsUrl, randomUUID(), await cookie(fixture.member));
    expect(await unknown.closed).toBe(CLOSE_CODES.invalidDocument);
  });

  it("never lets a read-only member's edits reach others or the database", async () => {
    const editor = connectClient(server.wsUrl, fixture.meetingId, await cookie(fixture.secretary));
    const reader = connectClient(server.wsUrl, fixture.meetingId, await cookie(fixture.exempted));
    clients.push(editor, reader);
    await Promise.all([editor.synced(), reader.synced()]);
    const before = await readMetrics(server.url);

    reader.appendParagraph('Sửa trái phép từ người chỉ được đọc');
    // A raw client sends a well-formed update too, bypassing any client-side check.
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, await cookie(fixture.exempted));
    const rogue = new Y.Doc();
    rogue.getXmlFragment('minutes').push([new Y.XmlText('raw rogue edit')]);
    raw.send(encodeUpdate(Y.encodeStateAsUpdate(rogue)));

    // The editor's next edit reaching the reader proves the server processed everything before it.
    editor.appendParagraph('Mốc kiểm tra');
    await waitFor(() => reader.content().includes('Mốc kiểm tra'), 10_000, 'editor edit never reached reader');
    await waitFor(() => editor.content().includes('Mốc kiểm tra'), 10_000, 'editor lost its own edit');
    await editor.saved();
    const after = await readMetrics(server.url);

    expect(editor.content()).not.toContain('Sửa trái phép');
    expect(editor.content()).not.toContain('raw rogue edit');
    const stored = await storedMinutes(fixture.services.docStore, fixture.meetingId);
    expect(stored).not.toContain('Sửa trái phép');
    expect(stored).not.toContain('raw rogue edit');
    expect(stored).toContain('Mốc kiểm tra');
    expect(
      after.bienban_collab_readonly_updates_dropped_total! - before.bienban_collab_readonly_updates_dropped_total!,
    ).toBeGreaterThanOrEqual(2);
    raw.ws.close();
  });

  it('ends a live connection with 4401 when the session is revoked', async () => {
    const user = await fixture.services.accounts.getUser(fixture.member.id);
    const client = connectClient(server.wsUrl, fixture.meetingId, await cookie(user!));
    clients.push(client);
    await client.synced();
    await fixture.services.accounts.revokeSessions(fixture.member.id);
    await waitFor(
      () => client.closeCodes.includes(CLOSE_CODES.unauthorized),
      10_000,
      'connection was not closed with 4401',
    );
    // The 3.x client stops retrying on 44xx.
    expect(client.provider.shouldConnect).toBe(false);
  });

  it('ends a live connection with 4401 when the session expires', async () => {
    const client = connectClient(server.wsUrl, fixture.meetingId, await cookie(fixture.secretary, 3));
    clients.push(client);
    await client.synced();
    await waitFor(
      () => client.closeCodes.includes(CLOSE_CODES.unauthorized),
      15_000,
      'connection was not closed at expiry',
    );
  });
});
