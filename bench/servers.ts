import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { entryPointArgs, isCompiledFresh, startScriptEnv } from '../tests/helpers/entry-point';
import { readMetrics } from '../tests/helpers/prometheus';
import { PROJECT_ROOT } from '../tests/helpers/server';
import { processCpuMs, processRssBytes, sleep } from './measure';

export type ServerName = 'ours' | 'reference';

/** A server under test, as the scenarios see it: where to connect and how to read its costs. */
export interface BenchServer {
  readonly name: ServerName;
  /** Base of the websocket URL; the provider appends "/<room>". */
  readonly wsUrl: string;
  readonly pid: number;
  /**
   * Where the server's inspector listens once SIGUSR1 turns it on (each
   * server its own port, so that both can be asked at once); idle until then.
   */
  readonly inspectorPort: number;
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
  /** The checkout of the product it runs (--server-dir). */
  readonly productRoot: string;
  metrics(): Promise<Record<string, number>>;
  /** SIGTERM, wait for the exit, start again on the same port and data directory. */
  restart(hooks?: { exited?: () => void; spawned?: () => void }): Promise<void>;
}

/**
 * Environment of our server in the bench. Every client comes from
 * 127.0.0.1, so the per-address upgrade limit is raised out of the way, and
 * so is the per-user one (clients share a few accounts); a
 * short unload grace lets scenario 4 load documents cold and lets the memory
 * checks see an idle server between rounds (it never applies while a
 * document has connections). The bench is the server's trusted proxy, so
 * that each sign-in storm can come from an address of its own
 * (X-Forwarded-For) and meet the sign-in limits as one client would; requests
 * without that header keep the socket's address.
 */
export const OUR_SERVER_ENV: Readonly<Record<string, string>> = {
  COLLAB_MAX_UPGRADES_PER_ADDRESS_PER_MINUTE: '1000000',
  // A few seeded accounts stand in for a room of hundreds of people: each holds many connections to one document.
  COLLAB_MAX_CONNECTIONS_PER_USER_PER_DOCUMENT: '1000',
  COLLAB_UNLOAD_GRACE_MS: '200',
  TRUSTED_PROXIES: '127.0.0.1',
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

/** Builds the Next.js app of a checkout when it has no production build yet (about 20 s here). */
export function ensureNextBuild(root = PROJECT_ROOT): void {
  if (existsSync(path.join(root, '.next', 'BUILD_ID'))) return;
  process.stderr.write(`bench: no .next build in ${root}, running \`npx next build\` there…\n`);
  const result = spawnSync('npx', ['next', 'build'], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`next build failed in ${root}`);
}

/**
 * Compiles the server of a checkout (server/build-server.mjs, about 2 s)
 * when its bundle is missing or older than its source. Checkouts from before
 * the server was compiled have no such script; their source runs under tsx.
 */
export function ensureServerBuild(root = PROJECT_ROOT): void {
  const script = path.join(root, 'server', 'build-server.mjs');
  if (!existsSync(script) || isCompiledFresh(root, 'server')) return;
  process.stderr.write(`bench: compiling the server of ${root}…\n`);
  const result = spawnSync(process.execPath, [script], { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) throw new Error(`compiling the server failed in ${root}`);
}

/**
 * The commit a checkout is at, with "+changes" when its tracked files differ
 * from it (bench/results aside: every run rewrites latest.json).
 */
export function checkoutVersion(root: string): string {
  const git = (...args: string[]) => spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
  const head = git('rev-parse', '--short', 'HEAD');
  if (head.status !== 0) return 'unknown';
  const dirty = git('status', '--porcelain', '--untracked-files=no', '--', '.', ':!bench/results').stdout.trim() !== '';
  return head.stdout.trim() + (dirty ? '+changes' : '');
}

interface RunningProcess {
  process: ChildProcess;
  port: number;
  url: string;
  wsUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts the server process of the checkout at `root` (its compiled server,
 * or its server/main.ts under its own tsx when it has none built from its
 * current source; its node_modules and .next) the way tests/helpers/server.ts
 * starts this one: production mode, pages on, 127.0.0.1, resolved when it
 * prints its listening line.
 */
async function spawnProductServer(
  root: string,
  dataDir: string,
  port: number,
  inspectorPort: number,
  extraEnv: Record<string, string> = {},
): Promise<RunningProcess> {
  // One process (node, not a wrapper), so signals and /proc figures are the server's own. BENCH_SERVER_NODE_ARGS
  // adds Node flags for it alone (`--cpu-prof --cpu-prof-dir=/tmp/prof`), which NODE_OPTIONS would not all accept.
  const nodeArgs = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const args = [inspectPort(inspectorPort), ...nodeArgs, ...entryPointArgs(root, 'server').args];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      ...startScriptEnv(root),
      NODE_ENV: 'production',
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      BIENBAN_NEXT: 'on',
      LOG_LEVEL: 'info',
      ...OUR_SERVER_ENV,
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    // The start of the log, for the error when the server does not come up.
    if (stderr.length < 64 * 1024) stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server in ${root} did not start in time:\n${stderr}`)), 90_000);
    createInterface({ input: child.stdout! }).on('line', (line) => {
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
    void exited.then(() => {
      clearTimeout(timer);
      reject(new Error(`server in ${root} exited before listening:\n${stderr}`));
    });
  });
  return {
    process: child,
    port: listening,
    url: `http://127.0.0.1:${listening}`,
    wsUrl: `ws://127.0.0.1:${listening}/collab`,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * Starts our server with the pages, authentication and SQLite persistence in
 * `dataDir`, from the checkout at `root` (this one unless --server-dir).
 */
export async function startOurServer(
  dataDir: string,
  root = PROJECT_ROOT,
  env: Record<string, string> = {},
): Promise<OurServer> {
  const inspectorPort = await freePort();
  let running = await spawnProductServer(root, dataDir, 0, inspectorPort, env);
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
    inspectorPort,
    dataDir,
    productRoot: root,
    cpuMs: () => processCpuMs(running.process.pid!),
    rssBytes: () => processRssBytes(running.process.pid!),
    metrics: () => readMetrics(running.url),
    async stop() {
      await running.stop();
    },
    async restart(hooks = {}) {
      await running.stop();
      hooks.exited?.();
      const starting = spawnProductServer(root, dataDir, port, inspectorPort, env);
      hooks.spawned?.();
      running = await starting;
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

/** The Node flag that sets where the inspector listens once turned on; on its own it turns nothing on. */
function inspectPort(port: number): string {
  return `--inspect-port=127.0.0.1:${port}`;
}

/**
 * Starts the reference server shipped with y-websocket 2.1.0, as shipped:
 * its own bin/server.cjs, in memory only (no YPERSISTENCE), no authentication.
 */
export async function startReferenceServer(): Promise<BenchServer> {
  const script = path.join(PROJECT_ROOT, 'node_modules', 'y-websocket-server-ref', 'bin', 'server.cjs');
  if (!existsSync(script)) throw new Error('y-websocket-server-ref is not installed (npm install)');
  const port = await freePort();
  const inspectorPort = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: '127.0.0.1', PORT: String(port), NODE_ENV: 'production' };
  delete env.YPERSISTENCE;
  // BENCH_REFERENCE_NODE_ARGS: Node flags for the reference alone, as BENCH_SERVER_NODE_ARGS for ours (a profile
  // of both). With them it also exits on SIGTERM through process.exit, so that a profile is written.
  const flags = (process.env.BENCH_REFERENCE_NODE_ARGS ?? '').split(/\s+/).filter(Boolean);
  const nodeArgs =
    flags.length > 0 ? ['--require', path.join(PROJECT_ROOT, 'bench', 'exit-on-signal.cjs'), ...flags] : [];
  const child = spawn(process.execPath, [inspectPort(inspectorPort), ...nodeArgs, script], {
    cwd: PROJECT_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
    inspectorPort,
    cpuMs: () => processCpuMs(child.pid!),
    rssBytes: () => processRssBytes(child.pid!),
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await Promise.race([exited, sleep(5000).then(() => child.kill('SIGKILL'))]);
      await exited;
    },
  };
}
