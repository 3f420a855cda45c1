import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { isIP } from 'node:net';
import { z } from 'zod';
import { DEFAULT_TIME_ZONE, isTimeZone } from '../lib/format';
import { parseMailSettings, type MailSettings } from './mail/config';
import { normaliseAddress } from './net/client-address';

/** The non-empty, trimmed entries of a comma-separated setting. */
const commaList = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);

/**
 * Process configuration, validated once at start-up. A bad value stops the
 * process with a message naming the variable instead of failing later.
 */
const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'DATABASE_URL must be a postgres:// URL (leave it unset for the embedded SQLite database)',
    )
    .optional(),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'REDIS_URL must be a redis:// URL')
    .optional(),
  /** Start of every Redis channel name of this deployment, so several share one Redis without hearing each other. */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9:_.-]{1,64}$/, 'REDIS_PREFIX must be 1-64 letters, digits or : _ . -')
    .default('bienban:'),
  NEXTAUTH_SECRET: z.string().min(32, 'NEXTAUTH_SECRET must be at least 32 characters').optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  /** Further origins pages may be served from (comma-separated), besides NEXTAUTH_URL's. */
  ALLOWED_ORIGINS: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const list = commaList(value);
      const origins: string[] = [];
      for (const entry of list) {
        try {
          const url = new URL(entry);
          if (url.origin !== entry.replace(/\/$/, '')) throw new Error('not an origin');
          origins.push(url.origin);
        } catch {
          ctx.addIssue({ code: 'custom', message: `ALLOWED_ORIGINS: "${entry}" is not an origin like https://host` });
        }
      }
      return origins;
    }),
  /** Addresses of reverse proxies whose X-Forwarded-For is believed (comma-separated IPs). */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .transform((value, ctx) => {
      const list = commaList(value);
      for (const entry of list) {
        if (isIP(entry) === 0)
          ctx.addIssue({ code: 'custom', message: `TRUSTED_PROXIES: "${entry}" is not an IP address` });
      }
      return list.map(normaliseAddress);
    }),
  /** The organisation's language: the pages' language until a visitor picks one, and that of new minutes. */
  LANGUAGE: z.enum(['vi', 'en'], 'LANGUAGE must be vi or en').default('vi'),
  /** The organisation's time zone: every time is computed and shown in it. */
  TIME_ZONE: z
    .string()
    .default(DEFAULT_TIME_ZONE)
    .refine(isTimeZone, 'TIME_ZONE must be an IANA time zone such as Asia/Ho_Chi_Minh'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  /** Set to "off" to run the collaboration server without the Next.js pages (benchmarks, some tests). */
  BIENBAN_NEXT: z.enum(['on', 'off']).default('on'),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
  /** The `instance` label of every metric; hostname:port when unset. */
  INSTANCE_ID: z
    .string()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/,
      'INSTANCE_ID must be 1 to 100 letters, digits, ".", "_", ":" or "-", starting with a letter or digit',
    )
    .optional(),
  /** Lets a scraper on another machine read /metrics with `Authorization: Bearer <token>`. */
  METRICS_TOKEN: z
    .string()
    .min(32, 'METRICS_TOKEN must be at least 32 characters')
    .regex(/^[\x21-\x7e]+$/, 'METRICS_TOKEN must be printable ASCII without spaces')
    .optional(),
  /** smtp://user:password@host:587 (or smtps://): mail goes through this server; checked with MAIL_FROM in loadConfig. */
  SMTP_URL: z.string().optional(),
  /** The sender of every message ("Chi bộ <bienban@example.vn>"). */
  MAIL_FROM: z.string().optional(),
  /** "on": keep messages in the database's outbox (/outbox) when no SMTP server is set, outside development too. */
  MAIL_OUTBOX: z.string().optional(),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  /** Start of this deployment's Redis channel names (REDIS_PREFIX). */
  redisPrefix: string;
  authSecret: string;
  /** The public URL (NEXTAUTH_URL), when configured. */
  publicUrl: string | undefined;
  /** Origins a browser may open the collaboration websocket from; empty means "the Host the request names". */
  allowedOrigins: string[];
  trustedProxies: string[];
  /** The organisation's IANA time zone. */
  timeZone: string;
  /** The organisation's language (pages by default, templates of new minutes). */
  language: 'vi' | 'en';
  dev: boolean;
  withNext: boolean;
  logLevel: 'debug' | 'info' | 'warn' | 'error';
  /** The `instance` label of every metric (INSTANCE_ID); hostname:port when undefined. */
  instanceId: string | undefined;
  /** The bearer token that opens /metrics to other machines (METRICS_TOKEN). */
  metricsToken: string | undefined;
  /** How mail is sent: SMTP, the database's outbox, or not at all (SMTP_URL, MAIL_FROM, MAIL_OUTBOX). */
  mail: MailSettings;
};

/** The file in the data directory that holds the generated session secret. */
export const SECRET_FILE = 'auth-secret';

/** Parses `env` with `schema`; throws an Error listing every bad variable. */
function parseEnv<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.output<S> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

/** Where the data lives, without creating anything. */
export interface StorageLocation {
  /** The data directory, absolute; it may not exist yet. */
  dataDir: string;
  databaseUrl: string | undefined;
}

/**
 * DATA_DIR and DATABASE_URL, validated as loadConfig does but with no side
 * effect: backup and restore must not create a data directory, a secret or
 * a database where they are about to check for one.
 */
export function storageLocation(env: NodeJS.ProcessEnv = process.env): StorageLocation {
  const e = parseEnv(envSchema.pick({ DATA_DIR: true, DATABASE_URL: true }), env);
  return { dataDir: path.resolve(e.DATA_DIR), databaseUrl: e.DATABASE_URL };
}

/** Reads and validates the environment; throws an Error listing every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const e = parseEnv(envSchema, env);
  const mail = parseMailSettings(e, e.NODE_ENV === 'development');
  if (mail.issues.length > 0) throw new Error(`Invalid configuration:\n${mail.issues.map((i) => `  ${i}`).join('\n')}`);
  const dataDir = path.resolve(e.DATA_DIR);
  // The database, attachments and the session secret are the service's alone.
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    databaseUrl: e.DATABASE_URL,
    redisUrl: e.REDIS_URL,
    redisPrefix: e.REDIS_PREFIX,
    authSecret: e.NEXTAUTH_SECRET ?? readOrCreateSecret(dataDir),
    publicUrl: e.NEXTAUTH_URL,
    allowedOrigins: [...(e.NEXTAUTH_URL ? [new URL(e.NEXTAUTH_URL).origin] : []), ...e.ALLOWED_ORIGINS],
    trustedProxies: e.TRUSTED_PROXIES,
    timeZone: e.TIME_ZONE,
    language: e.LANGUAGE,
    dev: e.NODE_ENV === 'development',
    withNext: e.BIENBAN_NEXT === 'on',
    logLevel: e.LOG_LEVEL,
    instanceId: e.INSTANCE_ID,
    metricsToken: e.METRICS_TOKEN,
    mail: mail.settings,
  };
}

/**
 * An installation without NEXTAUTH_SECRET gets a random one, kept in the data
 * directory so sessions survive restarts. Several instances must share one
 * secret, so scale-out deployments set the variable instead.
 */
function readOrCreateSecret(dataDir: string): string {
  const file = path.join(dataDir, SECRET_FILE);
  if (existsSync(file)) {
    const secret = readFileSync(file, 'utf8').trim();
    if (secret.length >= 32) return secret;
  }
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret + '\n', { mode: 0o600 });
  return secret;
}
