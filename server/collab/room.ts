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
  /** What the policy last granted: a locked meeting turns live editors into readers (see `grant`). */
  readonly access: Exclude<DocumentAccess, 'none'>;
  /** The root types this user may write, as the policy last said. */
  readonly writes: WriteScope;
  /**
   * Applies what the policy now says; when the access changed, tells a
   * client that opted in why (`reason`: the message key it shows).
   */
  readonly grant: (access: Exclude<DocumentAccess, 'none'>, writes: WriteScope, reason: string) => void;
  /** Pings the peer, or ends the connection when it did not answer the previous ping. */
  readonly heartbeat: () => void;
  /** Opted in to MESSAGE_SAVED / MESSAGE_ACCESS. */
  readonly extensions: boolean;
  /** Session expiry, Unix seconds. */
  readonly tokenExp: number;
  /** users.session_version the session was issued under; a bump revokes it. */
  readonly sessionVersion: number;
  readonly docId: string;
  /** performance.now() of the last frame sent, for keep-alives. */
  readonly lastSentAt: number;
  /** Awareness client ids this connection has set. */
  readonly awarenessIds: Set<number>;
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
 * A saved notice goes at once to the connections whose changes it reports
 * saved; the others (readers, and editors who did not write since their last
 * notice) get it with the next frame they are sent anyway, or after this many
 * ms. In a meeting where one person types, a commit's notice to every reader
 * was a socket write of its own, nearly as many writes as the typing's
 * deliveries; riding along with the next update it costs no write at all.
 */
export const SAVED_NOTICE_DEFER_MS = 500;

/** What a room tells its owner (the registry), and how it encodes updates for the wire. */
export interface RoomHooks {
  /** A change was applied (by anyone but the load): the registry stores, publishes or projects it by origin. */
  onUpdate: (room: Room, update: Uint8Array, origin: unknown) => void;
  encodeDocUpdate: (update: Uint8Array) => Uint8Array;
  /** Presence changed here (not relayed from another instance): the ids whose state changed. */
  onOwnPresence?: ((room: Room, changed: number[]) => void) | undefined;
}

/**
 * A loaded document: the Y.Doc, its awareness and the connections to it.
 * Its state changes only through its own methods (join and leave, lock,
 * saved, the whole-document frame, the registry's bookkeeping), so what a
 * room is at any moment can be read off this class.
 *
 * Broadcasting is wired at construction: every document update goes
 * once-encoded to every other connection and to the owner; awareness
 * changes go, at most once per PRESENCE_FANOUT_MS, to every connection
 * including their sender, whose client relies on hearing them back.
 */
export class Room {
  readonly awareness: awarenessProtocol.Awareness;
  /** Which connection owns each awareness client id, so nobody overwrites another's state. */
  readonly awarenessOwners = new Map<number, Connection>();
  /** Awareness client ids of other instances' connections: nobody here may overwrite them. */
  readonly remoteAwareness = new Set<number>();
  private readonly members = new Set<Connection>();
  private sealed = false;
  private lastSaved: Uint8Array | null = null;
  private wholeDocument: Uint8Array | null = null;
  private bytes: number;
  private rows: number;
  private unloadTimer: NodeJS.Timeout | null = null;
  private readonly pendingPresence = new Set<number>();
  private presenceTimer: NodeJS.Timeout | null = null;
  private lastPresenceAt = -Infinity;
  /** Connections that sent a change since their last saved notice: the next notice goes to them at once. */
  private readonly authors = new Set<Connection>();
  /** Connections owed the last saved notice, sent with their next frame or when `noticeTimer` fires. */
  private readonly owedNotice = new Set<Connection>();
  private noticeTimer: NodeJS.Timeout | null = null;

  /** `storedBytes` and `storedRows`: what the document was loaded from (its size, its log rows after the snapshot). */
  constructor(
    readonly docId: string,
    readonly doc: Y.Doc,
    storedBytes: number,
    storedRows: number,
    private readonly hooks: RoomHooks,
  ) {
    this.bytes = storedBytes;
    this.rows = storedRows;
    this.awareness = new awarenessProtocol.Awareness(doc);
    // The server is not a participant: it holds others' states, none of its own.
    this.awareness.setLocalState(null);
    doc.on('update', (update: Uint8Array, origin: unknown) => this.updated(update, origin));
    this.awareness.on('update', (change: { added: number[]; updated: number[]; removed: number[] }, origin: unknown) =>
      this.presenceChanged(change, origin),
    );
  }

  /** The connections to this document here. */
  get connections(): ReadonlySet<Connection> {
    return this.members;
  }

  join(conn: Connection): void {
    this.cancelUnload();
    this.members.add(conn);
  }

  /** Removes a connection and the presence it set; false when it was not here. */
  leave(conn: Connection): boolean {
    if (!this.members.delete(conn)) return false;
    this.authors.delete(conn);
    this.owedNotice.delete(conn);
    if (conn.awarenessIds.size > 0) {
      awarenessProtocol.removeAwarenessStates(this.awareness, Array.from(conn.awarenessIds), null);
    }
    return true;
  }

  /** Forgets every connection without a word (shutdown: the sockets were closed already). */
  forgetConnections(): void {
    this.members.clear();
    this.authors.clear();
    this.owedNotice.clear();
  }

  /** Sealed (approved minutes): every change from every connection is dropped. */
  get locked(): boolean {
    return this.sealed;
  }

  lock(): void {
    this.sealed = true;
  }

  unlock(): void {
    this.sealed = false;
  }

  /** Stored size at load plus the size of every update since: the document-size limit's measure. */
  get approxBytes(): number {
    return this.bytes;
  }

  /** The last MESSAGE_SAVED frame, for clients that join later. */
  get savedFrame(): Uint8Array | null {
    return this.lastSaved;
  }

  /**
   * Everything up to `frame`'s state vector is stored: tells every client
   * that opted in (at once those who wrote since their last notice, the
   * others within SAVED_NOTICE_DEFER_MS) and those who join later.
   * `settled`: no change of this document waits for a later commit; when
   * some does, the authors are told at once of that commit too.
   */
  announceSaved(frame: Uint8Array, settled = true): void {
    this.lastSaved = frame;
    this.owedNotice.clear();
    for (const conn of this.members) {
      if (!conn.extensions) continue;
      if (this.authors.has(conn)) {
        conn.send(frame);
        if (settled) this.authors.delete(conn);
      } else this.owedNotice.add(conn);
    }
    if (this.owedNotice.size > 0 && !this.noticeTimer) {
      this.noticeTimer = setTimeout(() => this.payNotices(), SAVED_NOTICE_DEFER_MS);
      this.noticeTimer.unref();
    }
  }

  /** Sends the last saved notice to every connection still owed it. */
  private payNotices(): void {
    this.noticeTimer = null;
    for (const conn of this.owedNotice) conn.send(this.lastSaved!);
    this.owedNotice.clear();
  }

  /** Sends `frame`, with the saved notice the connection is owed in the same write. */
  private deliver(conn: Connection, frame: Uint8Array): void {
    conn.send(frame);
    if (this.owedNotice.delete(conn)) conn.send(this.lastSaved!);
  }

  /**
   * Sync step 2 for a peer that has nothing yet, i.e. the whole document,
   * kept until the document next changes. Encoding a large document costs
   * about a quarter of loading it, and every fresh client (a page load, a
   * reconnect after the server restarted) asks for exactly this.
   */
  freshSyncFrame(): Uint8Array {
    this.wholeDocument ??= encodeSyncStep2(this.doc);
    return this.wholeDocument;
  }

  /** Whether the whole-document frame is kept now (it is dropped at every change). */
  get hasFreshSyncFrame(): boolean {
    return this.wholeDocument !== null;
  }

  /** A document stored as one piece is already that frame: kept from the load. */
  seedFreshSyncFrame(frame: Uint8Array): void {
    this.wholeDocument = frame;
  }

  /** The full awareness as one frame, or null when nobody has a state. */
  fullAwarenessFrame(): Uint8Array | null {
    if (this.awareness.states.size === 0) return null;
    return encodeAwareness(
      awarenessProtocol.encodeAwarenessUpdate(this.awareness, Array.from(this.awareness.states.keys())),
    );
  }

  /** Log rows written since the last compaction (the registry's bookkeeping). */
  get rowsSinceCompaction(): number {
    return this.rows;
  }

  noteRowsWritten(rows: number): void {
    this.rows += rows;
  }

  noteCompacted(): void {
    this.rows = 0;
  }

  /** Whether an unload is scheduled. */
  get unloadPending(): boolean {
    return this.unloadTimer !== null;
  }

  /** Schedules `unload` after `ms` unless one is pending already. */
  scheduleUnload(ms: number, unload: () => void): void {
    if (this.unloadTimer) return;
    this.unloadTimer = setTimeout(() => {
      this.unloadTimer = null;
      unload();
    }, ms);
    this.unloadTimer.unref();
  }

  cancelUnload(): void {
    if (this.unloadTimer) clearTimeout(this.unloadTimer);
    this.unloadTimer = null;
  }

  private updated(update: Uint8Array, origin: unknown): void {
    if (origin === LOAD_ORIGIN) return;
    this.wholeDocument = null;
    this.bytes += update.length;
    // Its sender is owed the notice of the commit that will hold it, at once.
    if (this.members.has(origin as Connection)) this.authors.add(origin as Connection);
    this.hooks.onUpdate(this, update, origin);
    const frame = this.hooks.encodeDocUpdate(update);
    for (const conn of this.members) if (conn !== origin) this.deliver(conn, frame);
  }

  private presenceChanged(
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    origin: unknown,
  ): void {
    const changed = added.concat(updated, removed);
    const owner = origin as Connection | undefined;
    if (origin === REMOTE_ORIGIN) {
      for (const id of added.concat(updated)) this.remoteAwareness.add(id);
    } else if (owner && this.members.has(owner)) {
      for (const id of added.concat(updated)) {
        owner.awarenessIds.add(id);
        this.awarenessOwners.set(id, owner);
      }
    }
    for (const id of removed) {
      this.awarenessOwners.get(id)?.awarenessIds.delete(id);
      this.awarenessOwners.delete(id);
      this.remoteAwareness.delete(id);
    }
    if (changed.length > 0 && origin !== REMOTE_ORIGIN) this.hooks.onOwnPresence?.(this, changed);
    if (changed.length === 0 || this.members.size === 0) return;
    for (const id of changed) this.pendingPresence.add(id);
    if (this.presenceTimer) return;
    // A change after a quiet spell goes out at once; those within the next PRESENCE_FANOUT_MS wait for it to pass.
    const since = performance.now() - this.lastPresenceAt;
    if (since >= PRESENCE_FANOUT_MS) this.sendPresence();
    else this.presenceTimer = setTimeout(() => this.sendPresence(), PRESENCE_FANOUT_MS - since);
  }

  private sendPresence(): void {
    this.presenceTimer = null;
    const changed = Array.from(this.pendingPresence);
    this.pendingPresence.clear();
    // An unloaded room has no connections left; its awareness may already be destroyed.
    if (changed.length === 0 || this.members.size === 0) return;
    this.lastPresenceAt = performance.now();
    const frame = encodeAwareness(awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
    for (const conn of this.members) this.deliver(conn, frame);
  }
}
