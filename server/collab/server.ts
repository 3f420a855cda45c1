import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Registry } from 'prom-client';
import { WebSocketServer, type WebSocket } from 'ws';
import { CLOSE_CODES } from '../../lib/collab/close-codes';
import { COLLAB_PATH, EXTENSIONS_PARAM } from '../../lib/collab/messages';
import { log } from '../log';
import type { Services } from '../services';
import { authorizeUpgrade, currentAccess } from './authorize';
import { serveConnection, type ConnectionContext, type ConnectionDeps } from './connection';
import type { CollabLimits } from './limits';
import { createLoopDelayMonitor } from './loop-delay';
import { createCollabMetrics, exposeCollabMetrics } from './metrics';
import { createOutbox } from './outbox';
import { KEEPALIVE_FRAME } from './protocol';
import type { Connection } from './room';
import { createRoomRegistry, type DocumentHooks } from './rooms';
import { createUpgradeLimiter } from './upgrade-limiter';
import { createClusterControl } from './cluster-control';
import { createDeliveryHistogram, exposeFanoutMetrics } from './fanout-metrics';
import { createRedisBus } from './redis-bus';
import { clientAddress } from '../net/client-address';

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

/**
 * The document id of /collab/<id>: one path segment, percent-decoded. Null
 * for anything else (bad percent-encoding, nested or empty paths), which is
 * answered with HTTP 400 before anything else is looked at.
 */
function documentIdOf(rawUrl: string): string | null {
  const pathname = rawUrl.split('?')[0]!;
  if (!pathname.startsWith(COLLAB_PATH + '/')) return null;
  const segment = pathname.slice(COLLAB_PATH.length + 1);
  if (segment.length === 0 || segment.length > 200 || segment.includes('/')) return null;
  try {
    const id = decodeURIComponent(segment);
    return id.length > 0 && !id.includes('/') ? id : null;
  } catch {
    return null;
  }
}

function refuse(socket: Duplex, status: number): void {
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? 'Error'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`,
    );
  }
  socket.destroy();
}

/** Error listener of a socket being upgraded: a function, not a closure over the upgrade's request. */
function destroySocket(this: Duplex): void {
  this.destroy();
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
  /** Origins a browser may connect from; empty: the origin must name the host the request was sent to. */
  allowedOrigins?: readonly string[];
  /** Reverse proxies whose X-Forwarded-For names the client (for limits and the audit log). */
  trustedProxies?: readonly string[];
  /** Redis shared with the other instances (REDIS_URL) and the prefix of this deployment's channels. */
  redis?: { url: string; prefix: string } | undefined;
}) {
  const { services, secret, limits } = options;
  const bus = options.redis ? createRedisBus(options.redis) : null;
  const delivery = bus ? createDeliveryHistogram() : null;
  const allowedOrigins = options.allowedOrigins ?? [];
  const trustedProxies = options.trustedProxies ?? [];
  const metrics = createCollabMetrics();
  const loopDelay = createLoopDelayMonitor();
  const rooms = createRoomRegistry({
    store: services.docStore,
    metrics,
    limits,
    ...(options.hooks ? { hooks: options.hooks } : {}),
    bus: bus ?? undefined,
    onDelivery: (ms) => delivery?.observe(ms),
  });
  const upgradeLimiter = createUpgradeLimiter(limits.MAX_UPGRADES_PER_ADDRESS_PER_MINUTE);
  // `connections` tracks the sockets served; ws's own tracking would add a set entry and a listener per socket.
  const wss = new WebSocketServer({ noServer: true, maxPayload: limits.MAX_MESSAGE_BYTES, clientTracking: false });
  const outbox = createOutbox();
  const connections = new Set<Connection>();
  let accepting = true;
  let lastPing = performance.now();

  /**
   * A browser always names the page's origin on a websocket upgrade, and
   * sends the session cookie whatever page opened the socket: another site
   * must not open the minutes in the user's name. Clients that are not
   * browsers send no Origin and are judged by their cookie alone.
   */
  function originAllowed(req: IncomingMessage): boolean {
    const origin = req.headers.origin;
    if (origin === undefined) return true;
    if (allowedOrigins.length > 0) return allowedOrigins.includes(origin);
    try {
      return new URL(origin).host === req.headers.host;
    } catch {
      return false;
    }
  }

  async function handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): Promise<void> {
    socket.on('error', destroySocket);
    const docId = documentIdOf(req.url ?? '/');
    const address = clientAddress(req, trustedProxies);
    if (docId === null) {
      metrics.counters.upgrades_rejected_total++;
      return refuse(socket, 400);
    }
    if (!accepting) return refuse(socket, 503);
    if (!upgradeLimiter.allow(address)) {
      metrics.counters.upgrades_rejected_total++;
      return refuse(socket, 429);
    }
    if (!originAllowed(req)) {
      metrics.counters.upgrades_rejected_total++;
      log.warn('collab.origin_refused', { origin: String(req.headers.origin).slice(0, 200), address });
      return refuse(socket, 403);
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
    if (decision.ok) {
      const open = rooms.get(docId)?.connections ?? new Set<Connection>();
      if (open.size >= limits.MAX_CONNECTIONS_PER_DOCUMENT) {
        metrics.counters.upgrades_rejected_total++;
        return refuse(socket, 503);
      }
      let mine = 0;
      for (const conn of open) if (conn.userId === decision.user.id) mine++;
      if (mine >= limits.MAX_CONNECTIONS_PER_USER_PER_DOCUMENT) {
        metrics.counters.upgrades_rejected_total++;
        return refuse(socket, 429);
      }
      if (decision.meeting.state === 'approved') {
        // Reading approved minutes is a record of its own.
        await services.audit
          .record({
            action: 'minutes.read',
            actorId: decision.user.id,
            cellId: decision.meeting.cell_id,
            meetingId: docId,
            address,
            details: { via: 'websocket' },
          })
          .catch((error: unknown) => log.error('collab.audit_failed', { docId, error: String(error) }));
      }
    }
    const ctx: ConnectionContext | null = decision.ok
      ? {
          docId,
          userId: decision.user.id,
          identity: decision.identity,
          access: decision.access,
          writes: decision.writes,
          extensions: new URL(req.url ?? '/', 'http://localhost').searchParams.get(EXTENSIONS_PARAM) === '1',
          tokenExp: decision.tokenExp,
          sessionVersion: decision.sessionVersion,
        }
      : null;
    wss.handleUpgrade(req, socket, head, (ws) => {
      if (!ctx) {
        log.warn('collab.invalid_document', { docId: docId.slice(0, 100) });
        ws.close(CLOSE_CODES.invalidDocument, 'invalid document id');
        return;
      }
      accept(ws, ctx);
    });
  }

  const connectionDeps: ConnectionDeps = {
    rooms,
    metrics,
    limits,
    outbox,
    onClosed: (closed) => connections.delete(closed),
  };

  /**
   * Serves an accepted socket. Outside handleUpgrade: what the connection's
   * listeners close over is kept as long as it is open, and in there that was
   * the upgrade request with its headers and the meeting's row.
   */
  function accept(ws: WebSocket, ctx: ConnectionContext): void {
    connections.add(serveConnection(ws, ctx, connectionDeps));
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
    const answered = await answer;
    if (answered === null) return conn.close(CLOSE_CODES.unauthorized, 'session ended');
    if (answered === 'none') return conn.close(CLOSE_CODES.forbidden, 'access withdrawn');
    const { access, writes } = answered;
    const locked = rooms.get(conn.docId)?.locked ?? false;
    conn.grant(
      access,
      writes,
      access === 'edit' ? 'collab.access.edit' : locked ? 'collab.access.locked' : 'collab.access.readOnly',
    );
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

  const revalidateUserHere = (userId: string) => revalidateWhere((c) => c.userId === userId);
  const revalidateDocumentHere = (docId: string) => revalidateWhere((c) => c.docId === docId);
  const control = bus
    ? createClusterControl(bus, {
        lock: rooms.lockIfLoaded,
        unlock: rooms.unlock,
        revalidateDocument: revalidateDocumentHere,
        revalidateUser: revalidateUserHere,
      })
    : null;
  // Back from an outage: what other instances stored or hold meanwhile, and the control events missed.
  bus?.onReconnect(() => {
    void rooms.catchUpAll().then(() => revalidateWhere(() => true));
  });

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
      if (ping) conn.heartbeat();
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
    /** Connects to Redis when there is one; the instance serves meanwhile, and catches up once it is there. */
    async start(): Promise<void> {
      if (!bus || !control) return;
      try {
        await bus.connect();
      } catch (error) {
        log.warn('redis.unreachable_at_start', { error: String(error) });
      }
      await control.start();
    },
    /** Re-checks every live connection of a user now, on every instance (revoked session, removed member). */
    async revalidateUser(userId: string): Promise<void> {
      control?.revalidateUserElsewhere(userId);
      await revalidateUserHere(userId);
    },
    /** Re-checks every live connection to a document now, on every instance (meeting locked, state changed). */
    async revalidateDocument(docId: string): Promise<void> {
      control?.revalidateDocumentElsewhere(docId);
      await revalidateDocumentHere(docId);
    },
    /** Applies a server-side change to a document and resolves once it is durable. */
    change: rooms.change,
    /** Reads a document's current state. */
    read: rooms.read,
    /**
     * Seals a document (approved minutes) and returns it for hashing: locked
     * here and on every other instance, with everything any of them accepted
     * stored and applied here first.
     */
    async lock(docId: string) {
      const doc = await rooms.lock(docId);
      if (control) {
        await control.lockElsewhere(docId);
        await rooms.catchUp(docId);
      }
      return doc;
    },
    unlock(docId: string): void {
      rooms.unlock(docId);
      control?.unlockElsewhere(docId);
    },
    /** Registers the collaboration figures (and Redis's, with a fan-out) with the instance's metrics registry. */
    exposeMetrics(registry: Registry): void {
      exposeCollabMetrics(registry, metrics, () => ({ ...rooms.gauges(), ...loopDelay.gauges() }));
      if (bus && rooms.peers && delivery) exposeFanoutMetrics(registry, bus, rooms.peers, delivery);
    },
    /** Redis, when the instance uses one (readiness asks it). */
    bus,
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
      rooms.peers?.stop();
      await bus?.close();
      wss.close();
    },
  };
}

export type CollabServer = ReturnType<typeof createCollabServer>;
