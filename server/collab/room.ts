import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import type { DocumentAccess } from '../../lib/domain';
import type { AwarenessIdentity } from './awareness-rewrite';
import { encodeAwareness, encodeSyncStep2 } from './protocol';
import type { WriteScope } from './update-guard';

/** Origin of transactions that replay stored state: never written back or broadcast. */
export const LOAD_ORIGIN = Symbol('load');
/** Origin of changes the server makes itself (structured records, carry-over). */
export const SERVER_ORIGIN = Symbol('server');
/** Origin of what another instance applied (its clients' changes and presence): relayed, never stored or published again here. */
export const REMOTE_ORIGIN = Symbol('remote');
/** Origin of stored changes this instance missed (catching up from the database): relayed and projected, not stored again. */
export const STORED_ORIGIN = Symbol('stored');

/** One websocket connection to a document. */
export interface Connection {
  readonly id: number;
  readonly send: (frame: Uint8Array) => void;
  readonly close: (code: number, reason: string) => void;
  readonly userId: string;
  readonly identity: AwarenessIdentity;
  /** Mutable: a locked meeting turns live editors into readers. */
  access: Exclude<DocumentAccess, 'none'>;
  /** Mutable: the root types this user may write, as the policy last said. */
  writes: WriteScope;
  /** Opted in to MESSAGE_SAVED / MESSAGE_ACCESS. */
  readonly extensions: boolean;
  /** Session expiry, Unix seconds. */
  readonly tokenExp: number;
  /** users.session_version the session was issued under; a bump revokes it. */
  readonly sessionVersion: number;
  readonly docId: string;
  /** performance.now() of the last frame sent, for keep-alives. */
  lastSentAt: number;
  /** Awareness client ids this connection has set. */
  readonly awarenessIds: Set<number>;
}

/** A loaded document: the Y.Doc, its awareness and the connections to it. */
export interface Room {
  readonly docId: string;
  readonly doc: Y.Doc;
  readonly awareness: awarenessProtocol.Awareness;
  readonly connections: Set<Connection>;
  /** Which connection owns each awareness client id, so nobody overwrites another's state. */
  readonly awarenessOwners: Map<number, Connection>;
  /** Awareness client ids of other instances' connections: nobody here may overwrite them. */
  readonly remoteAwareness: Set<number>;
  /** Stored size at load plus the size of every update since: the document-size limit's measure. */
  approxBytes: number;
  /** Log rows written since the last compaction. */
  rowsSinceCompaction: number;
  /** The last MESSAGE_SAVED frame, for clients that join later. */
  savedFrame: Uint8Array | null;
  unloadTimer: NodeJS.Timeout | null;
  /** Sealed (approved minutes): every change from every connection is dropped. */
  locked: boolean;
  /**
   * Sync step 2 for a peer that has nothing yet, i.e. the whole document,
   * kept until the document next changes. Encoding a large document costs
   * about a quarter of loading it, and every fresh client (a page load, a
   * reconnect after the server restarted) asks for exactly this.
   */
  freshSyncFrame: Uint8Array | null;
}

/**
 * A room hears presence changes (carets, joins, leaves, 15-second renewals)
 * at most once per this many ms; changes that come sooner are merged into
 * the next message. Every client echoes each presence message it receives
 * back to the server, so in a room of n people each message costs n sends
 * and n replies, and a large meeting's renewals alone were more traffic than
 * its typing. Ten messages a second keep carets smooth.
 */
export const PRESENCE_FANOUT_MS = 100;

/**
 * Creates a room around a document already filled with its stored state and
 * wires broadcasting: every document update goes once-encoded to every other
 * connection and to the update writer; awareness changes go, at most once per
 * PRESENCE_FANOUT_MS, to every connection including their sender, whose
 * client relies on hearing them back.
 */
export function createRoom(
  docId: string,
  doc: Y.Doc,
  storedBytes: number,
  onUpdate: (room: Room, update: Uint8Array, origin: unknown) => void,
  encodeDocUpdate: (update: Uint8Array) => Uint8Array,
  /** Presence changed here (not relayed from another instance): the ids whose state changed. */
  onOwnPresence?: (room: Room, changed: number[]) => void,
): Room {
  const awareness = new awarenessProtocol.Awareness(doc);
  // The server is not a participant: it holds others' states, none of its own.
  awareness.setLocalState(null);
  const room: Room = {
    docId,
    doc,
    awareness,
    connections: new Set(),
    awarenessOwners: new Map(),
    remoteAwareness: new Set(),
    approxBytes: storedBytes,
    rowsSinceCompaction: 0,
    savedFrame: null,
    unloadTimer: null,
    locked: false,
    freshSyncFrame: null,
  };

  doc.on('update', (update: Uint8Array, origin: unknown) => {
    if (origin === LOAD_ORIGIN) return;
    room.freshSyncFrame = null;
    room.approxBytes += update.length;
    // Queued for writing first: its commit then runs in this turn before the outbox flushes,
    // so the saved notice leaves in the same write as the update.
    onUpdate(room, update, origin);
    const frame = encodeDocUpdate(update);
    for (const conn of room.connections) if (conn !== origin) conn.send(frame);
  });

  awareness.on(
    'update',
    ({ added, updated, removed }: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) => {
      const changed = added.concat(updated, removed);
      const owner = origin as Connection | undefined;
      if (origin === REMOTE_ORIGIN) {
        for (const id of added.concat(updated)) room.remoteAwareness.add(id);
      } else if (owner && room.connections.has(owner)) {
        for (const id of added.concat(updated)) {
          owner.awarenessIds.add(id);
          room.awarenessOwners.set(id, owner);
        }
      }
      for (const id of removed) {
        room.awarenessOwners.get(id)?.awarenessIds.delete(id);
        room.awarenessOwners.delete(id);
        room.remoteAwareness.delete(id);
      }
      if (changed.length > 0 && origin !== REMOTE_ORIGIN) onOwnPresence?.(room, changed);
      if (changed.length === 0 || room.connections.size === 0) return;
      for (const id of changed) pendingPresence.add(id);
      if (presenceTimer) return;
      // A change after a quiet spell goes out at once; those within the next PRESENCE_FANOUT_MS wait for it to pass.
      if (performance.now() - lastPresenceAt >= PRESENCE_FANOUT_MS) sendPresence();
      else presenceTimer = setTimeout(sendPresence, PRESENCE_FANOUT_MS - (performance.now() - lastPresenceAt));
    },
  );

  const pendingPresence = new Set<number>();
  let presenceTimer: NodeJS.Timeout | null = null;
  let lastPresenceAt = -Infinity;
  function sendPresence(): void {
    presenceTimer = null;
    const changed = Array.from(pendingPresence);
    pendingPresence.clear();
    // An unloaded room has no connections left; its awareness may already be destroyed.
    if (changed.length === 0 || room.connections.size === 0) return;
    lastPresenceAt = performance.now();
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(awareness, changed));
    for (const conn of room.connections) conn.send(frame);
  }
  return room;
}

/** Sync step 2 for a peer with an empty state vector: the whole document, encoded once per change. */
export function freshSyncFrame(room: Room): Uint8Array {
  room.freshSyncFrame ??= encodeSyncStep2(room.doc);
  return room.freshSyncFrame;
}

/** The full awareness of a room as one frame, or null when nobody has a state. */
export function fullAwarenessFrame(room: Room): Uint8Array | null {
  if (room.awareness.states.size === 0) return null;
  return encodeAwareness(
    awarenessProtocol.encodeAwarenessUpdate(room.awareness, Array.from(room.awareness.states.keys())),
  );
}
