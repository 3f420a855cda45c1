import type { Dialect } from '../db/connection';
import { createDatabaseMetrics } from './database-metrics';
import { createHttpMetrics } from './http-metrics';
import { createMetricsRegistry } from './registry';

/**
 * The metrics of one server instance, in a registry of its own: the process,
 * HTTP requests and the database here; the collaboration server adds its
 * figures (`exposeMetrics`). There are no Redis metrics: nothing connects to
 * REDIS_URL yet. When the fan-out between instances arrives, its client's
 * figures (commands, errors, reconnects, publish-to-receive time) are created
 * next to these, on the same registry.
 */
export function createServerMetrics(engine: Dialect) {
  const registry = createMetricsRegistry();
  return { registry, http: createHttpMetrics(registry), database: createDatabaseMetrics(registry, engine) };
}

export type ServerMetrics = ReturnType<typeof createServerMetrics>;
