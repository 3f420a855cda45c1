import WebSocket from 'ws';
import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { EXTENSIONS_PARAM, MESSAGE_ACCESS, MESSAGE_SAVED } from '../lib/collab/messages';
import { mapLimit, waitUntil } from './measure';

/** Upgrades opened at once while a scenario connects its clients. */
const CONNECT_CONCURRENCY = 50;

/** A WebSocket class that sends a fixed Cookie header, as a signed-in browser does. */
function webSocketWithCookie(cookie: string | null): typeof WebSocket {
  return class extends WebSocket {
    constructor(url: string | URL, protocols?: string | string[]) {
      super(url, protocols, cookie ? { headers: { cookie } } : {});
    }
  } as typeof WebSocket;
}

export interface BenchClient {
  readonly doc: Y.Doc;
  readonly provider: WebsocketProvider;
  /** performance.now() of the last websocket open and of the last completed sync. */
  openedAt: number;
  syncedAt: number;
  /** How many times this client completed a sync (1 after the first connection). */
  syncs: number;
  /** Close codes the server sent, in order. */
  readonly closeCodes: number[];
  /** Failed connection attempts (refused upgrade, nothing listening). */
  connectionErrors: number;
  /** Time spent applying the sync step 2 that completed the last sync (ms). */
  lastSyncApplyMs: number;
  /** performance.now() when that sync step 2 reached the client, before it was applied. */
  lastSyncArrivedAt: number;
  destroy(): void;
}

export interface ClientOptions {
  wsUrl: string;
  room: string;
  /** The Cookie header of a signed-in user; null for the reference server, which has no sign-in. */
  cookie: string | null;
  user: { name: string; color: string };
  /** State to start from (a device that kept a copy); empty by default. */
  initialState?: Uint8Array;
}

/**
 * A real y-websocket 3.x client in Node, configured as the meeting editor
 * configures it: the product's extension messages requested (?ext=1, which
 * the reference server ignores), the default reconnect back-off, and a user
 * name in awareness. BroadcastChannel is off: every client lives in this one
 * process and must talk through the server.
 */
export function openClient(options: ClientOptions): BenchClient {
  const doc = new Y.Doc();
  if (options.initialState) Y.applyUpdate(doc, options.initialState);
  const provider = new WebsocketProvider(options.wsUrl, options.room, doc, {
    WebSocketPolyfill: webSocketWithCookie(options.cookie) as never,
    disableBc: true,
    params: { [EXTENSIONS_PARAM]: '1' },
    connect: false,
  });
  // The editor reads these; here they only need to be consumed.
  provider.messageHandlers[MESSAGE_SAVED] = () => undefined;
  provider.messageHandlers[MESSAGE_ACCESS] = () => undefined;
  const client: BenchClient = {
    doc,
    provider,
    openedAt: NaN,
    syncedAt: NaN,
    syncs: 0,
    closeCodes: [],
    connectionErrors: 0,
    lastSyncApplyMs: NaN,
    lastSyncArrivedAt: NaN,
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
  const handleSync = provider.messageHandlers[0]!;
  provider.messageHandlers[0] = (encoder, decoder, p, emitSynced, type) => {
    const start = performance.now();
    const wasSynced = provider.synced;
    handleSync(encoder, decoder, p, emitSynced, type);
    if (!wasSynced && provider.synced) {
      client.lastSyncArrivedAt = start;
      client.lastSyncApplyMs = performance.now() - start;
    }
  };
  provider.on('status', ({ status }) => {
    if (status === 'connected') client.openedAt = performance.now();
  });
  provider.on('sync', (synced: boolean) => {
    if (!synced) return;
    client.syncedAt = performance.now();
    client.syncs++;
  });
  provider.on('connection-close', (event) => {
    if (event) client.closeCodes.push(event.code);
  });
  provider.on('connection-error', () => {
    client.connectionErrors++;
  });
  provider.awareness.setLocalStateField('user', options.user);
  provider.connect();
  return client;
}

const COLORS = ['#b91c1c', '#1d4ed8', '#047857', '#7c3aed', '#b45309'];

/** Clients for `rooms` × `perRoom`, signed in with the cookies in turn; resolves when all are synced. */
export async function connectRooms(
  wsUrl: string,
  rooms: readonly string[],
  perRoom: number,
  cookies: readonly (string | null)[],
  timeoutMs = 120_000,
): Promise<BenchClient[][]> {
  const specs = rooms.flatMap((room, r) => Array.from({ length: perRoom }, (_, i) => ({ room, r, i })));
  const byRoom: BenchClient[][] = rooms.map(() => []);
  await mapLimit(specs, CONNECT_CONCURRENCY, async ({ room, r, i }, n) => {
    const client = openClient({
      wsUrl,
      room,
      cookie: cookies[n % cookies.length] ?? null,
      user: { name: `Khách ${r}-${i}`, color: COLORS[n % COLORS.length]! },
    });
    byRoom[r]![i] = client;
    if (!(await waitUntil(() => client.syncs > 0, timeoutMs, 10))) {
      throw new Error(
        `client ${i} of room ${room} never synced (close codes ${client.closeCodes.join(',') || 'none'})`,
      );
    }
  });
  return byRoom;
}
