import { randomUUID } from 'node:crypto';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { CLOSE_CODES } from '../../lib/collab/close-codes';
import { log } from '../log';
import { AwarenessLimitError, rewriteAwarenessUpdate, type AwarenessIdentity } from './awareness-rewrite';
import type { CollabLimits } from './limits';
import type { CollabMetrics } from './metrics';
import type { Outbox } from './outbox';
import {
  decodeMessage,
  encodeAccess,
  encodeSyncStep1,
  encodeSyncStep2,
  isEmptyStateVector,
  ProtocolError,
  type IncomingMessage,
} from './protocol';
import { SERVER_ORIGIN, type Connection, type Room } from './room';
import type { EarlyReader, RoomRegistry, StoredAnswer } from './rooms';
import { assignTaskIds, checkUpdate, type WriteScope } from './update-guard';

export interface ConnectionContext {
  docId: string;
  userId: string;
  identity: AwarenessIdentity;
  access: 'edit' | 'read';
  /** The root types this user may write (what the policy allows them to co-edit). */
  writes: WriteScope;
  extensions: boolean;
  tokenExp: number;
  sessionVersion: number;
}

/** What every connection of this process shares: one object, not one per connection. */
export interface ConnectionDeps {
  rooms: RoomRegistry;
  metrics: CollabMetrics;
  limits: CollabLimits;
  outbox: Outbox;
  onClosed: (conn: Connection) => void;
}

let nextConnectionId = 1;

/** Whether an update holds structs the document does not have yet. */
function carriesNewContent(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    const incoming = Y.decodeStateVector(Y.encodeStateVectorFromUpdate(update));
    const local = Y.decodeStateVector(Y.encodeStateVector(doc));
    for (const [client, clock] of incoming) if ((local.get(client) ?? 0) < clock) return true;
    return false;
  } catch {
    return true;
  }
}

/** The connection a socket serves, for the socket's listeners (shared by every socket, see LiveConnection). */
const SERVED = Symbol('served connection');
type ServedSocket = WebSocket & { [SERVED]: LiveConnection };

function served(ws: WebSocket): LiveConnection {
  return (ws as ServedSocket)[SERVED];
}

function onSocketMessage(this: WebSocket, data: Buffer, isBinary: boolean): void {
  served(this).received(data, isBinary);
}

function onSocketPong(this: WebSocket): void {
  served(this).ponged();
}

function onSocketClose(this: WebSocket): void {
  served(this).close(CLOSE_CODES.goingAway, 'closed');
}

function onSocketError(this: WebSocket, error: Error & { code?: string }): void {
  served(this).failed(error);
}

/**
 * Serves one accepted websocket. The message listener is attached before any
 * await so nothing the client sends on open is lost; messages wait in a queue
 * until the document is loaded. One exception: a client whose first message
 * says it holds nothing (an empty sync step 1) may be answered from the
 * document's stored bytes while it loads (rooms.ts, answerEarly); once it is
 * loaded, that step 1 is answered with what the document gained since those
 * bytes, so the client ends with exactly what a late answer would have given
 * it. Anything this peer does wrong closes this peer only.
 */
export function serveConnection(ws: WebSocket, ctx: ConnectionContext, deps: ConnectionDeps): Connection {
  return new LiveConnection(ws, ctx, deps);
}

/**
 * One connection's state and behaviour. A class, with the socket's listeners
 * shared at module level: a province's evening holds tens of thousands of
 * these, and as closures over one function's scope each connection carried
 * some twenty function objects, its context and an object literal with
 * accessors (which V8 keeps as a dictionary), about 2 KiB more than the
 * connection needs. The connection's state changes here alone: what the
 * policy grants (grant), what was sent (send).
 */
class LiveConnection implements Connection {
  readonly id = nextConnectionId++;
  readonly userId: string;
  readonly identity: AwarenessIdentity;
  readonly extensions: boolean;
  readonly tokenExp: number;
  readonly sessionVersion: number;
  readonly docId: string;
  readonly awarenessIds = new Set<number>();
  private granted: 'edit' | 'read';
  private scope: WriteScope;
  private sentAt = performance.now();
  private room: Room | null = null;
  private closed = false;
  /** Frames that came before the document was loaded; null once it is. */
  private queue: Uint8Array[] | null = [];
  private tokens: number;
  private lastRefill = performance.now();
  private loggedDrop = false;
  /** Whether the peer answered the last ping (a websocket pong). */
  private answered = true;
  /** The stored answer offered while the document loads, until it is sent or refused. */
  private storedAnswer: StoredAnswer | null = null;
  /** The state vector of the stored state this client was sent before the load completed. */
  private answeredFrom: Uint8Array | null = null;
  /** Tells a load waiting for this client's first message that it came (or never will); null once told. */
  private firstMessageHeard: (() => void) | null = null;
  /** An update that builds on something this client has not sent yet, held until the rest arrives. */
  private held: { update: Uint8Array; timer: NodeJS.Timeout } | null = null;

  constructor(
    private readonly ws: WebSocket,
    ctx: ConnectionContext,
    private readonly deps: ConnectionDeps,
  ) {
    this.userId = ctx.userId;
    this.identity = ctx.identity;
    this.extensions = ctx.extensions;
    this.tokenExp = ctx.tokenExp;
    this.sessionVersion = ctx.sessionVersion;
    this.docId = ctx.docId;
    this.granted = ctx.access;
    this.scope = ctx.writes;
    this.tokens = deps.limits.MESSAGE_BURST;
    (ws as ServedSocket)[SERVED] = this;
    ws.binaryType = 'nodebuffer';
    ws.on('pong', onSocketPong);
    ws.on('message', onSocketMessage);
    ws.on('close', onSocketClose);
    ws.on('error', onSocketError);
    deps.metrics.counters.connections_opened_total++;
    const early: EarlyReader = {
      stored: (answer) => {
        this.storedAnswer = answer;
        this.answerEarly();
      },
      firstMessage: new Promise<void>((resolve) => (this.firstMessageHeard = resolve)),
    };
    deps.rooms.acquire(ctx.docId, early).then(
      (loaded) => this.loaded(loaded),
      (error: unknown) => {
        log.error('collab.load_failed', { docId: this.docId, error: String(error) });
        this.close(CLOSE_CODES.internalError, 'could not load document');
      },
    );
  }

  /** What the policy last granted: a locked meeting turns live editors into readers (see `grant`). */
  get access(): 'edit' | 'read' {
    return this.granted;
  }

  get writes(): WriteScope {
    return this.scope;
  }

  get lastSentAt(): number {
    return this.sentAt;
  }

  send(frame: Uint8Array): void {
    const ws = this.ws;
    if (this.closed || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > this.deps.limits.MAX_BUFFERED_BYTES) {
      this.close(CLOSE_CODES.goingAway, 'slow consumer');
      return;
    }
    this.sentAt = performance.now();
    // A failed write errors the socket, and its 'close' closes this connection.
    this.deps.outbox.send(ws, frame);
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    // A load waiting for this client's first message waits no longer.
    this.heardFirstMessage();
    if (this.held) clearTimeout(this.held.timer);
    this.held = null;
    this.queue = null;
    if (this.room) this.deps.rooms.leave(this.room, this);
    this.deps.metrics.counters.connections_closed_total++;
    this.deps.onClosed(this);
    try {
      this.ws.close(code, reason);
    } catch {
      this.ws.terminate();
    }
  }

  grant(granted: 'edit' | 'read', scope: WriteScope, reason: string): void {
    this.scope = scope;
    if (granted === this.granted) return;
    this.granted = granted;
    if (this.extensions) this.send(encodeAccess(granted, reason));
  }

  heartbeat(): void {
    if (!this.answered) {
      this.ws.terminate();
      return;
    }
    this.answered = false;
    this.ws.ping();
  }

  ponged(): void {
    this.answered = true;
  }

  /** A frame from the socket: processed now, or queued until the document is loaded. */
  received(data: Buffer, isBinary: boolean): void {
    if (!isBinary) {
      this.reject(CLOSE_CODES.protocolError, 'text frames are not part of the protocol', {});
      return;
    }
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (this.room) this.process(this.room, frame);
    else if (!this.queue) return;
    else if (this.queue.length >= this.deps.limits.MESSAGE_BURST)
      this.reject(CLOSE_CODES.rateLimited, 'too many messages before load', {});
    else {
      this.queue.push(frame);
      if (this.queue.length === 1) {
        this.heardFirstMessage();
        this.answerEarly();
      }
    }
  }

  failed(error: Error & { code?: string }): void {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      // ws has already answered with close 1009; record why.
      this.deps.metrics.counters.bad_frames_total++;
      log.warn('collab.connection_rejected', {
        docId: this.docId,
        userId: this.userId,
        code: 1009,
        reason: 'message too big',
      });
    } else {
      log.warn('collab.socket_error', { docId: this.docId, error: String(error) });
    }
    this.close(CLOSE_CODES.protocolError, 'socket error');
  }

  private loaded(loaded: Room): void {
    // The load no longer waits on this client, whatever it sent.
    this.firstMessageHeard = null;
    if (this.closed) return;
    this.room = loaded;
    this.deps.rooms.join(loaded, this);
    this.send(encodeSyncStep1(loaded.doc));
    const awareness = loaded.fullAwarenessFrame();
    if (awareness) this.send(awareness);
    if (this.extensions) {
      if (loaded.savedFrame) this.send(loaded.savedFrame);
      if (this.granted === 'read')
        this.send(encodeAccess('read', loaded.locked ? 'collab.access.locked' : 'collab.access.readOnly'));
    }
    const queued = this.queue ?? [];
    this.queue = null;
    for (const frame of queued) this.process(loaded, frame);
  }

  private heardFirstMessage(): void {
    const heard = this.firstMessageHeard;
    this.firstMessageHeard = null;
    heard?.();
  }

  private reject(code: number, reason: string, details: Record<string, unknown>): void {
    this.deps.metrics.counters.bad_frames_total++;
    log.warn('collab.connection_rejected', { docId: this.docId, userId: this.userId, code, reason, ...details });
    this.close(code, reason);
  }

  private withinRate(): boolean {
    const { MESSAGE_BURST, MAX_MESSAGES_PER_SECOND } = this.deps.limits;
    const now = performance.now();
    this.tokens = Math.min(MESSAGE_BURST, this.tokens + ((now - this.lastRefill) / 1000) * MAX_MESSAGES_PER_SECOND);
    this.lastRefill = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }

  /** Refuses a document update whole: nothing of it is applied or relayed, and the client is told why. */
  private refuseUpdate(reason: string): void {
    this.deps.metrics.counters.updates_refused_total++;
    log.warn('collab.update_refused', { docId: this.docId, userId: this.userId, reason });
    this.close(CLOSE_CODES.updateRefused, 'update refused');
  }

  private applyDocumentUpdate(target: Room, update: Uint8Array): void {
    const { metrics, limits } = this.deps;
    if (this.granted !== 'edit' || target.locked) {
      // Read-only peers and sealed minutes: counted, never applied or relayed. Logged once per
      // connection when it carries content the document lacks (a routine sync reply on reconnect
      // carries none).
      metrics.counters.readonly_updates_dropped_total++;
      if (!this.loggedDrop && carriesNewContent(target.doc, update)) {
        this.loggedDrop = true;
        log.warn('collab.readonly_update_dropped', { docId: this.docId, userId: this.userId, locked: target.locked });
      }
      return;
    }
    if (target.approxBytes + update.length > limits.MAX_DOCUMENT_BYTES) {
      this.reject(CLOSE_CODES.documentTooLarge, 'document too large', { bytes: target.approxBytes });
      return;
    }
    const started = performance.now();
    const held = this.held;
    const whole = held ? Y.mergeUpdates([held.update, update]) : update;
    const verdict = checkUpdate(target.doc, whole, this.scope);
    metrics.recordUpdateCheck(performance.now() - started);
    if (verdict.kind === 'refuse') return this.refuseUpdate(verdict.reason);
    if (verdict.kind === 'incomplete') {
      if (whole.length > limits.MAX_MESSAGE_BYTES) return this.refuseUpdate('incomplete update too large');
      const timer =
        held?.timer ??
        setTimeout(() => this.refuseUpdate('incomplete update never completed'), limits.INCOMPLETE_UPDATE_TIMEOUT_MS);
      this.held = { update: whole, timer };
      return;
    }
    if (held) clearTimeout(held.timer);
    this.held = null;
    Y.applyUpdate(target.doc, whole, this);
    metrics.counters.updates_applied_total++;
    if (verdict.newTasks.length > 0) assignTaskIds(target.doc, verdict.newTasks, SERVER_ORIGIN, randomUUID);
  }

  /** Sends the stored answer if the client's first message, still queued, is an empty sync step 1. */
  private answerEarly(): void {
    const answer = this.storedAnswer;
    if (!answer || this.room || this.closed || !this.queue || this.queue.length === 0) return;
    this.storedAnswer = null;
    let first: IncomingMessage;
    try {
      first = decodeMessage(this.queue[0]!);
    } catch {
      return; // Refused when it is processed.
    }
    if (first.type !== 'sync-step-1' || !isEmptyStateVector(first.stateVector)) return;
    this.answeredFrom = answer.stateVector;
    this.send(answer.frame);
    if (this.extensions) this.send(answer.savedFrame);
    this.deps.metrics.counters.early_answers_total++;
  }

  private handle(target: Room, message: IncomingMessage): void {
    switch (message.type) {
      case 'sync-step-1':
        if (this.answeredFrom && isEmptyStateVector(message.stateVector)) {
          // Answered from the stored bytes already: what the document gained since, deletions included.
          this.send(encodeSyncStep2(target.doc, this.answeredFrom));
          this.answeredFrom = null;
          break;
        }
        this.send(
          isEmptyStateVector(message.stateVector)
            ? target.freshSyncFrame()
            : encodeSyncStep2(target.doc, message.stateVector),
        );
        break;
      case 'sync-step-2':
      case 'update':
        this.applyDocumentUpdate(target, message.update);
        break;
      case 'awareness': {
        const limits = this.deps.limits;
        const isForeign = (id: number) => {
          const owner = target.awarenessOwners.get(id);
          return (owner !== undefined && owner !== this) || target.remoteAwareness.has(id);
        };
        const { update, clientIds } = rewriteAwarenessUpdate(
          message.update,
          this.identity,
          isForeign,
          limits.MAX_AWARENESS_STATE_BYTES,
          limits.MAX_AWARENESS_ENTRIES,
        );
        const claimed = new Set([...this.awarenessIds, ...clientIds]);
        if (claimed.size > limits.MAX_AWARENESS_CLIENTS_PER_CONNECTION)
          throw new AwarenessLimitError(`${claimed.size} awareness client ids on one connection`);
        if (update) awarenessProtocol.applyAwarenessUpdate(target.awareness, update, this);
        break;
      }
      case 'query-awareness': {
        const frame = target.fullAwarenessFrame();
        if (frame) this.send(frame);
        break;
      }
      case 'auth':
        break;
    }
  }

  private process(target: Room, frame: Uint8Array): void {
    if (this.closed) return;
    this.deps.metrics.counters.messages_received_total++;
    if (!this.withinRate()) {
      this.reject(CLOSE_CODES.rateLimited, 'too many messages', {});
      return;
    }
    try {
      this.handle(target, decodeMessage(frame));
    } catch (error) {
      if (error instanceof AwarenessLimitError) {
        this.reject(CLOSE_CODES.policyViolation, 'presence beyond limits', { error: error.message });
        return;
      }
      // Malformed frames and updates Yjs cannot decode both end here.
      this.reject(CLOSE_CODES.protocolError, 'invalid message', {
        error: String(error),
        kind: error instanceof ProtocolError ? 'frame' : 'update',
      });
    }
  }
}
