import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * What each counter of the collaboration server counts. The names are the
 * metrics' names after `bienban_collab_`, unchanged since they were first
 * published (the bench and dashboards read them).
 */
const COUNTERS = {
  connections_opened_total: 'Websocket connections accepted.',
  connections_closed_total: 'Websocket connections closed, by either side.',
  messages_received_total: 'Protocol messages received from clients.',
  updates_applied_total: 'Document updates from clients applied to a live document.',
  readonly_updates_dropped_total: 'Sync step 2 and update messages from read-only connections, dropped unapplied.',
  updates_refused_total:
    'Updates from editors that wrote what only the server writes: refused whole, connection closed with 4422.',
  bad_frames_total: 'Frames that closed their connection: malformed, unknown type, too big, rate limit.',
  upgrades_rejected_total: 'Websocket upgrades refused (bad path, limits, origin, authentication, permission).',
  persist_batches_total: 'Transactions that appended received updates to the document log.',
  persist_rows_total: 'Rows appended to the document log.',
  persist_failures_total: 'Appends to the document log that failed (and were retried).',
  compactions_total: 'Document logs merged into their snapshot.',
  documents_loaded_total: 'Documents loaded from the database into memory.',
  documents_unloaded_total: 'Documents persisted and unloaded after their last connection left.',
  early_answers_total: 'Clients holding nothing answered from the stored bytes of a document still loading.',
} as const;

type CounterName = keyof typeof COUNTERS;

/** Gauges the owners of the state report when /metrics is read (rooms, the event-loop monitor). */
const GAUGES = {
  documents_loaded: 'Documents in memory now.',
  connections_open: 'Websocket connections open now.',
  unsaved_oldest_ms: 'Age of the oldest received update not yet committed (ms); 0 when everything is saved.',
  event_loop_delay_p50_ms: 'Event-loop delay over the last complete minute, median (ms).',
  event_loop_delay_p99_ms: 'Event-loop delay over the last complete minute, 99th percentile (ms).',
  event_loop_delay_max_ms: 'Event-loop delay over the last complete minute, maximum (ms).',
} as const;

export type CollabGauges = Record<keyof typeof GAUGES, number>;

/** Bounds of the unsaved window's buckets (ms): a commit takes a few ms on a quiet machine, seconds when it struggles. */
const UNSAVED_WINDOW_BUCKETS_MS = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

/**
 * Counters of the collaboration server. The hot paths add to plain numbers
 * (a message costs one increment, nothing more); `exposeCollabMetrics`
 * copies them into a Prometheus registry when /metrics is read.
 */
export function createCollabMetrics() {
  const counters = Object.fromEntries(Object.keys(COUNTERS).map((name) => [name, 0])) as Record<CounterName, number>;
  /** Time spent checking incoming updates (the update guard), so its share of the server's CPU can be read off. */
  let updateCheckMs = 0;
  let maxSaveLatency = 0;
  // Registered with a registry by exposeCollabMetrics; until then it only counts.
  const saveLatency = new Histogram({
    name: 'bienban_collab_unsaved_window_ms',
    help: 'Time from receiving an update to its durable commit (ms).',
    buckets: UNSAVED_WINDOW_BUCKETS_MS,
    registers: [],
  });

  return {
    counters,
    /** Adds the time one update check took. */
    recordUpdateCheck(ms: number): void {
      updateCheckMs += ms;
    },
    updateCheckMs: () => updateCheckMs,
    /** Records the time from receiving an update to its durable commit: the unsaved window. */
    recordSaveLatency(ms: number): void {
      saveLatency.observe(ms);
      if (ms > maxSaveLatency) maxSaveLatency = ms;
    },
    saveLatencyHistogram: saveLatency,
    maxSaveLatency: () => maxSaveLatency,
  };
}

export type CollabMetrics = ReturnType<typeof createCollabMetrics>;

/**
 * Registers the collaboration server's figures with a registry: its
 * counters, the gauges `readGauges` reports at each scrape, the time spent
 * checking updates and the unsaved window.
 */
export function exposeCollabMetrics(registry: Registry, metrics: CollabMetrics, readGauges: () => CollabGauges): void {
  const registers = [registry];
  for (const [name, help] of Object.entries(COUNTERS) as [CounterName, string][]) {
    new Counter({
      name: `bienban_collab_${name}`,
      help,
      registers,
      collect() {
        this.reset();
        this.inc(metrics.counters[name]);
      },
    });
  }
  new Counter({
    name: 'bienban_collab_update_check_ms_total',
    help: 'Time spent checking incoming updates before applying them (ms).',
    registers,
    collect() {
      this.reset();
      this.inc(metrics.updateCheckMs());
    },
  });
  for (const [name, help] of Object.entries(GAUGES) as [keyof CollabGauges, string][]) {
    new Gauge({
      name: `bienban_collab_${name}`,
      help,
      registers,
      collect() {
        this.set(readGauges()[name]);
      },
    });
  }
  registry.registerMetric(metrics.saveLatencyHistogram);
  new Gauge({
    name: 'bienban_collab_unsaved_window_ms_max',
    help: 'Longest unsaved window since the process started (ms).',
    registers,
    collect() {
      this.set(metrics.maxSaveLatency());
    },
  });
}
