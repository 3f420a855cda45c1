import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from '../../lib/collab/messages';
import { DEFAULT_LIMITS } from '../../server/collab/limits';
import { createCollabMetrics } from '../../server/collab/metrics';
import { createRoomRegistry, type RoomRegistry } from '../../server/collab/rooms';
import { openTempDatabase, type TempDatabase } from '../helpers/temp-database';

/** What a client with nothing yet ends up with after applying a sync step 2 frame. */
function textAfterSync(frame: Uint8Array): string {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
  expect(decoding.readVarUint(decoder)).toBe(syncProtocol.messageYjsSyncStep2);
  const doc = new Y.Doc();
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  return doc.getText('t').toString();
}

function updateOf(text: string, base?: Y.Doc): { update: Uint8Array; doc: Y.Doc } {
  const doc = base ?? new Y.Doc();
  const before = Y.encodeStateVector(doc);
  doc.getText('t').insert(doc.getText('t').length, text);
  return { update: Y.encodeStateAsUpdate(doc, before), doc };
}

describe('the whole document for a client that has nothing yet', () => {
  let database: TempDatabase;
  let rooms: RoomRegistry;

  beforeAll(async () => {
    database = await openTempDatabase('sqlite');
    rooms = createRoomRegistry({
      store: database.services.docStore,
      metrics: createCollabMetrics(),
      limits: { ...DEFAULT_LIMITS },
    });
  });
  afterAll(async () => {
    await rooms.unloadAll();
    await database.destroy();
  });

  it('is the stored snapshot itself when the document was stored as one piece', async () => {
    const { doc } = updateOf('biên bản đã gộp');
    const store = database.services.docStore;
    await store.append([{ docId: 'one-piece', data: Y.encodeStateAsUpdate(doc) }]);
    await store.compact('one-piece', Y.encodeStateAsUpdate(doc), await store.latestUpdateId('one-piece'));

    const room = await rooms.acquire('one-piece');
    expect(room.hasFreshSyncFrame).toBe(true);
    expect(textAfterSync(room.freshSyncFrame())).toBe('biên bản đã gộp');
  });

  it('is encoded from the live document once the document changes, and holds the change', async () => {
    const room = await rooms.acquire('one-piece');
    const before = room.freshSyncFrame();
    room.doc.getText('t').insert(room.doc.getText('t').length, ' và sửa');
    expect(room.hasFreshSyncFrame).toBe(false);
    const after = room.freshSyncFrame();
    expect(after).not.toBe(before);
    expect(textAfterSync(after)).toBe('biên bản đã gộp và sửa');
    expect(room.freshSyncFrame()).toBe(after);
  });

  it('is encoded from the live document when the log holds several pieces', async () => {
    const first = updateOf('một');
    const second = updateOf(' hai', first.doc);
    await database.services.docStore.append([
      { docId: 'pieces', data: first.update },
      { docId: 'pieces', data: second.update },
    ]);
    const room = await rooms.acquire('pieces');
    expect(room.hasFreshSyncFrame).toBe(false);
    expect(textAfterSync(room.freshSyncFrame())).toBe('một hai');
  });
});
