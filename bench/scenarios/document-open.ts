import * as Y from 'yjs';
import { openClient } from '../clients';
import { percentiles, waitUntil, type Percentiles } from '../measure';
import type { OurServer } from '../servers';

export interface DocumentOpenResult {
  loads: number;
  /** Encoded size of the document the client ends up with. */
  documentBytes: number;
  /** Websocket open → synced (sync step 2 applied): the scenario's figure. */
  openToSyncedMs: Percentiles;
  /**
   * Websocket open → the whole document arrived at the client (before it
   * applies it): the server's part, reading the document from the database,
   * loading it and answering.
   */
  openToReceivedMs: Percentiles;
  /** Of open → synced, the time the client itself spent applying sync step 2. */
  clientApplyMs: Percentiles;
  /** Connection attempt → synced, including the upgrade and its authentication. */
  connectToSyncedMs: Percentiles;
  /** Every load found the document unloaded and read it from the database. */
  allCold: boolean;
}

/** Waits until the server holds no document in memory. */
async function untilUnloaded(server: OurServer): Promise<boolean> {
  return waitUntil(async () => (await server.metrics()).bienban_collab_documents_loaded === 0, 15_000, 10);
}

/**
 * Opens a large stored document `loads` times, each time cold: the server
 * has unloaded it (short unload grace) and must read and apply it from the
 * database before answering. One load first, not counted, so the log has
 * been compacted into a snapshot as it would be for any document that was
 * opened before.
 */
export async function runDocumentOpen(
  server: OurServer,
  docId: string,
  cookie: string,
  loads: number,
): Promise<DocumentOpenResult> {
  const openToSynced: number[] = [];
  const openToReceived: number[] = [];
  const clientApply: number[] = [];
  const connectToSynced: number[] = [];
  let documentBytes = 0;
  let allCold = true;
  for (let i = -1; i < loads; i++) {
    if (!(await untilUnloaded(server))) throw new Error('the server kept a document loaded');
    const loadedBefore = (await server.metrics()).bienban_collab_documents_loaded_total ?? 0;
    const started = performance.now();
    const client = openClient({ wsUrl: server.wsUrl, room: docId, cookie, user: { name: 'Đo tải', color: '#1d4ed8' } });
    try {
      if (!(await waitUntil(() => client.syncs > 0, 30_000, 5))) throw new Error('document never synced');
      if (i < 0) continue;
      openToSynced.push(client.syncedAt - client.openedAt);
      openToReceived.push(client.lastSyncArrivedAt - client.openedAt);
      clientApply.push(client.lastSyncApplyMs);
      connectToSynced.push(client.syncedAt - started);
      documentBytes = Y.encodeStateAsUpdate(client.doc).length;
      const loadedAfter = (await server.metrics()).bienban_collab_documents_loaded_total ?? 0;
      if (loadedAfter !== loadedBefore + 1) allCold = false;
    } finally {
      client.destroy();
    }
  }
  return {
    loads,
    documentBytes,
    openToSyncedMs: percentiles(openToSynced),
    openToReceivedMs: percentiles(openToReceived),
    clientApplyMs: percentiles(clientApply),
    connectToSyncedMs: percentiles(connectToSynced),
    allCold,
  };
}
