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
export function serveConnection(
  ws: WebSocket,
  ctx: ConnectionContext,
  deps: {
    rooms: RoomRegistry;
    metrics: CollabMetrics;
    limits: CollabLimits;
    outbox: Outbox;
    onClosed: (conn: Connection) => void;
  },
): Connection {
  const { rooms, metrics, limits, outbox } = deps;
  let room: Room | null = null;
  let closed = false;
  const queue: Uint8Array[] = [];
  let tokens = limits.MESSAGE_BURST;
  let loggedDrop = false;
  let lastRefill = performance.now();
  /** The stored answer offered while the document loads, until it is sent or refused. */
  let storedAnswer: StoredAnswer | null = null;
  /** The state vector of the stored state this client was sent before the load completed. */
  let answeredFrom: Uint8Array | null = null;
  let firstMessage!: () => void;
  const early: EarlyReader = {
    stored(answer) {
      storedAnswer = answer;
      answerEarly();
    },
    firstMessage: new Promise<void>((resolve) => (firstMessage = resolve)),
  };

  let access = ctx.access;
  let writes = ctx.writes;
  let lastSentAt = performance.now();
  // Whether the peer answered the last ping (a websocket pong).
  let answered = true;
  ws.on('pong', () => (answered = true));

  function send(frame: Uint8Array): void {
    if (closed || ws.readyState !== WebSocket.OPEN) return;
    if (ws.bufferedAmount > limits.MAX_BUFFERED_BYTES) {
      close(CLOSE_CODES.goingAway, 'slow consumer');
      return;
    }
    lastSentAt = performance.now();
    // A failed write errors the socket, and its 'close' closes this connection.
    outbox.send(ws, frame);
  }

  // The connection's state changes here alone: what the policy grants (grant), what was sent (send).
  const conn: Connection = {
    id: nextConnectionId++,
    userId: ctx.userId,
    identity: ctx.identity,
    get access() {
      return access;
    },
    get writes() {
      return writes;
    },
    extensions: ctx.extensions,
    tokenExp: ctx.tokenExp,
    sessionVersion: ctx.sessionVersion,
    docId: ctx.docId,
    get lastSentAt() {
      return lastSentAt;
    },
    awarenessIds: new Set(),
    send,
    close: (code, reason) => close(code, reason),
    grant(granted, scope, reason) {
      writes = scope;
      if (granted === access) return;
      access = granted;
      if (ctx.extensions) send(encodeAccess(granted, reason));
    },
    heartbeat() {
      if (!answered) {
        ws.terminate();
        return;
      }
      answered = false;
      ws.ping();
    },
  };

  /** An update that builds on something this client has not sent yet, held until the rest arrives. */
  let held: { update: Uint8Array; timer: NodeJS.Timeout } | null = null;

  function close(code: number, reason: string): void {
    if (closed) return;
    closed = true;
    // A load waiting for this client's first message waits no longer.
    firstMessage();
    if (held) clearTimeout(held.timer);
    held = null;
    if (room) rooms.leave(room, conn);
    metrics.counters.connections_closed_total++;
    deps.onClosed(conn);
    try {
      ws.close(code, reason);
    } catch {
      ws.terminate();
    }
  }

  function reject(code: number, reason: string, details: Record<string, unknown>): void {
    metrics.counters.bad_frames_total++;
    log.warn('collab.connection_rejected', { docId: ctx.docId, userId: ctx.userId, code, reason, ...details });
    close(code, reason);
  }

  function withinRate(): boolean {
    const now = performance.now();
    tokens = Math.min(limits.MESSAGE_BURST, tokens + ((now - lastRefill) / 1000) * limits.MAX_MESSAGES_PER_SECOND);
    lastRefill = now;
    if (tokens < 1) return false;
    tokens -= 1;
    return true;
  }

  /** Refuses a document update whole: nothing of it is applied or relayed, and the client is told why. */
  function refuseUpdate(reason: string): void {
    metrics.counters.updates_refused_total++;
    log.warn('collab.update_refused', { docId: ctx.docId, userId: ctx.userId, reason });
    close(CLOSE_CODES.updateRefused, 'update refused');
  }

  function applyDocumentUpdate(target: Room, update: Uint8Array): void {
    if (conn.access !== 'edit' || target.locked) {
      // Read-only peers and sealed minutes: counted, never applied or relayed. Logged once per
      // connection when it carries content the document lacks (a routine sync reply on reconnect
      // carries none).
      metrics.counters.readonly_updates_dropped_total++;
      if (!loggedDrop && carriesNewContent(target.doc, update)) {
        loggedDrop = true;
        log.warn('collab.readonly_update_dropped', { docId: ctx.docId, userId: ctx.userId, locked: target.locked });
      }
      return;
    }
    if (target.approxBytes + update.length > limits.MAX_DOCUMENT_BYTES) {
      reject(CLOSE_CODES.documentTooLarge, 'document too large', { bytes: target.approxBytes });
      return;
    }
    const started = performance.now();
    const whole = held ? Y.mergeUpdates([held.update, update]) : update;
    const verdict = checkUpdate(target.doc, whole, conn.writes);
    metrics.recordUpdateCheck(performance.now() - started);
    if (verdict.kind === 'refuse') return refuseUpdate(verdict.reason);
    if (verdict.kind === 'incomplete') {
      if (whole.length > limits.MAX_MESSAGE_BYTES) return refuseUpdate('incomplete update too large');
      const timer =
        held?.timer ??
        setTimeout(() => refuseUpdate('incomplete update never completed'), limits.INCOMPLETE_UPDATE_TIMEOUT_MS);
      held = { update: whole, timer };
      return;
    }
    if (held) clearTimeout(held.timer);
    held = null;
    Y.applyUpdate(target.doc, whole, conn);
    metrics.counters.updates_applied_total++;
    if (verdict.newTasks.length > 0) assignTaskIds(target.doc, verdict.newTasks, SERVER_ORIGIN, randomUUID);
  }

  /** Sends the stored answer if the client's first message, still queued, is an empty sync step 1. */
  function answerEarly(): void {
    const answer = storedAnswer;
    if (!answer || room || closed || queue.length === 0) return;
    storedAnswer = null;
    let first: IncomingMessage;
    try {
      first = decodeMessage(queue[0]!);
    } catch {
      return; // Refused when it is processed.
    }
    if (first.type !== 'sync-step-1' || !isEmptyStateVector(first.stateVector)) return;
    answeredFrom = answer.stateVector;
    conn.send(answer.frame);
    if (conn.extensions) conn.send(answer.savedFrame);
    metrics.counters.early_answers_total++;
  }

  function handle(target: Room, message: IncomingMessage): void {
    switch (message.type) {
      case 'sync-step-1':
        if (answeredFrom && isEmptyStateVector(message.stateVector)) {
          // Answered from the stored bytes already: what the document gained since, deletions included.
          conn.send(encodeSyncStep2(target.doc, answeredFrom));
          answeredFrom = null;
          break;
        }
        conn.send(
          isEmptyStateVector(message.stateVector)
            ? target.freshSyncFrame()
            : encodeSyncStep2(target.doc, message.stateVector),
        );
        break;
      case 'sync-step-2':
      case 'update':
        applyDocumentUpdate(target, message.update);
        break;
      case 'awareness': {
        const isForeign = (id: number) => {
          const owner = target.awarenessOwners.get(id);
          return (owner !== undefined && owner !== conn) || target.remoteAwareness.has(id);
        };
        const { update, clientIds } = rewriteAwarenessUpdate(
          message.update,
          conn.identity,
          isForeign,
          limits.MAX_AWARENESS_STATE_BYTES,
          limits.MAX_AWARENESS_ENTRIES,
        );
        const claimed = new Set([...conn.awarenessIds, ...clientIds]);
        if (claimed.size > limits.MAX_AWARENESS_CLIENTS_PER_CONNECTION)
          throw new AwarenessLimitError(`${claimed.size} awareness client ids on one connection`);
        if (update) awarenessProtocol.applyAwarenessUpdate(target.awareness, update, conn);
        break;
      }
      case 'query-awareness': {
        const frame = target.fullAwarenessFrame();
        if (frame) conn.send(frame);
        break;
      }
      case 'auth':
        break;
    }
  }

  function process(target: Room, frame: Uint8Array): void {
    if (closed) return;
    metrics.counters.messages_received_total++;
    if (!withinRate()) {
      reject(CLOSE_CODES.rateLimited, 'too many messages', {});
      return;
    }
    try {
      handle(target, decodeMessage(frame));
    } catch (error) {
      if (error instanceof AwarenessLimitError) {
        reject(CLOSE_CODES.policyViolation, 'presence beyond limits', { error: error.message });
        return;
      }
      // Malformed frames and updates Yjs cannot decode both end here.
      reject(CLOSE_CODES.protocolError, 'invalid message', {
        error: String(error),
        kind: error instanceof ProtocolError ? 'frame' : 'update',
      });
    }
  }

  ws.binaryType = 'nodebuffer';
  ws.on('message', (data: Buffer, isBinary: boolean) => {
    if (!isBinary) {
      reject(CLOSE_CODES.protocolError, 'text frames are not part of the protocol', {});
      return;
    }
    const frame = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
    if (room) process(room, frame);
    else if (queue.length >= limits.MESSAGE_BURST) reject(CLOSE_CODES.rateLimited, 'too many messages before load', {});
    else {
      queue.push(frame);
      if (queue.length === 1) {
        firstMessage();
        answerEarly();
      }
    }
  });
  ws.on('close', () => close(CLOSE_CODES.goingAway, 'closed'));
  ws.on('error', (error: Error & { code?: string }) => {
    if (error.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH') {
      // ws has already answered with close 1009; record why.
      metrics.counters.bad_frames_total++;
      log.warn('collab.connection_rejected', {
        docId: ctx.docId,
        userId: ctx.userId,
        code: 1009,
        reason: 'message too big',
      });
    } else {
      log.warn('collab.socket_error', { docId: ctx.docId, error: String(error) });
    }
    close(CLOSE_CODES.protocolError, 'socket error');
  });

  metrics.counters.connections_opened_total++;
  rooms.acquire(ctx.docId, early).then(
    (loaded) => {
      if (closed) return;
      room = loaded;
      rooms.join(loaded, conn);
      conn.send(encodeSyncStep1(loaded.doc));
      const awareness = loaded.fullAwarenessFrame();
      if (awareness) conn.send(awareness);
      if (conn.extensions) {
        if (loaded.savedFrame) conn.send(loaded.savedFrame);
        if (conn.access === 'read')
          conn.send(encodeAccess('read', loaded.locked ? 'collab.access.locked' : 'collab.access.readOnly'));
      }
      for (const frame of queue.splice(0)) process(loaded, frame);
    },
    (error: unknown) => {
      log.error('collab.load_failed', { docId: ctx.docId, error: String(error) });
      close(CLOSE_CODES.internalError, 'could not load document');
    },
  );
  return conn;
}
