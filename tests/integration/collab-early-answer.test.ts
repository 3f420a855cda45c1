import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { encodeSyncStep1 } from '../../server/collab/protocol';
import { connectClient, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { startInProcess, type InProcessServer } from '../helpers/in-process';
import { readMetrics } from '../helpers/prometheus';
import { openRawClient } from '../helpers/raw-client';
import { makeDataDir, removeDataDir } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';

const PARAGRAPHS = 300;

type SyncFrame = { kind: 'step1' | 'step2' | 'update'; payload: Uint8Array } | { kind: 'other' };

/** A server frame as the y-websocket protocol reads it: sync messages by their step, the rest unread. */
function readFrame(frame: Uint8Array): SyncFrame {
  const decoder = decoding.createDecoder(frame);
  if (decoding.readVarUint(decoder) !== 0) return { kind: 'other' };
  const step = decoding.readVarUint(decoder);
  const payload = decoding.readVarUint8Array(decoder);
  return { kind: step === 0 ? 'step1' : step === 1 ? 'step2' : 'update', payload };
}

/**
 * A document the server has to build before it can answer: a client that
 * holds nothing may start from the stored bytes meanwhile, and must end with
 * exactly what the server holds once it is built, including what changed on
 * the server while it was building.
 */
describe('a fresh client while the document loads', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: InProcessServer;
  let cookie: string;
  const clients: TestClient[] = [];

  const loaded = async () => (await readMetrics(server.url))['bienban_collab_documents_loaded'] ?? 0;
  const earlyAnswers = async () => (await readMetrics(server.url))['bienban_collab_early_answers_total'] ?? 0;
  const untilUnloaded = () => {
    for (const client of clients.splice(0)) client.destroy();
    return waitUntilAsync(async () => (await loaded()) === 0, 'the document never unloaded');
  };

  async function waitUntilAsync(condition: () => Promise<boolean>, message: string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (!(await condition())) {
      if (Date.now() > deadline) throw new Error(`timed out: ${message}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }

  /** What the server holds now, as a client that connects normally receives it. */
  async function serverCopy(): Promise<Y.Doc> {
    const reader = connectClient(server.wsUrl, fixture.meetingId, cookie);
    clients.push(reader);
    await reader.synced();
    return reader.doc;
  }

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    await fixture.handle.close();
    // Every stored document counts as large here, so the small test meeting takes the early path.
    server = await startInProcess(dataDir, {}, { EARLY_ANSWER_MIN_BYTES: 1 });
    cookie = await sessionCookieFor(server.secret, fixture.secretary);
    const writer = connectClient(server.wsUrl, fixture.meetingId, cookie);
    await writer.synced();
    for (let i = 0; i < PARAGRAPHS; i++) writer.appendParagraph(`Đoạn ${i}: ý kiến của đồng chí về công tác chi bộ.`);
    await writer.saved();
    writer.destroy();
  });

  afterAll(async () => {
    for (const client of clients) client.destroy();
    await server?.app.close();
    removeDataDir(dataDir);
  });

  it('answers from the stored bytes before the server sync, and ends with everything the server holds', async () => {
    await untilUnloaded();
    // Changed in the row while the document is not loaded: building it writes the change into it.
    await server.app.runtime.services.db
      .updateTable('meetings')
      .set({ presenter_id: fixture.member.id })
      .where('id', '=', fixture.meetingId)
      .execute();
    const before = await earlyAnswers();
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, cookie);
    raw.send(encodeSyncStep1(new Y.Doc()));
    await waitFor(
      () => raw.frames.map(readFrame).filter((f) => f.kind === 'step2').length >= 2,
      15_000,
      'the client never received the rest after the stored answer',
    );
    const frames = raw.frames.map(readFrame);
    // The stored state came first, before the server had the document to send its own sync step 1.
    expect(frames[0]?.kind).toBe('step2');
    expect(frames.findIndex((f) => f.kind === 'step1')).toBeGreaterThan(0);
    expect(await earlyAnswers()).toBe(before + 1);

    const doc = new Y.Doc();
    for (const frame of frames)
      if (frame.kind === 'step2' || frame.kind === 'update') Y.applyUpdate(doc, frame.payload);
    raw.ws.close();

    const held = await serverCopy();
    expect(meetingDoc.session(doc).get('presenterId')).toBe(fixture.member.id);
    expect(Y.encodeStateVector(doc)).toEqual(Y.encodeStateVector(held));
    expect(doc.getXmlFragment('minutes').toString()).toBe(held.getXmlFragment('minutes').toString());
    expect(doc.getXmlFragment('minutes').length).toBeGreaterThanOrEqual(PARAGRAPHS);
  });

  it('lets a y-websocket client synced early write, and its change is saved and seen by others', async () => {
    await untilUnloaded();
    const before = await earlyAnswers();
    const early = connectClient(server.wsUrl, fixture.meetingId, cookie);
    clients.push(early);
    await early.synced();
    early.appendParagraph('Viết ngay khi văn bản hiện ra');
    await early.saved();
    expect(await earlyAnswers()).toBe(before + 1);
    const other = await serverCopy();
    expect(other.getXmlFragment('minutes').toString()).toContain('Viết ngay khi văn bản hiện ra');
    expect(early.content()).toBe(other.getXmlFragment('minutes').toString());
    early.destroy();
  });

  it('answers a client that already holds a copy after the load, as before', async () => {
    const copy = new Y.Doc();
    Y.applyUpdate(copy, Y.encodeStateAsUpdate(await serverCopy()));
    await untilUnloaded();
    const before = await earlyAnswers();
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, cookie);
    raw.send(encodeSyncStep1(copy));
    await waitFor(() => raw.frames.map(readFrame).some((f) => f.kind === 'step2'), 15_000, 'never answered');
    const frames = raw.frames.map(readFrame);
    expect(frames.findIndex((f) => f.kind === 'step1')).toBeLessThan(frames.findIndex((f) => f.kind === 'step2'));
    expect(await earlyAnswers()).toBe(before);
    raw.ws.close();
  });
});
