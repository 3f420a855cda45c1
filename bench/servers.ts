import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { readMetrics } from '../tests/helpers/raw-client';
import { PROJECT_ROOT, startServer, type RunningServer } from '../tests/helpers/server';
import { processCpuMs, processRssBytes, sleep } from './measure';

export type ServerName = 'ours' | 'reference';

/** A server under test, as the scenarios see it: where to connect and how to read its costs. */
export interface BenchServer {
  readonly name: ServerName;
  /** Base of the websocket URL; the provider appends "/<room>". */
  readonly wsUrl: string;
  readonly pid: number;
  /** CPU time the server process has used so far (ms), in user and kernel mode. */
  cpuMs(): { user: number; system: number };
  rssBytes(): number;
  stop(): Promise<void>;
}

export interface OurServer extends BenchServer {
  readonly name: 'ours';
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  metrics(): Promise<Record<string, number>>;
  /** SIGTERM, wait for the exit, start again on the same port and data directory. */
  restart(hooks?: { exited?: () => void; spawned?: () => void }): Promise<void>;
}

/**
 * Environment of our server in the bench. Every client comes from
 * 127.0.0.1, so the per-address upgrade limit is raised out of the way; a
 * short unload grace lets scenario 4 load documents cold and lets the memory
 * checks see an idle server between rounds (it never applies while a
 * document has connections).
 */
export const OUR_SERVER_ENV: Readonly<Record<string, string>> = {
  COLLAB_MAX_UPGRADES_PER_ADDRESS_PER_MINUTE: '1000000',
  COLLAB_UNLOAD_GRACE_MS: '200',
};

/** Every process this bench started, so an interrupted run leaves none behind. */
const started = new Set<ChildProcess>();
process.on('exit', () => {
  for (const child of started) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

function track(child: ChildProcess): void {
  started.add(child);
  child.once('exit', () => started.delete(child));
}

/** Builds the Next.js app when there is no production build yet (about 20 s here). */
export function ensureNextBuild(): void {
  if (existsSync(path.join(PROJECT_ROOT, '.next', 'BUILD_ID'))) return;
  process.stderr.write('bench: no .next build, running `npx next build`…\n');
  const result = spawnSync('npx', ['next', 'build'], { cwd: PROJECT_ROOT, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error('next build failed');
}

/** Starts our server with the pages, authentication and SQLite persistence in `dataDir`. */
export async function startOurServer(dataDir: string): Promise<OurServer> {
  let running: RunningServer = await startServer({ dataDir, withNext: true, env: { ...OUR_SERVER_ENV } });
  track(running.process);
  const port = running.port;
  return {
    name: 'ours',
    get wsUrl() {
      return running.wsUrl;
    },
    get url() {
      return running.url;
    },
    get pid() {
      return running.process.pid!;
    },
    port,
    dataDir,
    cpuMs: () => processCpuMs(running.process.pid!),
    rssBytes: () => processRssBytes(running.process.pid!),
    metrics: () => readMetrics(running.url),
    async stop() {
      await running.stop();
    },
    async restart(hooks = {}) {
      await running.stop();
      hooks.exited?.();
      const starting = startServer({ dataDir, withNext: true, port, env: { ...OUR_SERVER_ENV } });
      hooks.spawned?.();
      running = await starting;
      track(running.process);
    },
  };
}

/** A port that was free a moment ago (the reference server cannot report the one it picks). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts the reference server shipped with y-websocket 2.1.0, as shipped:
 * its own bin/server.cjs, in memory only (no YPERSISTENCE), no authentication.
 */
export async function startReferenceServer(): Promise<BenchServer> {
  const script = path.join(PROJECT_ROOT, 'node_modules', 'y-websocket-server-ref', 'bin', 'server.cjs');
  if (!existsSync(script)) throw new Error('y-websocket-server-ref is not installed (npm install)');
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' };
  delete env.YPERSISTENCE;
  const child = spawn(process.execPath, [script], { cwd: PROJECT_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  track(child);
  let output = '';
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`reference server did not start:\n${output}`)), 30_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('running at')) {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`reference server exited:\n${output}`));
    });
  });
  return {
    name: 'reference',
    wsUrl: `ws://127.0.0.1:${port}`,
    pid: child.pid!,
    cpuMs: () => processCpuMs(child.pid!),
    rssBytes: () => processRssBytes(child.pid!),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
      await exited;
    },
  };
}
