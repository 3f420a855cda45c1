import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { DocStore } from '../../server/db/doc-store';
import { createCollabMetrics } from '../../server/collab/metrics';
import { createUpdateWriter } from '../../server/collab/persistence';

/** A store that records appends and can be told to fail. */
function recordingStore(failTimes = 0) {
  const appends: { docId: string; data: Uint8Array }[][] = [];
  let failures = failTimes;
  const store = {
    async append(entries: readonly { docId: string; data: Uint8Array }[]) {
      if (failures > 0) {
        failures--;
        throw new Error('disk full');
      }
      appends.push([...entries]);
    },
  } as unknown as DocStore;
  return { store, appends };
}

function edits(doc: Y.Doc, count: number): Uint8Array[] {
  const updates: Uint8Array[] = [];
  const listener = (u: Uint8Array) => updates.push(u);
  doc.on('update', listener);
  for (let i = 0; i < count; i++) doc.getText('t').insert(0, String(i));
  doc.off('update', listener);
  return updates;
}

describe('the write-behind update writer', () => {
  it('writes the updates of one event-loop turn as one row per document', async () => {
    const { store, appends } = recordingStore();
    const saved: string[] = [];
    const writer = createUpdateWriter(store, createCollabMetrics(), (docId) => saved.push(docId));
    const a = new Y.Doc();
    const b = new Y.Doc();
    for (const u of edits(a, 5)) writer.enqueue('a', a, u);
    for (const u of edits(b, 3)) writer.enqueue('b', b, u);
    await writer.flush();
    expect(appends).toHaveLength(1);
    expect(appends[0]!.map((e) => e.docId).sort()).toEqual(['a', 'b']);
    const check = new Y.Doc();
    Y.applyUpdate(check, appends[0]!.find((e) => e.docId === 'a')!.data);
    expect(check.getText('t').toString()).toBe(a.getText('t').toString());
    expect(saved.sort()).toEqual(['a', 'b']);
  });

  it('reports as saved the state vector captured when the batch was taken', async () => {
    const { store } = recordingStore();
    let savedVector: Uint8Array | null = null;
    const writer = createUpdateWriter(store, createCollabMetrics(), (_docId, sv) => (savedVector = sv));
    const doc = new Y.Doc();
    for (const u of edits(doc, 2)) writer.enqueue('d', doc, u);
    await writer.flush();
    expect(Y.decodeStateVector(savedVector!)).toEqual(Y.decodeStateVector(Y.encodeStateVector(doc)));
  });

  it('keeps updates queued and retries when a write fails, never reporting them saved early', async () => {
    const { store, appends } = recordingStore(1);
    const metrics = createCollabMetrics();
    let savedCalls = 0;
    const writer = createUpdateWriter(store, metrics, () => savedCalls++);
    const doc = new Y.Doc();
    for (const u of edits(doc, 4)) writer.enqueue('d', doc, u);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(savedCalls).toBe(0);
    expect(writer.oldestUnsavedMs()).toBeGreaterThan(0);
    await writer.flush();
    expect(metrics.counters.persist_failures_total).toBe(1);
    expect(appends).toHaveLength(1);
    expect(savedCalls).toBe(1);
    expect(writer.oldestUnsavedMs()).toBe(0);
  });

  it('with a batch window, commits what several documents received within it in one transaction', async () => {
    const { store, appends } = recordingStore();
    const saved: string[] = [];
    const writer = createUpdateWriter(store, createCollabMetrics(), (docId) => saved.push(docId), undefined, 1000);
    const a = new Y.Doc();
    const b = new Y.Doc();
    const [a1, a2] = edits(a, 2);
    writer.enqueue('a', a, a1!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writer.enqueue('b', b, edits(b, 1)[0]!);
    writer.enqueue('a', a, a2!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // Well inside the window: nothing committed, nothing reported saved.
    expect(appends).toHaveLength(0);
    expect(saved).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    expect(appends).toHaveLength(1);
    expect(appends[0]!.map((e) => e.docId).sort()).toEqual(['a', 'b']);
    expect(saved.sort()).toEqual(['a', 'b']);
  });

  it('commits at once when asked to flush (sealing, draining, shutting down), whatever the window', async () => {
    const { store, appends } = recordingStore();
    const writer = createUpdateWriter(store, createCollabMetrics(), () => undefined, undefined, 60_000);
    const doc = new Y.Doc();
    writer.enqueue('d', doc, edits(doc, 1)[0]!);
    const started = performance.now();
    await writer.flush();
    expect(appends).toHaveLength(1);
    // Far from the minute the window would have made it wait.
    expect(performance.now() - started).toBeLessThan(30_000);
  });

  it('does not retry a failed write sooner because new updates arrive', async () => {
    const { store, appends } = recordingStore(1);
    const writer = createUpdateWriter(store, createCollabMetrics(), () => undefined);
    const doc = new Y.Doc();
    const updates = edits(doc, 20);
    writer.enqueue('d', doc, updates[0]!);
    await new Promise((resolve) => setTimeout(resolve, 20));
    // The first write failed; updates keep coming, one per turn, while the retry waits.
    for (const u of updates.slice(1)) {
      writer.enqueue('d', doc, u);
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(appends).toHaveLength(0);
    await writer.flush();
    expect(appends).toHaveLength(1);
  });
});
