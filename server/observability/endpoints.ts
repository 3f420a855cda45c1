import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';
import { log } from '../log';
import { metricsAccess } from './metrics-access';
import type { ReadinessCheck } from './readiness';

const NO_STORE = { 'cache-control': 'no-store' };

/** GET /metrics: the registry in the Prometheus text format, for those metricsAccess lets in. */
export async function answerMetrics(
  req: IncomingMessage,
  res: ServerResponse,
  registry: Registry,
  token: string | undefined,
): Promise<void> {
  const access = metricsAccess(req, token);
  if (access !== 'allowed') {
    const headers = { ...NO_STORE, 'content-type': 'text/plain' };
    if (access === 'needs-token')
      res.writeHead(401, { ...headers, 'www-authenticate': 'Bearer' }).end('unauthorized\n');
    else res.writeHead(403, headers).end('forbidden\n');
    return;
  }
  try {
    const text = await registry.metrics();
    res.writeHead(200, { ...NO_STORE, 'content-type': registry.contentType }).end(text);
  } catch (error) {
    log.error('metrics.render_failed', { error: String(error) });
    if (!res.headersSent) res.writeHead(500, NO_STORE).end();
  }
}

export type ServingState = 'starting' | 'serving' | 'stopping';

/**
 * GET /readyz: 200 when the instance can serve (see readiness.ts), 503 with
 * the reason while it starts, stops or misses a dependency. A small JSON
 * object either way, for load balancers and people alike.
 */
export async function answerReadiness(
  res: ServerResponse,
  state: ServingState,
  readiness: ReadinessCheck,
): Promise<void> {
  const send = (status: number, body: object) =>
    res.writeHead(status, { ...NO_STORE, 'content-type': 'application/json' }).end(JSON.stringify(body) + '\n');
  if (state !== 'serving') return void send(503, { status: state });
  const report = await readiness.check();
  if (report.ready)
    send(200, { status: 'ready', checks: report.checks, ...(report.degraded ? { degraded: report.degraded } : {}) });
  else send(503, { status: 'not_ready', reason: report.reason, checks: report.checks });
}
