import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { compiledArgs, isCompiledFresh, sourceArgs, startScriptEnv } from './entry-point';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface RunningServer {
  port: number;
  url: string;
  wsUrl: string;
  dataDir: string;
  process: ChildProcess;
  /** Whether it runs the compiled bundle (dist/server/main.js) rather than the source under tsx. */
  compiled: boolean;
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
  /** Added to the test process's environment; `undefined` removes a variable. */
  env?: Record<string, string | undefined>;
  port?: number;
  /** What to run; by default the compiled server when it is built from the current source, else the source. */
  program?: 'compiled' | 'source';
  /** Node options before the program (`--import` of a preload). */
  nodeOptions?: string[];
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
 * Starts the real server process on port 0 and resolves when it prints its
 * listening line: dist/server/main.js when that is built from the current
 * source, server/main.ts under tsx otherwise (see tests/helpers/entry-point.ts).
 */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const dataDir = options.dataDir ?? makeDataDir();
  const program = options.program ?? (isCompiledFresh(PROJECT_ROOT, 'server') ? 'compiled' : 'source');
  const args = program === 'compiled' ? compiledArgs('server') : sourceArgs('server');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...startScriptEnv(PROJECT_ROOT),
    NODE_ENV: 'production',
    PORT: String(options.port ?? 0),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BIENBAN_NEXT: options.withNext ? 'on' : 'off',
    LOG_LEVEL: 'info',
    // Servers run in UTC; the organisation's time zone (TIME_ZONE) is what pages must show.
    TZ: 'UTC',
    ...options.env,
  };
  for (const [name, value] of Object.entries(env)) if (value === undefined) delete env[name];
  // TEST_SERVER_NODE runs the servers on another Node than the tests' own (trying a Node version).
  const node = process.env.TEST_SERVER_NODE ?? process.execPath;
  const child = spawn(node, [...(options.nodeOptions ?? []), ...args], {
    cwd: PROJECT_ROOT,
    env,
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
    compiled: program === 'compiled',
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
