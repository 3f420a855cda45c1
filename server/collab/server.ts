import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES } from '../../lib/collab/close-codes';
import { COLLAB_PATH, EXTENSIONS_PARAM } from '../../lib/collab/messages';
import { log } from '../log';
import type { Services } from '../services';
import { authorizeUpgrade, currentAccess } from './authorize';
import { serveConnection } from './connection';
import type { CollabLimits } from './limits';
import { createLoopDelayMonitor } from './loop-delay';
import { createCollabMetrics } from './metrics';
import { createOutbox } from './outbox';
import { encodeAccess, KEEPALIVE_FRAME } from './protocol';
import type { Connection } from './room';
import { createRoomRegistry, type DocumentHooks } from './rooms';
import { createUpgradeLimiter } from './upgrade-limiter';

/** How often keep-alives, expiries and pings are checked. */
const HOUSEKEEPING_MS = 2_500;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

function refuse(socket: Duplex, status: number): void {
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  }
  socket.destroy();
}

/**
 * The collaboration server: y-websocket protocol on /collab/<docId>, with
 * authentication before the upgrade, persistence, limits and live
 * permission changes.
 */
export function createCollabServer(options: {
  services: Services;
  secret: string;
  limits: CollabLimits;
  hooks?: DocumentHooks;
}) {
  const { services, secret, limits } = options;
  const metrics = createCollabMetrics();
  const loopDelay = createLoopDelayMonitor();
  const rooms = createRoomRegistry({
    store: services.docStore,
    metrics,
    limits,
    ...(options.hooks ? { hooks: options.hooks } : {}),
  });
  const upgradeLimiter = createUpgradeLimiter(limits.MAX_UPGRADES_PER_ADDRESS_PER_MINUTE);
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.MAX_MESSAGE_BYTES });
  const outbox = createOutbox();
  const connections = new Set<Connection>();
  const sockets = new Map<Connection, WebSocket>();
  const alive = new WeakSet<WebSocket>();
  let accepting = true;
  let lastPing = performance.now();

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', () => socket.destroy());
    const url = new URL(req.url ?? '/', 'http://localhost');
    const docId = decodeURIComponent(url.pathname.slice(COLLAB_PATH.length + 1));
    const address = req.socket.remoteAddress ?? 'unknown';
    if (!accepting) return refuse(socket, 503);
    if (!upgradeLimiter.allow(address)) {
      metrics.counters.upgrades_rejected_total++;
      return refuse(socket, 429);
    }
    let decision: Awaited<ReturnType<typeof authorizeUpgrade>>;
    try {
      decision = await authorizeUpgrade(req, docId, services, secret);
    } catch (error) {
      log.error('collab.authorize_failed', { error: String(error) });
      return refuse(socket, 500);
    }
    if (!decision.ok && decision.status !== 'invalid-document') {
      metrics.counters.upgrades_rejected_total++;
      return refuse(socket, decision.status);
    }
    if (decision.ok && (rooms.get(docId)?.connections.size ?? 0) >= limits.MAX_CONNECTIONS_PER_DOCUMENT) {
      metrics.counters.upgrades_rejected_total++;
      return refuse(socket, 503);
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!decision.ok) {
        log.warn('collab.invalid_document', { docId: docId.slice(0, 100) });
        ws.close(CLOSE_CODES.invalidDocument, 'invalid document id');
        return;
      }
      alive.add(ws);
      ws.on('pong', () => alive.add(ws));
      const conn = serveConnection(
        ws,
        {
          docId,
          userId: decision.userId,
          identity: decision.identity,
          access: decision.access,
          extensions: url.searchParams.get(EXTENSIONS_PARAM) === '1',
          tokenExp: decision.tokenExp,
          sessionVersion: decision.sessionVersion,
        },
        {
          rooms,
          metrics,
          limits,
          outbox,
          onClosed: (closed) => {
            connections.delete(closed);
            sockets.delete(closed);
          },
        },
      );
      connections.add(conn);
      sockets.set(conn, ws);
    });
  }

  type Access = Awaited<ReturnType<typeof currentAccess>>;

  /** Applies the current policy to one live connection; `answers` shares one lookup per user, document and session. */
  async function revalidate(conn: Connection, answers: Map<string, Promise<Access>>): Promise<void> {
    const key = `${conn.userId}\n${conn.docId}\n${conn.sessionVersion}`;
    let answer = answers.get(key);
    if (!answer) {
      answer = currentAccess(services, conn.userId, conn.docId, conn.sessionVersion);
      answers.set(key, answer);
    }
    const access = await answer;
    if (access === null) return conn.close(CLOSE_CODES.unauthorized, 'session ended');
    if (access === 'none') return conn.close(CLOSE_CODES.forbidden, 'access withdrawn');
    if (access !== conn.access) {
      conn.access = access;
      if (conn.extensions) {
        const locked = rooms.get(conn.docId)?.locked ?? false;
        conn.send(
          encodeAccess(
            access,
            access === 'edit' ? 'collab.access.edit' : locked ? 'collab.access.locked' : 'collab.access.readOnly',
          ),
        );
      }
    }
  }

  /**
   * Re-checks connections one at a time, each in its own event-loop turn.
   * The embedded database answers synchronously, so a sweep over a thousand
   * connections without yielding held up every room for a tenth of a second.
   */
  async function revalidateWhere(predicate: (conn: Connection) => boolean): Promise<void> {
    const targets = Array.from(connections).filter(predicate);
    const answers = new Map<string, Promise<Access>>();
    for (const conn of targets) {
      await nextTurn();
      if (!connections.has(conn)) continue;
      try {
        await revalidate(conn, answers);
      } catch (error) {
        log.error('collab.revalidate_failed', { docId: conn.docId, error: String(error) });
      }
    }
  }

  let lastRevalidation = performance.now();
  const housekeeping = setInterval(() => {
    const now = performance.now();
    const nowSeconds = Date.now() / 1000;
    const ping = now - lastPing >= limits.PING_INTERVAL_MS;
    if (ping) lastPing = now;
    for (const conn of connections) {
      if (conn.tokenExp <= nowSeconds) {
        conn.close(CLOSE_CODES.unauthorized, 'session expired');
        continue;
      }
      // The 3.x client drops a socket that heard nothing for 30 s, even a lone client.
      if (now - conn.lastSentAt >= limits.KEEPALIVE_AFTER_MS) conn.send(KEEPALIVE_FRAME);
      const ws = sockets.get(conn);
      if (ping && ws) {
        if (!alive.has(ws)) {
          ws.terminate();
          continue;
        }
        alive.delete(ws);
        ws.ping();
      }
    }
    if (now - lastRevalidation >= limits.REVALIDATE_INTERVAL_MS) {
      lastRevalidation = now;
      void revalidateWhere(() => true);
    }
    upgradeLimiter.sweep();
  }, HOUSEKEEPING_MS);
  housekeeping.unref();

  return {
    handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
      void handleUpgrade(req, socket, head);
    },
    /** Re-checks every live connection of a user now (revoked session, removed member). */
    revalidateUser: (userId: string) => revalidateWhere((c) => c.userId === userId),
    /** Re-checks every live connection to a document now (meeting locked). */
    revalidateDocument: (docId: string) => revalidateWhere((c) => c.docId === docId),
    /** Applies a server-side change to a document and resolves once it is durable. */
    change: rooms.change,
    /** Reads a document's current state. */
    read: rooms.read,
    /** Seals a document (approved minutes) and returns it for hashing. */
    lock: rooms.lock,
    unlock: rooms.unlock,
    metricsText: () => metrics.render({ ...rooms.gauges(), ...loopDelay.gauges() }),
    metrics,
    rooms,
    /** Stops accepting, persists every loaded document, closes every socket. */
    async close(): Promise<void> {
      accepting = false;
      clearInterval(housekeeping);
      loopDelay.stop();
      await rooms.writer.flush();
      for (const conn of Array.from(connections)) conn.close(CLOSE_CODES.goingAway, 'server shutting down');
      await rooms.unloadAll();
      wss.close();
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;
