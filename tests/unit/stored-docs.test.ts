import { randomUUID } from 'node:crypto';
import { expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentLockedError } from '../../server/collab/rooms';
import { createStoredDocs, type StoredDocs } from '../../server/meeting/stored-docs';
import { describeEachDatabase } from '../helpers/temp-database';

const notes = (doc: Y.Doc) => doc.getMap<string>('notes');

describeEachDatabase('meeting documents on the document log', (db) => {
  const sealed = new Set<string>();
  const open = (): StoredDocs =>
    createStoredDocs(db().services.docStore, { opened: async (docId: string) => ({ locked: sealed.has(docId) }) });
  const rows = (docId: string) => db().services.docStore.logLength(docId);

  it('appends one row per change that changed something, none for a change that did not', async () => {
    const docs = open();
    const docId = randomUUID();
    expect(
      await docs.change(docId, (doc) => {
        notes(doc).set('a', 'một');
      }),
    ).toBeUndefined();
    expect(await rows(docId)).toBe(1);
    const result = await docs.change(docId, (doc) => {
      notes(doc).set('b', 'hai');
      notes(doc).set('c', 'ba');
      return 'xong';
    });
    expect(result).toBe('xong');
    expect(await rows(docId)).toBe(2);
    expect(await docs.change(docId, (doc) => notes(doc).get('a'))).toBe('một');
    expect(await rows(docId)).toBe(2);
  });

  it('lets a read, and the log itself, see what was changed', async () => {
    const docId = randomUUID();
    await open().change(docId, (doc) => doc.getText('minutes').insert(0, 'Biên bản'));
    await open().change(docId, (doc) => doc.getText('minutes').insert(8, ' chi bộ'));
    expect(await open().read(docId, (doc) => doc.getText('minutes').toString())).toBe('Biên bản chi bộ');
    const stored = await db().services.docStore.load(docId);
    const doc = new Y.Doc();
    for (const row of stored.updates) Y.applyUpdate(doc, row.data);
    expect(doc.getText('minutes').toString()).toBe('Biên bản chi bộ');
  });

  it('stores nothing when the change throws', async () => {
    const docs = open();
    const docId = randomUUID();
    await expect(
      docs.change(docId, (doc) => {
        notes(doc).set('a', 'một nửa');
        throw new Error('refused');
      }),
    ).rejects.toThrow('refused');
    expect(await rows(docId)).toBe(0);
  });

  it('applies changes to one document in the order they were made', async () => {
    const docs = open();
    const docId = randomUUID();
    const made = [1, 2, 3, 4, 5].map((n) => docs.change(docId, (doc) => notes(doc).set('n', String(n))));
    await Promise.all(made);
    expect(await docs.read(docId, (doc) => notes(doc).get('n'))).toBe('5');
    expect(await rows(docId)).toBe(5);
  });

  it('refuses changes after lock and to sealed documents, and accepts them again after unlock', async () => {
    const docs = open();
    const docId = randomUUID();
    await docs.change(docId, (doc) => notes(doc).set('a', 'một'));
    const locked = await docs.lock(docId);
    expect(notes(locked).get('a')).toBe('một');
    await expect(docs.change(docId, (doc) => notes(doc).set('b', 'hai'))).rejects.toBeInstanceOf(DocumentLockedError);
    docs.unlock(docId);
    await docs.change(docId, (doc) => notes(doc).set('b', 'hai'));
    sealed.add(docId);
    await expect(open().change(docId, (doc) => notes(doc).set('c', 'ba'))).rejects.toBeInstanceOf(DocumentLockedError);
    expect(await rows(docId)).toBe(2);
  });

  it('waits, when asked, for work the callbacks started', async () => {
    const docs = open();
    const docId = randomUUID();
    let finished = false;
    void docs.read(docId, async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      await docs.change(docId, (doc) => notes(doc).set('later', 'có'));
      finished = true;
    });
    await docs.settled();
    expect(finished).toBe(true);
    expect(await rows(docId)).toBe(1);
  });
});
