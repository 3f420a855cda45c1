import { sql } from 'kysely';
import type { DbHandle } from '../db/connection';
import { pendingMigrations } from '../db/migrations';
import type { RedisBus } from '../collab/redis-bus';
import { log } from '../log';

/** How long one check may take before the database counts as not answering. */
const READINESS_TIMEOUT_MS = 2_000;

export interface ReadinessReport {
  ready: boolean;
  /** Each dependency and what was found: "ok", or what is wrong with it. */
  checks: Record<string, string>;
  /** Why the instance is not ready, in a few words. */
  reason?: string;
  /** Ready, but working alone: what is missing (Redis away: the instance serves and saves for its own clients only). */
  degraded?: string;
}

class CheckTimedOut extends Error {}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new CheckTimedOut(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Whether this instance can serve: the database answers a query and every
 * migration this version knows is applied. Probes that arrive while a check
 * runs share it, so a database that hangs is not asked again by every probe.
 *
 * Redis, when the instance has one, is reported but does not make the
 * instance unready: without it every instance still serves and saves for
 * its own clients, and catches up when it is back. Taking every instance
 * out of the load balancer because the shared Redis is away would turn a
 * degraded service into none.
 */
export function createReadinessCheck(
  handle: Pick<DbHandle, 'db'>,
  options: { redis?: Pick<RedisBus, 'ping' | 'status'> | undefined; timeoutMs?: number } = {},
) {
  const timeoutMs = options.timeoutMs ?? READINESS_TIMEOUT_MS;
  let running: Promise<ReadinessReport> | null = null;
  let wasReady = true;

  async function run(): Promise<ReadinessReport> {
    const checks: Record<string, string> = {};
    try {
      await within(sql`select 1`.execute(handle.db), timeoutMs);
      checks.database = 'ok';
    } catch (error) {
      checks.database = error instanceof CheckTimedOut ? 'timeout' : 'unreachable';
      return settle({ ready: false, checks, reason: `database ${checks.database}` }, error);
    }
    try {
      const pending = await within(pendingMigrations(handle.db), timeoutMs);
      checks.migrations = pending.length === 0 ? 'ok' : 'pending';
      if (pending.length > 0)
        return settle({ ready: false, checks, reason: `migrations pending: ${pending.join(', ')}` });
    } catch (error) {
      checks.migrations = 'unreadable';
      return settle({ ready: false, checks, reason: 'migrations unreadable' }, error);
    }
    if (options.redis) {
      try {
        await within(options.redis.ping(), timeoutMs);
        checks.redis = 'ok';
      } catch (error) {
        const since = options.redis.status().downSince;
        checks.redis = error instanceof CheckTimedOut ? 'timeout' : 'unreachable';
        const seconds = since === null ? 0 : Math.round((Date.now() - since) / 1000);
        return settle({
          ready: true,
          checks,
          degraded: `redis ${checks.redis} for ${seconds} s: serving this instance's clients alone`,
        });
      }
    }
    return settle({ ready: true, checks });
  }

  /** Logs a change of state once, not every probe, with the error operators need (never sent to the prober). */
  function settle(report: ReadinessReport, error?: unknown): ReadinessReport {
    if (report.ready !== wasReady) {
      if (report.ready) log.info('server.ready_again', {});
      else
        log.warn('server.not_ready', { reason: report.reason, error: error === undefined ? undefined : String(error) });
      wasReady = report.ready;
    }
    return report;
  }

  return {
    check(): Promise<ReadinessReport> {
      running ??= run().finally(() => {
        running = null;
      });
      return running;
    },
  };
}

export type ReadinessCheck = ReturnType<typeof createReadinessCheck>;
