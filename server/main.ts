import { startApp } from './app';
import { loadConfig } from './config';
import { log, setLogLevel } from './log';

/** Time allowed for a graceful shutdown before the process exits anyway. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

/**
 * The whole product in one process: Next.js pages and route handlers, the
 * collaboration websocket and the database, on one port.
 */
async function main(): Promise<void> {
  // Files this process creates (the database, its journal, the secret) are the service user's alone.
  process.umask(0o077);
  const config = loadConfig();
  setLogLevel(config.logLevel);
  // next-auth reads these from the environment inside Next's handlers.
  process.env.NEXTAUTH_SECRET = config.authSecret;
  if (!process.env.NEXTAUTH_URL) process.env.AUTH_TRUST_HOST = '1';

  const app = await startApp(config);
  // A machine-readable line first (tests and scripts read the port from it), then a human one.
  process.stdout.write(JSON.stringify({ event: 'listening', port: app.port, database: app.dialect }) + '\n');
  log.info('server.listening', { url: `http://localhost:${app.port}`, database: app.dialect, dataDir: config.dataDir });

  let stopping = false;
  async function shutdown(signal: string): Promise<void> {
    if (stopping) return;
    stopping = true;
    log.info('server.stopping', { signal });
    const timer = setTimeout(() => {
      log.error('server.shutdown_timeout', {});
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    timer.unref();
    await app.close();
    log.info('server.stopped', {});
    process.exit(0);
  }
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('unhandledRejection', (reason) => log.error('process.unhandled_rejection', { reason: String(reason) }));
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
