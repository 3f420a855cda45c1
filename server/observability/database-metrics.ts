import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { Dialect, PoolStats, QueryObserver } from '../db/connection';

/** Bounds of the query duration buckets (s): most queries here take well under a millisecond on SQLite. */
const QUERY_BUCKETS_S = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

/**
 * Query durations and failures by engine, and, on PostgreSQL, the state of
 * the connection pool. `observeQuery` goes to openDatabase, which tells it
 * of every query; `watchPool` is called once the database is open.
 */
export function createDatabaseMetrics(registry: Registry, engine: Dialect) {
  const registers = [registry];
  const duration = new Histogram({
    name: 'bienban_db_query_duration_seconds',
    help: 'Time each database query took, failed ones included, by engine.',
    labelNames: ['engine'],
    buckets: QUERY_BUCKETS_S,
    registers,
  }).labels(engine);
  const errors = new Counter({
    name: 'bienban_db_query_errors_total',
    help: 'Database queries that failed, by engine.',
    labelNames: ['engine'],
    registers,
  });
  const observeQuery: QueryObserver = (durationMs, failed) => {
    duration.observe(durationMs / 1000);
    if (failed) errors.inc({ engine });
  };
  // Present from the start, so a rate over it never begins with a missing series.
  errors.inc({ engine }, 0);

  return {
    observeQuery,
    /** Reports the pool's state at each scrape; a database without a pool (SQLite) reports nothing. */
    watchPool(poolStats: () => PoolStats | null): void {
      if (poolStats() === null) return;
      const gauges: [keyof PoolStats, string, string][] = [
        ['total', 'bienban_db_pool_connections', 'Connections the pool holds open now, idle or in use.'],
        ['idle', 'bienban_db_pool_idle_connections', 'Open connections no query is using now.'],
        ['waiting', 'bienban_db_pool_waiting_requests', 'Queries waiting for a free connection now.'],
        ['max', 'bienban_db_pool_max_connections', 'Connections the pool opens at most.'],
      ];
      for (const [field, name, help] of gauges) {
        new Gauge({
          name,
          help,
          labelNames: ['engine'],
          registers,
          collect() {
            const stats = poolStats();
            if (stats) this.set({ engine }, stats[field]);
          },
        });
      }
    },
  };
}

export type DatabaseMetrics = ReturnType<typeof createDatabaseMetrics>;
