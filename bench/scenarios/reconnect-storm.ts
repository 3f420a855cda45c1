import { connectRooms } from '../clients';
import { percentiles, waitUntil, type Percentiles } from '../measure';
import type { OurServer } from '../servers';

/** How long after the restart a client may take to sync before it counts as a failed sync. */
const RESYNC_DEADLINE_MS = 60_000;

export interface ReconnectStormResult {
  clients: number;
  rooms: number;
  /** SIGTERM → old process gone (it persists and closes every socket with 1001). */
  shutdownMs: number;
  /** New process spawned → it printed its listening line (Next.js prepared). */
  startMs: number;
  /** New process spawned → every client synced again (its start-up included). */
  spawnToAllSyncedMs: number;
  /** SIGTERM → every client synced again: what a user sees, shutdown and start-up included. */
  stopToAllSyncedMs: number;
  /**
   * The new server reports it is listening → every client synced again: the
   * scenario's figure, what the server does with a thousand clients coming
   * back at once (their back-off included: up to 2.5 s by default).
   */
  listeningToAllSyncedMs: number;
  /** Per client, new process spawned → synced again. */
  resyncMs: Percentiles;
  /** Clients that had not synced again by the deadline, or were told to stop retrying (4400–4499). */
  failedSyncs: number;
  /** Upgrades the new server refused (429/503) while the clients came back. */
  refusedUpgrades: number;
}

/**
 * `clients` real clients spread over `rooms` meetings, all synced; then the
 * server is restarted (graceful stop, new process on the same port and data)
 * and the clients find their own way back with the provider's reconnect
 * back-off, as browsers would.
 */
export async function runReconnectStorm(
  server: OurServer,
  roomIds: readonly string[],
  clients: number,
  rooms: number,
  cookies: readonly string[],
): Promise<ReconnectStormResult> {
  const perRoom = Math.ceil(clients / rooms);
  const byRoom = await connectRooms(server.wsUrl, roomIds.slice(0, rooms), perRoom, cookies);
  const all = byRoom.flat().slice(0, clients);
  for (const extra of byRoom.flat().slice(clients)) extra.destroy();
  try {
    const syncsBefore = all.map((c) => c.syncs);
    let exitedAt = NaN;
    let spawnedAt = NaN;
    const stopAt = performance.now();
    await server.restart({
      exited: () => (exitedAt = performance.now()),
      spawned: () => (spawnedAt = performance.now()),
    });
    const listeningAt = performance.now();
    const resynced = (i: number) => all[i]!.syncs > syncsBefore[i]! && all[i]!.syncedAt > spawnedAt;
    await waitUntil(() => all.every((_, i) => resynced(i)), RESYNC_DEADLINE_MS, 10);
    const back = all.map((c, i) => (resynced(i) ? c.syncedAt : NaN)).filter((t) => !Number.isNaN(t));
    const lastAt = Math.max(...back);
    const stopped = all.filter((c) => c.closeCodes.some((code) => code >= 4400 && code < 4500)).length;
    const metrics = await server.metrics();
    return {
      clients: all.length,
      rooms,
      shutdownMs: exitedAt - stopAt,
      startMs: listeningAt - spawnedAt,
      spawnToAllSyncedMs: lastAt - spawnedAt,
      stopToAllSyncedMs: lastAt - stopAt,
      listeningToAllSyncedMs: lastAt - listeningAt,
      resyncMs: percentiles(back.map((t) => t - spawnedAt)),
      failedSyncs: all.length - back.length + stopped,
      refusedUpgrades: metrics.bienban_collab_upgrades_rejected_total ?? 0,
    };
  } finally {
    for (const client of all) client.destroy();
  }
}
