import os from 'node:os';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Prefix of every metric this server exports, the process's own included. */
const METRIC_PREFIX = 'bienban_';

/**
 * A registry of its own for one server: several servers in one process (the
 * tests start many) never share or overwrite each other's figures, as they
 * would in prom-client's global registry. It starts with the process's
 * figures (CPU, memory and heap, GC, event-loop lag, handles, file
 * descriptors), named `bienban_process_…` and `bienban_nodejs_…`.
 */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: METRIC_PREFIX });
  return registry;
}

/** The `instance` label: INSTANCE_ID when set, else this machine's name and the port it listens on. */
export function instanceName(configured: string | undefined, port: number): string {
  return configured ?? `${os.hostname()}:${port}`;
}
