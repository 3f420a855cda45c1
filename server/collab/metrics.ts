/**
 * Counters of the collaboration server, exposed at /metrics in the
 * Prometheus text format. Kept in-process and cheap: plain numbers and a
 * fixed-size window of recent save latencies.
 */
const SAVE_WINDOW = 2048;

export function createCollabMetrics() {
  const counters = {
    connections_opened_total: 0,
    connections_closed_total: 0,
    messages_received_total: 0,
    updates_applied_total: 0,
    /** Sync step 2 and update messages from read-only connections, dropped unapplied. */
    readonly_updates_dropped_total: 0,
    /** Updates from editors that wrote what only the server writes (structured state, server blocks): refused whole, connection closed with 4422. */
    updates_refused_total: 0,
    /** Frames that closed their connection: malformed, unknown type, too big, rate limit. */
    bad_frames_total: 0,
    upgrades_rejected_total: 0,
    persist_batches_total: 0,
    persist_rows_total: 0,
    persist_failures_total: 0,
    compactions_total: 0,
    documents_loaded_total: 0,
    documents_unloaded_total: 0,
  };
  /** Time spent checking incoming updates (the update guard), so its share of the server's CPU can be read off. */
  let updateCheckMs = 0;
  const saveLatencies = new Float64Array(SAVE_WINDOW);
  let saveCount = 0;
  let maxSaveLatency = 0;

  function percentile(p: number): number {
    const n = Math.min(saveCount, SAVE_WINDOW);
    if (n === 0) return 0;
    const sorted = Array.from(saveLatencies.subarray(0, n)).sort((a, b) => a - b);
    return sorted[Math.min(n - 1, Math.floor((p / 100) * n))]!;
  }

  return {
    counters,
    /** Adds the time one update check took. */
    recordUpdateCheck(ms: number): void {
      updateCheckMs += ms;
    },
    /** Records the time from receiving an update to its durable commit: the unsaved window. */
    recordSaveLatency(ms: number): void {
      saveLatencies[saveCount % SAVE_WINDOW] = ms;
      saveCount++;
      if (ms > maxSaveLatency) maxSaveLatency = ms;
    },
    saveLatency() {
      return { p50: percentile(50), p99: percentile(99), max: maxSaveLatency, count: saveCount };
    },
    /** Prometheus exposition; gauges are passed in by the owner of the state. */
    render(gauges: Record<string, number>): string {
      const lines: string[] = [];
      for (const [name, value] of Object.entries(counters)) {
        lines.push(`# TYPE bienban_collab_${name} counter`, `bienban_collab_${name} ${value}`);
      }
      for (const [name, value] of Object.entries(gauges)) {
        lines.push(`# TYPE bienban_collab_${name} gauge`, `bienban_collab_${name} ${value}`);
      }
      const save = this.saveLatency();
      lines.push(
        '# HELP bienban_collab_update_check_ms_total Time spent checking incoming updates before applying them.',
        '# TYPE bienban_collab_update_check_ms_total counter',
        `bienban_collab_update_check_ms_total ${updateCheckMs.toFixed(3)}`,
      );
      lines.push(
        '# HELP bienban_collab_unsaved_window_ms Time from receiving an update to its durable commit (recent window).',
        '# TYPE bienban_collab_unsaved_window_ms summary',
        `bienban_collab_unsaved_window_ms{quantile="0.5"} ${save.p50.toFixed(3)}`,
        `bienban_collab_unsaved_window_ms{quantile="0.99"} ${save.p99.toFixed(3)}`,
        `bienban_collab_unsaved_window_ms_max ${save.max.toFixed(3)}`,
        `bienban_collab_unsaved_window_ms_count ${save.count}`,
      );
      return lines.join('\n') + '\n';
    },
  };
}

export type CollabMetrics = ReturnType<typeof createCollabMetrics>;
