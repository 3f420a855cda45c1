import * as Y from 'yjs';
import { DocumentLockedError, type DocumentHooks } from '../collab/rooms';
import type { DocStore } from '../db/doc-store';
import type { MeetingDocs } from './docs';

/** Meeting documents without a collaboration server, plus a way to wait for work started in the background. */
export interface StoredDocs extends MeetingDocs {
  revalidateUser(userId: string): Promise<void>;
  /**
   * Resolves once every read and change started so far has finished,
   * including promises their callbacks returned (the projector's
   * fire-and-forget reads): call it before closing the database.
   */
  settled(): Promise<void>;
}

/**
 * Meeting documents read and written straight on the document log, for the
 * operator CLI and demo seeding. Every call loads the stored state (snapshot
 * and log) afresh; a change is appended to the log as one update, the way
 * the live server stores it, and only when it changed something.
 *
 * For offline and administrative use while no server has the document
 * loaded: a running server keeps its loaded documents in memory and does not
 * re-read the log, so a change written here reaches the editors of an open
 * document only when the server loads it again (nothing is lost; updates
 * merge). Sealed minutes stay sealed: the owner's `opened` hook is asked
 * before every change, as the server asks it when it loads a document.
 */
export function createStoredDocs(store: DocStore, hooks: Pick<DocumentHooks, 'opened'>): StoredDocs {
  const locked = new Set<string>();
  /** The tail of each document's queue of changes. */
  const queues = new Map<string, Promise<unknown>>();
  const pending = new Set<Promise<unknown>>();

  function track<T>(work: Promise<T>): Promise<T> {
    pending.add(work);
    const done = () => pending.delete(work);
    void work.then(done, done);
    return work;
  }

  /**
   * Runs the changes of one document one after another, each on the state the
   * previous one stored: two changes to the same record then resolve in the
   * order they were made, not by Yjs's tie-break between concurrent writers.
   */
  function serial<T>(docId: string, task: () => Promise<T>): Promise<T> {
    const next = (queues.get(docId) ?? Promise.resolve()).then(task, task);
    const tail = next.catch(() => undefined);
    queues.set(docId, tail);
    void tail.then(() => {
      if (queues.get(docId) === tail) queues.delete(docId);
    });
    return next;
  }

  /**
   * A fresh document with a fresh client id per call: reusing one id on
   * documents loaded at different times could issue the same clock twice.
   * Documents are left to the garbage collector rather than destroyed, since
   * callers (the projector) may still read them after the call returns.
   */
  async function load(docId: string): Promise<Y.Doc> {
    const stored = await store.load(docId);
    const doc = new Y.Doc({ gc: true });
    Y.transact(doc, () => {
      if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
      for (const row of stored.updates) Y.applyUpdate(doc, row.data);
    });
    return doc;
  }

  return {
    change<T>(docId: string, apply: (doc: Y.Doc) => T): Promise<T> {
      // Refused when made after `lock`; a change made before it is still stored, and sealed with the rest.
      if (locked.has(docId)) return Promise.reject(new DocumentLockedError(docId));
      return track(
        serial(docId, async () => {
          if ((await hooks.opened(docId)).locked) throw new DocumentLockedError(docId);
          const doc = await load(docId);
          let update: Uint8Array | null = null;
          doc.on('update', (data: Uint8Array) => {
            update = data;
          });
          let result!: T;
          // One transaction, one update. If `apply` throws, nothing is stored.
          Y.transact(doc, () => {
            result = apply(doc);
          });
          if (update) await store.append([{ docId, data: update }]);
          return result;
        }),
      );
    },

    read<T>(docId: string, read: (doc: Y.Doc) => T): Promise<T> {
      // Waits for changes already queued, but outside the queue: a read's
      // callback may itself change the document (the projector refreshing
      // reviews), which must not wait for the read.
      const before = queues.get(docId);
      return track(
        (async () => {
          await before;
          return read(await load(docId));
        })(),
      );
    },

    async lock(docId: string): Promise<Y.Doc> {
      locked.add(docId);
      // The state after every change already queued: that is what gets sealed.
      return serial(docId, () => load(docId));
    },

    unlock(docId: string): void {
      locked.delete(docId);
    },

    /** No live connections in this process. */
    async revalidateDocument(): Promise<void> {},
    async revalidateUser(): Promise<void> {},

    async settled(): Promise<void> {
      // Finished work may have started more (a projection refreshing reviews).
      while (pending.size > 0) await Promise.allSettled(Array.from(pending));
    },
  };
}
