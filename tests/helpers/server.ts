import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningServer {
  port: number;
  url: string;
  wsUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** Everything the process wrote to stderr so far (its log). */
  logs(): string;
  /** SIGTERM and wait for exit (graceful shutdown). */
  stop(): Promise<number | null>;
  /** SIGKILL and wait for exit: no chance to flush anything. */
  kill(): Promise<void>;
}

export interface StartOptions {
  /** Reuse a data directory (restarts); a fresh temp directory otherwise. */
  dataDir?: string;
  /** Serve the Next.js pages too (needs `next build` first). */
  withNext?: boolean;
  env?: Record<string, string>;
  port?: number;
}

/** A fresh data directory for one test file; remove it with removeDataDir. */
export function makeDataDir(prefix = 'bienban-test-'): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeDataDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** The session secret the server will use for a data directory (created on first start). */
export function authSecretOf(dataDir: string): string {
  return readFileSync(path.join(dataDir, 'auth-secret'), 'utf8').trim();
}

/**
 * Starts the real server process (server/main.ts) on port 0 and resolves when
 * it prints its listening line.
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  // node with the tsx loader, not the tsx wrapper: one process, so SIGKILL hits the server itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      PORT: String(options.port ?? 0),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BIENBAN_NEXT: options.withNext ? 'on' : 'off',
      LOG_LEVEL: 'info',
      // Servers run in UTC; the organisation's time zone (TIME_ZONE) is what pages must show.
      TZ: 'UTC',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const port = await new Promise<number>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    const timer = setTimeout(() => reject(new Error(`server did not start in time:\n${stderr}`)), 90_000);
    lines.on('line', (line) => {
      try {
        const message = JSON.parse(line) as { event?: string; port?: number };
        if (message.event === 'listening' && message.port) {
          clearTimeout(timer);
          resolve(message.port);
        }
      } catch {
        // Not our JSON line (Next prints its own banner).
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${stderr}`));
    });
  });

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}/collab`,
    dataDir,
    process: child,
    logs: () => stderr,
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
