import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import next from 'next';
import { COLLAB_PATH } from '../lib/collab/messages';
import type { Config } from './config';
import type { CollabServer } from './collab/server';
import { CLIENT_ADDRESS_HEADER, clientAddress, normaliseAddress } from './net/client-address';
import { precompressedAssets, type PrecompressedAssets } from './net/precompressed-assets';
import { applySecurityHeaders } from './net/security-headers';
import { answerMetrics, answerReadiness, type ServingState } from './observability/endpoints';
import type { ServerMetrics } from './observability';
import type { ReadinessCheck } from './observability/readiness';
import { instanceName } from './observability/registry';
import { createRouteTable, readAppRoutes, readPublicFiles } from './observability/routes';
import { projectRoot } from './project-root';

export interface AppServer {
  server: Server;
  port: number;
  /** From now on /readyz answers 503 "stopping", so load balancers send no new work. */
  stopping(): void;
}

/**
 * One HTTP server on one port: /collab/* websocket upgrades go to the
 * collaboration server; /healthz (alive), /readyz (able to serve) and
 * /metrics are answered here; everything else goes to Next.js. Every request
 * is timed under its route pattern.
 *
 * Next attaches its own `upgrade` listener to whatever server it is given and
 * ends upgrades it does not recognise, so it gets a private emitter instead of
 * the real server; upgrades that are not ours are re-emitted there (dev HMR).
 */
export async function startHttpServer(
  config: Config,
  collab: CollabServer,
  observability: { metrics: ServerMetrics; readiness: ReadinessCheck },
): Promise<AppServer> {
  const { metrics, readiness } = observability;
  const root = projectRoot();
  const nextUpgrades = new EventEmitter();
  let handleNext: ((req: IncomingMessage, res: ServerResponse) => Promise<void>) | null = null;
  // The build's Brotli copies, once Next is prepared (a development server has none).
  let brotli: PrecompressedAssets | null = null;
  let state: ServingState = 'starting';
  const ready = () => state !== 'starting';
  // The app's routes are known once Next is prepared; until then only the server's own paths and public files.
  const publicFiles = readPublicFiles(path.join(root, 'public'));
  let routes = createRouteTable({ publicFiles });

  const https = config.publicUrl?.startsWith('https://') ?? false;
  const trustedProxy = (req: IncomingMessage) =>
    config.trustedProxies.includes(normaliseAddress(req.socket.remoteAddress ?? ''));

  const server = createServer((req, res) => {
    const pathname = (req.url ?? '/').split('?')[0]!;
    metrics.http.track(req, res, routes.labelOf(pathname));
    applySecurityHeaders(req, res, { dev: config.dev, https, trustedProxy });
    // Whatever a client put there is replaced: pages learn the client's address from this header only.
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddress(req, config.trustedProxies);
    if (pathname === '/healthz') {
      res.writeHead(ready() ? 200 : 503, { 'content-type': 'text/plain' }).end(ready() ? 'ok\n' : 'starting\n');
      return;
    }
    if (pathname === '/readyz') {
      void answerReadiness(res, state, readiness);
      return;
    }
    if (pathname === '/metrics') {
      void answerMetrics(req, res, metrics.registry, config.metricsToken);
      return;
    }
    if (!ready() || !handleNext) {
      res.writeHead(ready() ? 404 : 503, { 'content-type': 'text/plain' }).end(ready() ? 'not found\n' : 'starting\n');
      return;
    }
    if (brotli?.serve(req, res, pathname)) return;
    handleNext(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500).end();
      process.stderr.write(`next handler failed: ${String(error)}\n`);
    });
  });

  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => {
    const url = req.url ?? '/';
    if (url === COLLAB_PATH || url.startsWith(COLLAB_PATH + '/') || url.startsWith(COLLAB_PATH + '?')) {
      collab.handleUpgrade(req, socket, head);
    } else if (nextUpgrades.listenerCount('upgrade') > 0) {
      nextUpgrades.emit('upgrade', req, socket, head);
    } else {
      socket.destroy();
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Before any request is handled: the label is applied to every figure when /metrics is read.
  metrics.registry.setDefaultLabels({ instance: instanceName(config.instanceId, port) });

  if (config.withNext) {
    const app = next({
      dev: config.dev,
      dir: root,
      hostname: 'localhost',
      port,
      httpServer: nextUpgrades as unknown as Server,
    });
    await app.prepare();
    const requestHandler = app.getRequestHandler();
    handleNext = (req, res) => requestHandler(req, res);
    // The route patterns of the production build. A development server compiles routes as they are
    // asked for and lists them elsewhere, so there its pages count as unmatched.
    if (!config.dev) {
      routes = createRouteTable({ publicFiles, appRoutes: readAppRoutes(path.join(root, '.next')) });
      brotli = precompressedAssets(path.join(root, '.next', 'static'));
    }
  }
  state = 'serving';
  return {
    server,
    port,
    stopping() {
      state = 'stopping';
    },
  };
}
