import { createSignInLimiter, signInLimitsFromEnv, type SignInLimits } from './auth/sign-in-limiter';
import { createCollabServer } from './collab/server';
import { limitsFromEnv, type CollabLimits } from './collab/limits';
import type { Config } from './config';
import { openServices } from './bootstrap';
import { startHttpServer } from './http-server';
import { createMeetingRecord } from './meeting';
import { createServerMetrics } from './observability';
import { createReadinessCheck } from './observability/readiness';
import { setRuntime, type Runtime } from './runtime';

export interface RunningApp {
  port: number;
  runtime: Runtime;
  dialect: 'sqlite' | 'postgres';
  /** Stops accepting, persists every loaded document, closes sockets and the database. */
  close(): Promise<void>;
}

/**
 * Wires the product together: the instance's metrics, database and services,
 * the meeting record, the collaboration server, and the HTTP server with
 * Next.js (unless config.withNext is off). Used by server/main.ts and by
 * tests that need the real server in their own process.
 */
export async function startApp(
  config: Config,
  limits: CollabLimits = limitsFromEnv(),
  signInLimits: SignInLimits = signInLimitsFromEnv(),
): Promise<RunningApp> {
  const metrics = createServerMetrics(config.databaseUrl ? 'postgres' : 'sqlite');
  const { handle, services } = await openServices(config, {
    observeQuery: metrics.database.observeQuery,
    backgroundCheckpoints: true,
  });
  metrics.database.watchPool(handle.poolStats);
  const record = createMeetingRecord(services, { timeZone: config.timeZone });
  const collab = createCollabServer({
    services,
    secret: config.authSecret,
    limits,
    hooks: record.hooks,
    allowedOrigins: config.allowedOrigins,
    trustedProxies: config.trustedProxies,
    redis: config.redisUrl ? { url: config.redisUrl, prefix: config.redisPrefix } : undefined,
  });
  await collab.start();
  const meetings = record.attach({
    change: collab.change,
    read: collab.read,
    lock: collab.lock,
    unlock: collab.unlock,
    revalidateDocument: collab.revalidateDocument,
    revalidateUser: collab.revalidateUser,
  });
  const runtime: Runtime = {
    services,
    authSecret: config.authSecret,
    collab: { revalidateUser: collab.revalidateUser, revalidateDocument: collab.revalidateDocument },
    meetings,
    signInLimiter: createSignInLimiter(signInLimits),
    timeZone: config.timeZone,
    language: config.language,
  };
  setRuntime(runtime);
  collab.exposeMetrics(metrics.registry);
  const readiness = createReadinessCheck(handle, { redis: collab.bus ?? undefined });
  const { server, port, stopping } = await startHttpServer(config, collab, { metrics, readiness });
  const sweep = setInterval(() => runtime.signInLimiter.sweep(), 5 * 60 * 1000);
  sweep.unref();
  return {
    port,
    runtime,
    dialect: handle.dialect,
    async close() {
      clearInterval(sweep);
      stopping();
      server.close();
      await collab.close();
      server.closeAllConnections();
      // Messages already handed to SMTP are tried (each has its timeout) before the database closes.
      await services.mail.settled();
      services.mail.close();
      await handle.close();
      setRuntime(undefined);
    },
  };
}
