import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocStore } from '../db/doc-store';
import { log } from '../log';
import type { CollabLimits } from './limits';
import type { CollabMetrics } from './metrics';
import { compactDocument, createUpdateWriter } from './persistence';
import { encodeSaved, encodeUpdate } from './protocol';
import { createRoom, LOAD_ORIGIN, type Connection, type Room } from './room';

/**
 * The loaded documents of this process: load once, keep while anyone is
 * connected, persist, compact, unload after a grace period.
 */
export function createRoomRegistry(deps: { store: DocStore; metrics: CollabMetrics; limits: CollabLimits }) {
  const { store, metrics, limits } = deps;
  const rooms = new Map<string, Room>();
  /** A document being loaded is one shared promise: simultaneous joiners load it once. */
  const loading = new Map<string, Promise<Room>>();
  const unloading = new Map<string, Promise<void>>();
  const compacting = new Set<string>();

  const writer = createUpdateWriter(store, metrics, (docId, stateVector, rows) => {
    const room = rooms.get(docId);
    if (!room) return;
    room.savedFrame = encodeSaved(stateVector);
    for (const conn of room.connections) if (conn.extensions) conn.send(room.savedFrame);
    room.rowsSinceCompaction += rows;
    if (room.rowsSinceCompaction >= limits.COMPACT_AFTER_UPDATES) void compact(docId, room);
  });

  async function compact(docId: string, room?: Room): Promise<void> {
    if (compacting.has(docId)) return;
    compacting.add(docId);
    try {
      if (await compactDocument(store, docId)) {
        metrics.counters.compactions_total++;
        if (room) room.rowsSinceCompaction = 0;
      }
    } catch (error) {
      log.error('collab.compaction_failed', { docId, error: String(error) });
    } finally {
      compacting.delete(docId);
    }
  }

  async function load(docId: string): Promise<Room> {
    const stored = await store.load(docId);
    const doc = new Y.Doc({ gc: true });
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
    const room = createRoom(docId, doc, bytes, (r, update) => writer.enqueue(r.docId, r.doc, update), encodeUpdate);
    room.rowsSinceCompaction = stored.updates.length;
    // Everything loaded came from the database: it is saved already.
    room.savedFrame = encodeSaved(Y.encodeStateVector(doc));
    metrics.counters.documents_loaded_total++;
    return room;
  }

  async function unload(room: Room): Promise<void> {
    room.unloadTimer = null;
    if (room.connections.size > 0 || rooms.get(room.docId) !== room) return;
    rooms.delete(room.docId);
    const done = (async () => {
      try {
        await writer.flush();
        if (room.rowsSinceCompaction > 0) await compact(room.docId);
      } finally {
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

    /** The loaded room for a document, loading it (once) if needed. */
    async acquire(docId: string): Promise<Room> {
      // A document still being unloaded must finish persisting before it is read again.
      await unloading.get(docId);
      const existing = rooms.get(docId);
      if (existing) return existing;
      let pending = loading.get(docId);
      if (!pending) {
        pending = load(docId).then(
          (room) => {
            rooms.set(docId, room);
            loading.delete(docId);
            return room;
          },
          (error: unknown) => {
            loading.delete(docId);
            throw error;
          },
        );
        loading.set(docId, pending);
      }
      return pending;
    },

    join(room: Room, conn: Connection): void {
      if (room.unloadTimer) {
        clearTimeout(room.unloadTimer);
        room.unloadTimer = null;
      }
      room.connections.add(conn);
    },

    leave(room: Room, conn: Connection): void {
      if (!room.connections.delete(conn)) return;
      if (conn.awarenessIds.size > 0) {
        awarenessProtocol.removeAwarenessStates(room.awareness, Array.from(conn.awarenessIds), null);
      }
      if (room.connections.size === 0 && !room.unloadTimer) {
        room.unloadTimer = setTimeout(() => void unload(room), limits.UNLOAD_GRACE_MS);
        room.unloadTimer.unref();
      }
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
      for (const room of Array.from(rooms.values())) {
        if (room.unloadTimer) clearTimeout(room.unloadTimer);
        room.connections.clear();
        await unload(room);
      }
      await Promise.all(unloading.values());
    },

    gauges(): Record<string, number> {
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
