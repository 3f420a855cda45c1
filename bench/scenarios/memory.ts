import { openClient, type BenchClient } from '../clients';
import { liveHeapBytes } from '../live-heap';
import { mapLimit, sleep, waitUntil } from '../measure';
import type { BenchServer } from '../servers';

/** Time for the server to settle (sockets, timers) before its memory is read. */
const SETTLE_MS = 1500;

export interface MemoryResult {
  server: string;
  documents: number;
  connections: number;
  /** Resident memory before the probe, after a full collection. */
  idleRssBytes: number;
  /** Resident memory one loaded, idle document adds (its first connection not counted), after a full collection. */
  perDocumentBytes: number;
  /** Resident memory one more idle connection to a loaded document adds, after a full collection. */
  perConnectionBytes: number;
  /** What one loaded, idle document keeps reachable in V8's heap (its first connection not counted). */
  perDocumentLiveHeapBytes: number;
  /** What one more idle connection keeps reachable in V8's heap. */
  perConnectionLiveHeapBytes: number;
  /** Resident memory after every client left (and, for ours, every document was unloaded), after a full collection. */
  afterRssBytes: number;
}

/** A server's memory once its garbage is collected: what it holds, not what it has yet to free. */
export interface Held {
  rss: number;
  liveHeap: number;
}

/**
 * What one document and one connection add, from three readings: idle, with
 * one connection on each of `documents` documents, with `extra` more
 * connections. A document's figure leaves out its first connection.
 */
export function memoryGrowth(
  readings: { idle: Held; withDocuments: Held; withConnections: Held },
  documents: number,
  extra: number,
): { perDocument: Held; perConnection: Held } {
  const { idle, withDocuments, withConnections } = readings;
  const perConnection = (key: keyof Held) => (withConnections[key] - withDocuments[key]) / extra;
  const perDocument = (key: keyof Held) => (withDocuments[key] - idle[key]) / documents - perConnection(key);
  return {
    perDocument: { rss: perDocument('rss'), liveHeap: perDocument('liveHeap') },
    perConnection: { rss: perConnection('rss'), liveHeap: perConnection('liveHeap') },
  };
}

/**
 * Resident memory and live heap per loaded idle document and per idle
 * connection, from their growth: one client on each of `documents` meetings,
 * then `extraPerDoc` more on each. Each reading follows a full collection in
 * the server (through its inspector, `liveHeapBytes`), so garbage the server
 * has not collected yet (loading a document makes some, and when a
 * collection comes depends on the heap's size at the time) counts on
 * neither side. Each document starts with the same content on both servers:
 * the reference server gets the meeting's template from the first client,
 * which kept a copy.
 */
export async function runMemoryProbe(
  server: BenchServer,
  roomIds: readonly string[],
  extraPerDoc: number,
  cookies: readonly (string | null)[],
  options: { seedState?: Uint8Array; untilIdle: () => Promise<void> },
): Promise<MemoryResult> {
  const clients: BenchClient[] = [];
  const open = async (room: string, n: number, initialState?: Uint8Array) => {
    const client = openClient({
      wsUrl: server.wsUrl,
      room,
      cookie: cookies[n % cookies.length] ?? null,
      user: { name: `Khách ${n}`, color: '#047857' },
      initialState,
    });
    clients.push(client);
    if (!(await waitUntil(() => client.syncs > 0, 60_000, 10)))
      throw new Error(`memory probe: a client of ${room} never synced`);
  };
  const held = async (): Promise<Held> => {
    await sleep(SETTLE_MS);
    const liveHeap = await liveHeapBytes(server);
    if (!Number.isFinite(liveHeap)) throw new Error(`memory probe: the ${server.name} server's heap could not be read`);
    return { rss: server.rssBytes(), liveHeap };
  };
  try {
    await options.untilIdle();
    const idle = await held();
    await mapLimit(roomIds, 20, (room, n) => open(room, n, options.seedState));
    const withDocuments = await held();
    const extra = roomIds.flatMap((room) => Array.from({ length: extraPerDoc }, () => room));
    await mapLimit(extra, 50, (room, n) => open(room, n));
    const withConnections = await held();
    const growth = memoryGrowth({ idle, withDocuments, withConnections }, roomIds.length, extra.length);
    for (const client of clients.splice(0)) client.destroy();
    await options.untilIdle();
    const after = await held();
    return {
      server: server.name,
      documents: roomIds.length,
      connections: roomIds.length + extra.length,
      idleRssBytes: idle.rss,
      perDocumentBytes: growth.perDocument.rss,
      perConnectionBytes: growth.perConnection.rss,
      perDocumentLiveHeapBytes: growth.perDocument.liveHeap,
      perConnectionLiveHeapBytes: growth.perConnection.liveHeap,
      afterRssBytes: after.rss,
    };
  } finally {
    for (const client of clients) client.destroy();
  }
}
