import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { compiledArgs, isCompiledFresh, sourceArgs, startScriptEnv } from '../../tests/helpers/entry-point';
import { makeDataDir, removeDataDir } from '../../tests/helpers/server';
import { processCpuMs, sleep } from '../measure';
import { freePort } from '../servers';

/** How often /healthz is asked while the server starts. */
const POLL_MS = 10;
/** A start that takes longer than this fails the part. */
const START_DEADLINE_MS = 120_000;

export type StartupProgramKey = 'source' | 'compiled' | 'compiledWithoutMaps';

/** A way of starting the server that the start-up bench compares. */
interface StartupProgram {
  key: StartupProgramKey;
  /** The command line, as an operator would type it. */
  command: string;
  args: string[];
}

/** Median and spread of one figure over the rounds. */
export interface Spread {
  p50: number;
  min: number;
  max: number;
}

export interface StartupProgramResult {
  key: StartupProgramKey;
  command: string;
  /** Process spawned → it printed its listening line (database open, migrations checked, Next.js prepared). */
  listeningMs: Spread;
  /** Process spawned → /healthz answered 200, asked every POLL_MS. */
  healthyMs: Spread;
  /** CPU time (user + kernel) the process had used when it printed its listening line. */
  cpuMs: Spread;
  /** Each measured start, in order: listening, healthy, CPU (ms). */
  starts: { listeningMs: number; healthyMs: number; cpuMs: number }[];
}

export interface StartupResult {
  rounds: number;
  programs: StartupProgramResult[];
}

function spread(values: number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  return { p50: sorted[Math.floor((sorted.length - 1) / 2)]!, min: sorted[0]!, max: sorted[sorted.length - 1]! };
}

/** The ways the checkout at `root` can be started: its source under tsx, and its compiled server when it is fresh. */
function programsOf(root: string): StartupProgram[] {
  const source = { key: 'source' as const, args: sourceArgs('server') };
  const programs: StartupProgram[] = [{ ...source, command: `node ${source.args.join(' ')}` }];
  if (isCompiledFresh(root, 'server')) {
    const compiled = compiledArgs('server');
    const withoutMaps = compiled.filter((arg) => arg !== '--enable-source-maps');
    programs.push(
      { key: 'compiled', args: compiled, command: `node ${compiled.join(' ')}` },
      { key: 'compiledWithoutMaps', args: withoutMaps, command: `node ${withoutMaps.join(' ')}` },
    );
  }
  return programs;
}

/** One start of the server: spawned, timed until it listens and answers /healthz, then stopped with SIGTERM. */
async function timeOneStart(root: string, dataDir: string, args: string[]): Promise<StartupProgramResult['starts'][0]> {
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...startScriptEnv(root),
    NODE_ENV: 'production',
    PORT: String(port),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    BIENBAN_NEXT: 'on',
    LOG_LEVEL: 'info',
  };
  // As an operator starts it: nothing preloaded.
  delete env.NODE_OPTIONS;
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    if (stderr.length < 64 * 1024) stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let gone = false;
  void exited.then(() => (gone = true));
  try {
    const listening = new Promise<{ at: number; cpuMs: number }>((resolve) => {
      createInterface({ input: child.stdout! }).on('line', (line) => {
        if (!line.startsWith('{"event":"listening"')) return;
        const at = performance.now();
        const cpu = processCpuMs(child.pid!);
        resolve({ at, cpuMs: cpu.user + cpu.system });
      });
    });
    let healthyAt = NaN;
    const deadline = spawnedAt + START_DEADLINE_MS;
    while (Number.isNaN(healthyAt)) {
      if (gone) throw new Error(`the server exited while starting:\n${stderr}`);
      if (performance.now() > deadline) throw new Error(`the server did not start in time:\n${stderr}`);
      const status = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status,
        () => 0,
      );
      if (status === 200) healthyAt = performance.now();
      else await sleep(POLL_MS);
    }
    const { at, cpuMs } = await listening;
    return { listeningMs: at - spawnedAt, healthyMs: healthyAt - spawnedAt, cpuMs };
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  }
}

/**
 * Start-up time of the server of the checkout at `root`, from spawn to its
 * listening line and to the first 200 from /healthz, for each way it can be
 * started (programsOf), in `rounds` rounds that take turns at going first. A
 * first, unmeasured start migrates the empty database every start then opens,
 * and one more per program fills the disk cache (and tsx's cache of
 * transformed files, as any later start of that program finds it).
 */
export async function runStartup(
  root: string,
  rounds: number,
  progress: (message: string) => void,
): Promise<StartupResult> {
  const programs = programsOf(root);
  const dataDir = makeDataDir('bienban-startup-');
  const starts = new Map<StartupProgramKey, StartupProgramResult['starts']>(programs.map((p) => [p.key, []]));
  try {
    for (const program of programs) await timeOneStart(root, dataDir, program.args);
    for (let round = 0; round < rounds; round++) {
      const order = programs.map((_, i) => programs[(i + round) % programs.length]!);
      for (const program of order) {
        const start = await timeOneStart(root, dataDir, program.args);
        starts.get(program.key)!.push(start);
        progress(
          `start-up round ${round + 1} ${program.key}: listening ${start.listeningMs.toFixed(0)} ms, ` +
            `/healthz ${start.healthyMs.toFixed(0)} ms, CPU ${start.cpuMs.toFixed(0)} ms`,
        );
      }
    }
  } finally {
    removeDataDir(dataDir);
  }
  return {
    rounds,
    programs: programs.map((program) => {
      const measured = starts.get(program.key)!;
      return {
        key: program.key,
        command: program.command,
        listeningMs: spread(measured.map((s) => s.listeningMs)),
        healthyMs: spread(measured.map((s) => s.healthyMs)),
        cpuMs: spread(measured.map((s) => s.cpuMs)),
        starts: measured,
      };
    }),
  };
}
