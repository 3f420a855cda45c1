import { openClient, type BenchClient } from '../clients';
import { mapLimit, sleep, waitUntil } from '../measure';
import type { BenchServer } from '../servers';

/** Time for the server to settle (allocations, lazy GC) before its memory is read. */
const SETTLE_MS = 1500;

export interface MemoryResult {
  server: string;
  documents: number;
  connections: number;
  idleRssBytes: number;
  /** Resident memory one loaded, idle document adds (its first connection not counted). */
  perDocumentBytes: number;
  /** Resident memory one more idle connection to a loaded document adds. */
  perConnectionBytes: number;
  /** Resident memory after every client left (and, for ours, every document was unloaded). */
  afterRssBytes: number;
}

/**
 * Resident memory per loaded idle document and per idle connection, from
 * the growth of the server's RSS: one client on each of `documents`
 * meetings, then `extraPerDoc` more on each. Each document starts with the
 * same content on both servers: the reference server gets the meeting's
 * template from the first client, which kept a copy.
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
  try {
    await options.untilIdle();
    await sleep(SETTLE_MS);
    const idle = server.rssBytes();
    await mapLimit(roomIds, 20, (room, n) => open(room, n, options.seedState));
    await sleep(SETTLE_MS);
    const withDocuments = server.rssBytes();
    const extra = roomIds.flatMap((room) => Array.from({ length: extraPerDoc }, () => room));
    await mapLimit(extra, 50, (room, n) => open(room, n));
    await sleep(SETTLE_MS);
    const withConnections = server.rssBytes();
    const perConnection = (withConnections - withDocuments) / extra.length;
    for (const client of clients.splice(0)) client.destroy();
    await options.untilIdle();
    await sleep(SETTLE_MS);
    return {
      server: server.name,
      documents: roomIds.length,
      connections: roomIds.length + extra.length,
      idleRssBytes: idle,
      perDocumentBytes: (withDocuments - idle) / roomIds.length - perConnection,
      perConnectionBytes: perConnection,
      afterRssBytes: server.rssBytes(),
    };
  } finally {
    for (const client of clients) client.destroy();
  }
}
