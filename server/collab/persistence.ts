import * as Y from 'yjs';
import type { DocStore } from '../db/doc-store';
import { log } from '../log';
import type { CollabMetrics } from './metrics';

/** Delay before retrying a failed write; updates stay queued meanwhile. */
const RETRY_AFTER_MS = 1000;

interface PendingDoc {
  updates: Uint8Array[];
  /** performance.now() of the oldest update in this batch, for the unsaved-window metric. */
  receivedAt: number[];
  /** The live Y.Doc; its state vector when the batch is taken is what the commit covers. */
  doc: Y.Doc;
}

/**
 * Write-behind of live updates to the update log. Updates received in one
 * event-loop turn are written together in one transaction, merged into one
 * row per document.
 *
 * The save point: an update counts as saved when the transaction that holds
 * it has committed (`onSaved` runs then, with the state vector the commit
 * covers). Until then it lives only in memory and in the clients, which
 * re-send it after a crash because they still hold it.
 */
export function createUpdateWriter(
  store: DocStore,
  metrics: CollabMetrics,
  onSaved: (docId: string, stateVector: Uint8Array, rowsWritten: number, mark: number) => void,
  /** A number the caller keeps per document (the fan-out's last published update), read when a batch is taken. */
  markOf: (docId: string) => number = () => 0,
  /** How long a queued update waits for others before its batch is committed (COLLAB_SAVE_BATCH_MS). */
  batchMs = 0,
) {
  let pending = new Map<string, PendingDoc>();
  /** The batch being committed now. */
  let writing: Map<string, PendingDoc> | null = null;
  let inFlight: Promise<void> | null = null;
  let idleWaiters: (() => void)[] = [];
  /** The next batch's start, when one is scheduled: a later request never postpones it, a sooner one brings it forward. */
  let next: { at: number; cancel: () => void } | null = null;

  /** After a failed commit, nothing is tried again before this (performance.now()). */
  let retryAt = 0;

  function schedule(delay = 0): void {
    const now = performance.now();
    const at = Math.max(now + delay, retryAt);
    if (next && next.at <= at) return;
    next?.cancel();
    const run = () => {
      next = null;
      void writeBatch();
    };
    if (at > now) {
      const timer = setTimeout(run, at - now);
      next = { at, cancel: () => clearTimeout(timer) };
    } else {
      const immediate = setImmediate(run);
      next = { at, cancel: () => clearImmediate(immediate) };
    }
  }

  async function writeBatch(): Promise<void> {
    if (inFlight || pending.size === 0) {
      if (!inFlight && pending.size === 0) releaseIdle();
      return;
    }
    const batch = pending;
    pending = new Map();
    // Captured synchronously with taking the batch: every update applied to
    // the doc so far is in this batch or in an earlier, already committed one.
    const covered = new Map<string, Uint8Array>();
    const marks = new Map<string, number>();
    const entries: { docId: string; data: Uint8Array }[] = [];
    writing = batch;
    for (const [docId, item] of batch) {
      covered.set(docId, Y.encodeStateVector(item.doc));
      marks.set(docId, markOf(docId));
      entries.push({ docId, data: item.updates.length === 1 ? item.updates[0]! : Y.mergeUpdates(item.updates) });
    }
    inFlight = (async () => {
      try {
        await store.append(entries);
      } catch (error) {
        writing = null;
        metrics.counters.persist_failures_total++;
        log.error('collab.persist_failed', { error: String(error), documents: batch.size });
        requeue(batch);
        retryAt = performance.now() + RETRY_AFTER_MS;
        schedule();
        return;
      }
      writing = null;
      const now = performance.now();
      metrics.counters.persist_batches_total++;
      metrics.counters.persist_rows_total += entries.length;
      for (const [docId, item] of batch) {
        for (const t of item.receivedAt) metrics.recordSaveLatency(now - t);
        onSaved(docId, covered.get(docId)!, 1, marks.get(docId)!);
      }
    })();
    await inFlight;
    inFlight = null;
    if (pending.size > 0) schedule();
    else releaseIdle();
  }

  /** Puts a failed batch back in front of anything queued since, preserving order. */
  function requeue(batch: Map<string, PendingDoc>): void {
    for (const [docId, later] of pending) {
      const earlier = batch.get(docId);
      if (earlier) {
        earlier.updates.push(...later.updates);
        earlier.receivedAt.push(...later.receivedAt);
      } else batch.set(docId, later);
    }
    pending = batch;
  }

  function releaseIdle(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  return {
    /** Queues an update of a live document for the next batch. */
    enqueue(docId: string, doc: Y.Doc, update: Uint8Array): void {
      let item = pending.get(docId);
      if (!item) {
        item = { updates: [], receivedAt: [], doc };
        pending.set(docId, item);
      }
      item.updates.push(update);
      item.receivedAt.push(performance.now());
      schedule(batchMs);
    },

    /** Resolves when everything queued so far has been committed. */
    flush(): Promise<void> {
      if (pending.size === 0 && !inFlight) return Promise.resolve();
      return new Promise((resolve) => {
        idleWaiters.push(resolve);
        schedule();
      });
    },

    /** Age in ms of the oldest update not yet committed (0 when all are saved). */
    oldestUnsavedMs(): number {
      let oldest = Infinity;
      for (const item of pending.values())
        if (item.receivedAt[0] !== undefined) oldest = Math.min(oldest, item.receivedAt[0]);
      return oldest === Infinity ? 0 : performance.now() - oldest;
    },

    /** Updates of a document queued or being committed: not saved yet. */
    unsaved(docId: string): Uint8Array[] {
      return [...(writing?.get(docId)?.updates ?? []), ...(pending.get(docId)?.updates ?? [])];
    },

    pendingDocuments(): number {
      return pending.size;
    },
  };
}

/**
 * Merges a document's snapshot and log rows into a new snapshot and deletes
 * the merged rows, in one transaction. Works from the stored rows, not from
 * memory, so rows written by another instance are never dropped.
 */
export async function compactDocument(store: DocStore, docId: string): Promise<boolean> {
  const stored = await store.load(docId);
  const last = stored.updates.at(-1);
  if (!last) return false;
  const doc = new Y.Doc({ gc: true });
  try {
    if (stored.snapshot) Y.applyUpdate(doc, stored.snapshot);
    for (const row of stored.updates) Y.applyUpdate(doc, row.data);
    return await store.compact(docId, Y.encodeStateAsUpdate(doc), last.id);
  } finally {
    doc.destroy();
  }
}
