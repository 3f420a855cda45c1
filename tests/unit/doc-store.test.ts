import { beforeAll, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createDocStore, type DocStore } from '../../server/db/doc-store';
import { compactDocument } from '../../server/collab/persistence';
import { describeEachDatabase } from '../helpers/temp-database';

function updateWith(doc: Y.Doc, text: string): Uint8Array {
  let captured: Uint8Array | null = null;
  const listener = (update: Uint8Array) => (captured = update);
  doc.on('update', listener);
  doc.getText('t').insert(doc.getText('t').length, text);
  doc.off('update', listener);
  return captured!;
}

function textOf(stored: { snapshot: Uint8Array | null; updates: { data: Uint8Array }[] }): string {
  const doc = new Y.Doc();
  if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
  for (const u of stored.updates) Y.applyUpdate(doc, u.data);
  return doc.getText('t').toString();
}

describeEachDatabase('the document log', (db) => {
  let store: DocStore;
  beforeAll(() => {
    store = createDocStore(db().handle);
  });

  it('appends updates of several documents in one call and loads them in order', async () => {
    const a = new Y.Doc();
    const b = new Y.Doc();
    await store.append([
      { docId: 'doc-a', data: updateWith(a, 'một ') },
      { docId: 'doc-b', data: updateWith(b, 'khác') },
    ]);
    await store.append([{ docId: 'doc-a', data: updateWith(a, 'hai') }]);
    const loaded = await store.load('doc-a');
    expect(loaded.snapshot).toBeNull();
    expect(loaded.updates).toHaveLength(2);
    expect(loaded.updates[0]!.id).toBeLessThan(loaded.updates[1]!.id);
    expect(textOf(loaded)).toBe('một hai');
    expect(textOf(await store.load('doc-b'))).toBe('khác');
  });

  it('compacts the log into a snapshot without changing the content', async () => {
    const doc = new Y.Doc();
    for (let i = 0; i < 30; i++) await store.append([{ docId: 'doc-c', data: updateWith(doc, `${i},`) }]);
    const before = textOf(await store.load('doc-c'));
    expect(await compactDocument(store, 'doc-c')).toBe(true);
    const after = await store.load('doc-c');
    expect(after.snapshot).not.toBeNull();
    expect(after.updates).toHaveLength(0);
    expect(textOf(after)).toBe(before);
  });

  it('keeps rows appended after a compaction and merges them next time', async () => {
    const doc = new Y.Doc();
    Y.applyUpdate(doc, (await store.load('doc-c')).snapshot!);
    await store.append([{ docId: 'doc-c', data: updateWith(doc, 'sau') }]);
    const loaded = await store.load('doc-c');
    expect(loaded.updates).toHaveLength(1);
    expect(textOf(loaded).endsWith('sau')).toBe(true);
    await compactDocument(store, 'doc-c');
    expect(textOf(await store.load('doc-c')).endsWith('sau')).toBe(true);
    expect(await compactDocument(store, 'doc-c')).toBe(false);
  });

  it('commits an append on its own while another transaction is open, so that one rolling back loses nothing saved', async () => {
    const doc = new Y.Doc();
    let appended!: Promise<void>;
    const other = db()
      .handle.db.transaction()
      .execute(async (trx) => {
        await trx.insertInto('settings').values({ key: 'doc-store-test', value: '1' }).execute();
        // A real wait: the append below is asked for while this transaction is open.
        appended = store.append([{ docId: 'doc-d', data: updateWith(doc, 'đã lưu') }]);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      });
    await expect(other).rejects.toThrow('roll back');
    await appended;
    expect(textOf(await store.load('doc-d'))).toBe('đã lưu');
    const setting = await db()
      .handle.db.selectFrom('settings')
      .select('key')
      .where('key', '=', 'doc-store-test')
      .executeTakeFirst();
    expect(setting).toBeUndefined();
  });
});

describeEachDatabase('compactions by two instances at once', (db) => {
  let store: DocStore;
  beforeAll(() => {
    store = createDocStore(db().handle);
  });

  it('keeps the snapshot that reaches further: a late, older compaction changes nothing', async () => {
    const doc = new Y.Doc();
    await store.append([{ docId: 'raced', data: updateWith(doc, 'một ') }]);
    // The slower instance read the log when it held one row.
    const early = await store.load('raced');
    const earlyState = (() => {
      const d = new Y.Doc();
      for (const u of early.updates) Y.applyUpdate(d, u.data);
      return Y.encodeStateAsUpdate(d);
    })();
    await store.append([{ docId: 'raced', data: updateWith(doc, 'hai ') }]);
    await store.append([{ docId: 'raced', data: updateWith(doc, 'ba') }]);
    // The faster one merges all three rows first.
    expect(await compactDocument(store, 'raced')).toBe(true);
    expect(await store.compact('raced', earlyState, early.updates.at(-1)!.id)).toBe(false);
    expect(textOf(await store.load('raced'))).toBe('một hai ba');
  });

  it('loads a snapshot and the rows after it as one consistent read while another instance compacts', async () => {
    const doc = new Y.Doc();
    for (const word of ['a', 'b', 'c', 'd', 'e']) await store.append([{ docId: 'busy', data: updateWith(doc, word) }]);
    const results = await Promise.all([
      store.load('busy'),
      compactDocument(store, 'busy'),
      store.load('busy'),
      store.load('busy'),
    ]);
    for (const loaded of [results[0], results[2], results[3]]) expect(textOf(loaded)).toBe('abcde');
  });
});
