import type { Dialect } from '../db/connection';
import { createDatabaseMetrics } from './database-metrics';
import { createHttpMetrics } from './http-metrics';
import { createMetricsRegistry } from './registry';

/**
 * The metrics of one server instance, in a registry of its own: the process,
 * HTTP requests and the database here; the collaboration server adds its
 * figures (`exposeMetrics`), and with REDIS_URL the fan-out's (Redis up or
 * down, reconnects, publishes, deliveries and their time; server/collab/fanout-metrics.ts).
 */
export function createServerMetrics(engine: Dialect) {
  const registry = createMetricsRegistry();
  return { registry, http: createHttpMetrics(registry), database: createDatabaseMetrics(registry, engine) };
}

export type ServerMetrics = ReturnType<typeof createServerMetrics>;
