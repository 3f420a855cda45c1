import type { IncomingMessage, ServerResponse } from 'node:http';
import { Histogram, type Registry } from 'prom-client';

/** Methods with a label of their own; any other is counted as "other". */
const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** Bounds of the request duration buckets (s): a page in tens of ms, an export or a sign-in (password hash) in hundreds. */
const DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/**
 * Requests by route pattern, method and status, timed from arrival to the
 * end of the response. A response the client gave up on before it ended is
 * counted with the status "aborted". Websocket upgrades are not requests
 * here: the collaboration metrics count them.
 */
export function createHttpMetrics(registry: Registry) {
  const duration = new Histogram({
    name: 'bienban_http_request_duration_seconds',
    help: 'Time from the arrival of an HTTP request to the end of its response, by route pattern, method and status.',
    labelNames: ['route', 'method', 'status'],
    buckets: DURATION_BUCKETS_S,
    registers: [registry],
  });
  return {
    /** Starts timing a request; `route` is its route pattern (see routes.ts). */
    track(req: IncomingMessage, res: ServerResponse, route: string): void {
      const started = performance.now();
      res.once('close', () => {
        const method = req.method && METHODS.has(req.method) ? req.method : 'other';
        const status = res.writableFinished ? String(res.statusCode) : 'aborted';
        duration.observe({ route, method, status }, (performance.now() - started) / 1000);
      });
    },
  };
}

export type HttpMetrics = ReturnType<typeof createHttpMetrics>;
