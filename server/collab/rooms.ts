import { setImmediate as nextTurn } from 'node:timers/promises';
import * as Y from 'yjs';
import type { DocStore } from '../db/doc-store';
import { log } from '../log';
import type { CollabLimits } from './limits';
import type { CollabMetrics } from './metrics';
import { compactDocument, createUpdateWriter } from './persistence';
import { encodeSaved, encodeSyncStep2Update, encodeUpdate } from './protocol';
import { createDocumentPeers, type DocumentPeers } from './document-peers';
import { withoutUnsaved } from './durable-vector';
import type { RedisBus } from './redis-bus';
import { LOAD_ORIGIN, REMOTE_ORIGIN, SERVER_ORIGIN, STORED_ORIGIN, Room, type Connection } from './room';

/**
 * The answer to a client that has nothing yet, made from a document's stored
 * bytes while the document is still being built from them.
 */
export interface StoredAnswer {
  /** Sync step 2 carrying the stored state as one update. */
  readonly frame: Uint8Array;
  /** The state vector of that state: what the client holds once it applied it. */
  readonly stateVector: Uint8Array;
  /** The saved notice of that state: everything stored is saved. */
  readonly savedFrame: Uint8Array;
}

/** A connection waiting for a document to load, which may be answered from the stored bytes meanwhile. */
export interface EarlyReader {
  /** The stored state was read; called at most once, before the load completes. */
  stored(answer: StoredAnswer): void;
  /** Settles once the client has sent its first message (its sync step 1 says what it already has). */
  readonly firstMessage: Promise<void>;
}

/** What the owner of a document says when it is loaded. */
export interface DocumentOpening {
  /** Sealed: every change from every connection is dropped. */
  locked: boolean;
  /** A change the server makes at once (facts kept elsewhere that the document must mirror), before anyone joins. */
  reconcile?: (doc: Y.Doc) => unknown;
}

/** What the rest of the server learns about live documents. */
export interface DocumentHooks {
  /** Asked once when a document loads. */
  opened(docId: string): Promise<DocumentOpening>;
  /** A loaded document changed (by a client or by the server). */
  changed(docId: string, doc: Y.Doc): void;
  /** The document is about to be unloaded; its updates are already persisted. */
  unloading(docId: string, doc: Y.Doc): Promise<void>;
}

const NO_HOOKS: DocumentHooks = {
  opened: async () => ({ locked: false }),
  changed: () => undefined,
  unloading: async () => undefined,
};

/**
 * The loaded documents of this process: load once, keep while anyone is
 * connected, persist, compact, unload after a grace period.
 */
export function createRoomRegistry(deps: {
  store: DocStore;
  metrics: CollabMetrics;
  limits: CollabLimits;
  hooks?: DocumentHooks;
  /** Other instances serving the same documents, over Redis; absent for a single process. */
  bus?: RedisBus | undefined;
  /** Time from another instance's publish to this one's receipt, per update (ms). */
  onDelivery?: (ms: number) => void;
}) {
  const { store, metrics, limits } = deps;
  const hooks = deps.hooks ?? NO_HOOKS;
  const rooms = new Map<string, Room>();
  /** A document being loaded is one shared promise: simultaneous joiners load it once. */
  const loading = new Map<string, Promise<Room>>();
  /** Of the documents being loaded: the connections waiting on each, and its stored answer once read. */
  const early = new Map<string, { readers: Set<EarlyReader>; answer: StoredAnswer | null }>();
  const unloading = new Map<string, Promise<void>>();
  const compacting = new Set<string>();

  const writer = createUpdateWriter(
    store,
    metrics,
    (docId, stateVector, rows, seq) => {
      peers?.committed(docId, seq);
      const room = rooms.get(docId);
      if (!room) return;
      // With other instances, what their clients changed counts as saved once they say so (or once this
      // one stores it): the vector is the document's now, less everything not known to be stored. Never the
      // vector of the batch, which a notice from another instance may already have overtaken.
      sendSaved(room, peers ? savedNow(room) : stateVector);
      room.noteRowsWritten(rows);
      // A compaction re-encodes the whole document: the longer it is, the more rows one waits for.
      if (room.rowsSinceCompaction >= Math.max(limits.COMPACT_AFTER_UPDATES, room.approxBytes / 256))
        void compact(docId, room);
    },
    (docId) => peers?.lastSeq(docId) ?? 0,
    limits.SAVE_BATCH_MS,
  );

  function sendSaved(room: Room, stateVector: Uint8Array): void {
    // Changes queued after this commit's batch was taken (on PostgreSQL, while it committed) are not in it:
    // their authors are then owed the next notice at once too.
    const settled = writer.unsaved(room.docId).length === 0 && (peers?.unsaved(room.docId).length ?? 0) === 0;
    room.announceSaved(encodeSaved(stateVector), settled);
  }

  const peers: DocumentPeers | null = deps.bus
    ? createDocumentPeers(
        deps.bus,
        {
          store: (room, update) => writer.enqueue(room.docId, room.doc, update),
          savedChanged: (room) => sendSaved(room, savedNow(room)),
        },
        limits.ADOPT_AFTER_MS,
        deps.onDelivery,
      )
    : null;

  /** The document's state vector less what is not known to be stored (queued here, or held from another instance). */
  function savedNow(room: Room): Uint8Array {
    return withoutUnsaved(Y.encodeStateVector(room.doc), [
      ...writer.unsaved(room.docId),
      ...(peers?.unsaved(room.docId) ?? []),
    ]);
  }

  /** What happens with an update applied to a live document, by where it came from. */
  function updated(room: Room, update: Uint8Array, origin: unknown): void {
    // Another instance stores it and has projected it, or will.
    if (origin === REMOTE_ORIGIN) return;
    if (origin !== STORED_ORIGIN) {
      writer.enqueue(room.docId, room.doc, update);
      peers?.publishUpdate(room, update);
    }
    hooks.changed(room.docId, room.doc);
  }

  async function compact(docId: string, room?: Room): Promise<void> {
    if (compacting.has(docId)) return;
    compacting.add(docId);
    try {
      if (await compactDocument(store, docId)) {
        metrics.counters.compactions_total++;
        room?.noteCompacted();
      }
    } catch (error) {
      log.error('collab.compaction_failed', { docId, error: String(error) });
    } finally {
      compacting.delete(docId);
    }
  }

  async function load(docId: string): Promise<Room> {
    // Heard before the read: what another instance publishes meanwhile waits for the loaded document.
    await peers?.attach(docId);
    try {
      const room = await loadStored(docId);
      peers?.ready(room);
      return room;
    } catch (error) {
      peers?.detach(docId);
      throw error;
    }
  }

  async function loadStored(docId: string): Promise<Room> {
    const stored = await store.load(docId);
    await answerEarly(docId, stored);
    const doc = new Y.Doc({ gc: true });
    const bytes = replay(doc, stored);
    const room = new Room(docId, doc, bytes, stored.updates.length, {
      onUpdate: updated,
      encodeDocUpdate: encodeUpdate,
      onOwnPresence: peers ? (r, changed) => peers.publishPresence(r, changed) : undefined,
    });
    // A document stored as one piece (a compacted snapshot, or a new meeting's template) is already
    // the update a fresh client needs.
    const parts = storedParts(stored);
    if (parts.length === 1) room.seedFreshSyncFrame(encodeSyncStep2Update(parts[0]!));
    const opening = await hooks.opened(docId);
    if (opening.locked) room.lock();
    if (opening.reconcile && !room.locked) {
      reconcileNow(doc, opening.reconcile);
      // Committed before anyone joins, so what clients receive is saved.
      await writer.flush();
    }
    // Everything loaded came from the database (or was just written there): it is saved already.
    room.announceSaved(encodeSaved(Y.encodeStateVector(doc)));
    metrics.counters.documents_loaded_total++;
    return room;
  }

  /**
   * Building a large document blocks this process for a while (a 1 MiB one
   * for 60 to 100 ms on the bench machine), yet its stored bytes are already
   * the update a client holding nothing needs. So the connections waiting on
   * the load get them first, and the building waits until each has said what
   * it holds (its first message), or EARLY_ANSWER_WAIT_MS: a fresh client's
   * step 1 is then answered from these bytes before the building, not after
   * it. What happens to the document meanwhile reaches them once it is built
   * (connection.ts). The wait ends at once when nobody is waiting.
   */
  async function answerEarly(docId: string, stored: Awaited<ReturnType<DocStore['load']>>): Promise<void> {
    const entry = early.get(docId);
    if (!entry || entry.readers.size === 0) return;
    const parts = storedParts(stored);
    if (parts.reduce((n, part) => n + part.length, 0) < Math.max(1, limits.EARLY_ANSWER_MIN_BYTES)) return;
    const update = parts.length === 1 ? parts[0]! : Y.mergeUpdates(parts);
    const stateVector = Y.encodeStateVectorFromUpdate(update);
    entry.answer = { frame: encodeSyncStep2Update(update), stateVector, savedFrame: encodeSaved(stateVector) };
    for (const reader of entry.readers) reader.stored(entry.answer);
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(Array.from(entry.readers, (reader) => reader.firstMessage)),
      new Promise((resolve) => (timer = setTimeout(resolve, limits.EARLY_ANSWER_WAIT_MS))),
    ]);
    clearTimeout(timer);
    // The answers leave on the outbox's next turn: before the building blocks the process.
    await nextTurn();
  }

  /**
   * The loaded room for a document, loading it (once) if needed. `reader`, a
   * connection, may be answered from the stored bytes while the document loads.
   */
  async function acquire(docId: string, reader?: EarlyReader): Promise<Room> {
    // A document still being unloaded must finish persisting before it is read again.
    await unloading.get(docId);
    const existing = rooms.get(docId);
    if (existing) return existing;
    let pending = loading.get(docId);
    if (!pending) {
      early.set(docId, { readers: new Set(), answer: null });
      pending = load(docId).then(
        (room) => {
          rooms.set(docId, room);
          loading.delete(docId);
          early.delete(docId);
          return room;
        },
        (error: unknown) => {
          loading.delete(docId);
          early.delete(docId);
          throw error;
        },
      );
      loading.set(docId, pending);
    }
    const waiting = early.get(docId);
    if (reader && waiting) {
      waiting.readers.add(reader);
      if (waiting.answer) reader.stored(waiting.answer);
    }
    return pending;
  }

  async function lockRoom(room: Room): Promise<void> {
    room.lock();
    // Other instances' changes this one holds unannounced are stored with its own.
    peers?.adoptAll(room.docId);
    await writer.flush();
  }

  async function catchUp(docId: string): Promise<void> {
    const room = rooms.get(docId);
    if (!room) return;
    const stored = await store.load(docId);
    if (rooms.get(docId) !== room) return;
    Y.transact(
      room.doc,
      () => {
        if (stored.snapshot) Y.applyUpdate(room.doc, stored.snapshot, STORED_ORIGIN);
        for (const row of stored.updates) Y.applyUpdate(room.doc, row.data, STORED_ORIGIN);
      },
      STORED_ORIGIN,
    );
  }

  function scheduleUnloadIfIdle(room: Room): void {
    if (room.connections.size === 0 && rooms.get(room.docId) === room)
      room.scheduleUnload(limits.UNLOAD_GRACE_MS, () => void unload(room));
  }

  async function unload(room: Room): Promise<void> {
    const idle = () => room.connections.size === 0 && rooms.get(room.docId) === room && !room.unloadPending;
    if (!idle()) return;
    // The hook runs while the room is still registered: what it does may
    // reach this very document again (carry-over refreshes) without waiting
    // on its own unload.
    await hooks
      .unloading(room.docId, room.doc)
      .catch((error: unknown) => log.error('collab.unload_hook_failed', { docId: room.docId, error: String(error) }));
    // Someone joined, or the hook's own change scheduled a fresh unload.
    if (!idle()) return;
    rooms.delete(room.docId);
    const done = (async () => {
      try {
        peers?.adoptAll(room.docId);
        await writer.flush();
        if (room.rowsSinceCompaction > 0) await compact(room.docId);
      } finally {
        peers?.detach(room.docId);
        room.awareness.destroy();
        room.doc.destroy();
        metrics.counters.documents_unloaded_total++;
      }
    })();
    unloading.set(room.docId, done);
    try {
      await done;
    } finally {
      unloading.delete(room.docId);
    }
  }

  return {
    writer,

    acquire,

    /**
     * Applies a change made by the server itself (loading the document if
     * needed) and resolves once it is durable. Every connection receives it
     * like any other update. A sealed document refuses it.
     */
    async change<T>(docId: string, apply: (doc: Y.Doc) => T): Promise<T> {
      const room = await acquire(docId);
      if (room.locked) throw new DocumentLockedError(docId);
      let result!: T;
      Y.transact(room.doc, () => (result = apply(room.doc)), SERVER_ORIGIN);
      await writer.flush();
      scheduleUnloadIfIdle(room);
      return result;
    },

    /**
     * Seals a document: from now on every change from every connection and
     * from the server is dropped. Resolves, once all accepted updates are
     * durable, with the document to hash and store. `unlock` undoes it when
     * sealing fails further on.
     */
    async lock(docId: string): Promise<Y.Doc> {
      const room = await acquire(docId);
      await lockRoom(room);
      scheduleUnloadIfIdle(room);
      return room.doc;
    },

    /** Locks a document if this instance holds it (another instance is sealing it); resolves once its changes are stored. */
    async lockIfLoaded(docId: string): Promise<void> {
      const room = rooms.get(docId) ?? (await loading.get(docId)?.catch(() => undefined));
      if (room) await lockRoom(room);
    },

    unlock(docId: string): void {
      rooms.get(docId)?.unlock();
    },

    /**
     * Applies what the database holds of a loaded document and this
     * instance lacks (written by other instances while Redis was away, or
     * just before a seal). Applying twice is harmless.
     */
    catchUp,

    /** Catches up every loaded document, one at a time (Redis is back). */
    async catchUpAll(): Promise<void> {
      for (const room of Array.from(rooms.values())) {
        await nextTurn();
        await catchUp(room.docId).catch((error: unknown) =>
          log.error('collab.catch_up_failed', { docId: room.docId, error: String(error) }),
        );
      }
      peers?.resync();
    },

    peers,

    /** Reads a document (loading it if needed) without changing it. */
    async read<T>(docId: string, read: (doc: Y.Doc) => T): Promise<T> {
      const room = await acquire(docId);
      const result = read(room.doc);
      scheduleUnloadIfIdle(room);
      return result;
    },

    join(room: Room, conn: Connection): void {
      room.join(conn);
    },

    leave(room: Room, conn: Connection): void {
      if (room.leave(conn)) scheduleUnloadIfIdle(room);
    },

    get(docId: string): Room | undefined {
      return rooms.get(docId);
    },

    all(): IterableIterator<Room> {
      return rooms.values();
    },

    /** Persists and unloads every document (shutdown). */
    async unloadAll(): Promise<void> {
      await writer.flush();
      // Unload hooks may touch other documents (carry-over) and load them again: a few passes settle it.
      for (let pass = 0; pass < 3 && rooms.size > 0; pass++) {
        for (const room of Array.from(rooms.values())) {
          room.cancelUnload();
          room.forgetConnections();
          await unload(room);
        }
      }
      await Promise.all(unloading.values());
    },

    gauges() {
      let connections = 0;
      for (const room of rooms.values()) connections += room.connections.size;
      return {
        documents_loaded: rooms.size,
        connections_open: connections,
        unsaved_oldest_ms: writer.oldestUnsavedMs(),
      };
    },
  };
}

export type RoomRegistry = ReturnType<typeof createRoomRegistry>;

/**
 * Applies a document's stored snapshot and log rows; returns their size. A
 * function of its own: a closure over the stored rows inside load() would
 * share its scope with the room's listeners and keep the rows as long as the
 * document stays loaded.
 */
function replay(doc: Y.Doc, stored: Awaited<ReturnType<DocStore['load']>>): number {
  let bytes = 0;
  Y.transact(
    doc,
    () => {
      if (stored.snapshot) {
        Y.applyUpdate(doc, stored.snapshot, LOAD_ORIGIN);
        bytes += stored.snapshot.length;
      }
      for (const row of stored.updates) {
        Y.applyUpdate(doc, row.data, LOAD_ORIGIN);
        bytes += row.data.length;
      }
    },
    LOAD_ORIGIN,
  );
  return bytes;
}

/** A document's stored snapshot and log rows, in order. */
function storedParts(stored: Awaited<ReturnType<DocStore['load']>>): Uint8Array[] {
  return [...(stored.snapshot ? [stored.snapshot] : []), ...stored.updates.map((row) => row.data)];
}

/** Applies a document's reconciling change as the server's (outside load(), for the reason replay() is). */
function reconcileNow(doc: Y.Doc, reconcile: (doc: Y.Doc) => unknown): void {
  Y.transact(doc, () => reconcile(doc), SERVER_ORIGIN);
}

/** A change was attempted on sealed minutes. */
export class DocumentLockedError extends Error {
  constructor(readonly docId: string) {
    super(`document ${docId} is locked`);
    this.name = 'DocumentLockedError';
  }
}
