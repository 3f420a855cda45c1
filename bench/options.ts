/**
 * Settings of one bench run. Every setting has a default sized for a
 * two-core machine (the whole run stays under ten minutes) and can be
 * overridden by a flag (`--s1-clients 100`) or an environment variable
 * (`BENCH_S1_CLIENTS=100`); a flag wins over the environment.
 */
export interface BenchOptions {
  /** Rounds of scenarios 1–3 (each round runs ours, then the reference) and of the sign-in storms. */
  rounds: number;
  /** Seconds of load in each run of scenarios 1–3. */
  duration: number;
  /** Seconds of an unrecorded run on each server first, so neither is measured cold (JIT, first allocations). */
  warmup: number;
  s1Clients: number;
  s1Rate: number;
  s2Rooms: number;
  s2Clients: number;
  s2Rate: number;
  s3Clients: number;
  s3Rate: number;
  /** Soak (`--only soak`): runs one after another on the same meetings, each growing their minutes; rooms unload between runs. */
  soakRuns: number;
  soakRooms: number;
  soakClients: number;
  /** Characters per second typed by the one writer of each soak meeting. */
  soakRate: number;
  /** Paragraphs (of about 200 characters, pasted before the typing) each run adds to each soak meeting's minutes. */
  soakParagraphs: number;
  /** Seconds of measured typing in each soak run. */
  soakDuration: number;
  /** Whether the soak's writers move their caret with every character, as the editor does. */
  soakCursor: boolean;
  openLoads: number;
  /** Size the stored document of scenario 4 is grown to, encoded. */
  openBytes: number;
  stormClients: number;
  stormRooms: number;
  /** Idle documents (one connection each) and extra connections per document of the memory probe. */
  memoryDocs: number;
  memoryExtraPerDoc: number;
  pageLoads: number;
  /** Cold loads of the meeting page on the slow 3G profile (400 ms latency, 50,000 bytes/s each way). */
  pageSlowLoads: number;
  /** Seconds of a meeting's typical activity measured on one member's page, scaled to 90 minutes. */
  pageTrafficSeconds: number;
  /** Wrong-password sign-ins sent at once in each sign-in storm. */
  signinAttempts: number;
  /** Checks timed per case of the update-guard measurement. */
  guardChecks: number;
  /** Search bench (`--only search`): meetings in the generated archive, ~3 KB of minutes each. */
  searchMeetings: number;
  /** Cells the archive's meetings are spread over. */
  searchCells: number;
  /** Timed runs of each query (after one untimed), and of its LIKE scan. */
  searchRepeats: number;
  searchLikeRepeats: number;
  /** Comma-separated engines to run it on: sqlite, postgres. */
  searchEngines: string;
  /** PostgreSQL server the search bench creates its throwaway database on. */
  searchPostgresUrl: string;
  /** Start-up bench (`--only startup`): measured starts of each way of starting the server. */
  startupRounds: number;
  /** Scale-out bench (`--only cluster`): instances behind the balancer, sharing PostgreSQL and Redis. */
  clusterInstances: number;
  clusterRooms: number;
  clusterClients: number;
  clusterRate: number;
  clusterDuration: number;
  clusterRounds: number;
  /** PostgreSQL server the scale-out bench creates its throwaway database on. */
  clusterPostgresUrl: string;
  /** Comma-separated meeting counts of the capacity search (one instance); empty skips it. */
  capacitySteps: string;
  capacityDuration: number;
  capacityRate: number;
  /**
   * Checkout of the product that "ours" is started from (its code, its pages
   * build, its database schema, its seeding); empty for this one. Pointing it
   * at an older checkout measures that version with this bench.
   */
  serverDir: string;
  /** Comma-separated subset of BENCH_PARTS (s1,s1-doc,…,open,storm,memory,page,signin,guard,soak,search,startup); empty runs all but soak, search and startup. */
  only: string;
  /** Exit with 1 when a figure regressed more than 10% against bench/budget.json. */
  strict: boolean;
  /** Write this run's figures to bench/budget.json. */
  writeBudget: boolean;
  help: boolean;
}

export const DEFAULT_OPTIONS: Readonly<BenchOptions> = {
  rounds: 3,
  duration: 10,
  warmup: 3,
  s1Clients: 200,
  s1Rate: 10,
  s2Rooms: 50,
  s2Clients: 10,
  s2Rate: 5,
  s3Clients: 20,
  s3Rate: 50,
  soakRuns: 6,
  soakRooms: 20,
  soakClients: 10,
  soakRate: 5,
  soakParagraphs: 300,
  soakDuration: 15,
  soakCursor: true,
  openLoads: 50,
  openBytes: 1024 * 1024,
  stormClients: 1000,
  stormRooms: 50,
  memoryDocs: 100,
  memoryExtraPerDoc: 4,
  pageLoads: 10,
  pageSlowLoads: 3,
  pageTrafficSeconds: 60,
  signinAttempts: 20,
  guardChecks: 2000,
  searchMeetings: 100_000,
  searchCells: 200,
  searchRepeats: 10,
  searchLikeRepeats: 1,
  searchEngines: 'sqlite,postgres',
  searchPostgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  startupRounds: 7,
  clusterInstances: 3,
  clusterRooms: 20,
  clusterClients: 10,
  clusterRate: 5,
  clusterDuration: 20,
  clusterRounds: 3,
  clusterPostgresUrl: 'postgres://postgres@127.0.0.1:5432/postgres',
  capacitySteps: '50,100,200,300,400',
  capacityDuration: 20,
  capacityRate: 5,
  serverDir: '',
  only: '',
  strict: false,
  writeBudget: false,
  help: false,
};

/** Parts of the bench --only can select. */
export const BENCH_PARTS = [
  's1',
  's1-doc',
  's2',
  's2-doc',
  's3',
  's3-doc',
  'open',
  'storm',
  'memory',
  'page',
  'signin',
  'guard',
  'soak',
  'search',
  'startup',
  'cluster',
] as const;
export type BenchPart = (typeof BENCH_PARTS)[number];

/**
 * Parts that run only when --only names them: generating and indexing the
 * search archive takes longer than the rest of the bench together, the
 * start-up bench starts the server some twenty times over, and the soak
 * grows its meetings for minutes.
 */
const OPT_IN_PARTS: readonly BenchPart[] = ['soak', 'search', 'startup', 'cluster'];

const parts = (only: string) =>
  only
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

const kebab = (name: string) => name.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
const envName = (name: string) => `BENCH_${kebab(name).replace(/-/g, '_').toUpperCase()}`;

function coerce(name: string, raw: string, example: unknown): unknown {
  if (typeof example === 'boolean') {
    if (['1', 'true', 'on', 'yes', ''].includes(raw)) return true;
    if (['0', 'false', 'off', 'no'].includes(raw)) return false;
    throw new Error(`--${kebab(name)} expects true or false, got "${raw}"`);
  }
  if (typeof example === 'number') {
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${kebab(name)} expects a number ≥ 0, got "${raw}"`);
    return value;
  }
  return raw;
}

/** Reads the options from argv and the environment; throws on an unknown flag or a bad value. */
export function parseOptions(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchOptions {
  const options: Record<string, unknown> = { ...DEFAULT_OPTIONS };
  for (const name of Object.keys(DEFAULT_OPTIONS)) {
    const raw = env[envName(name)];
    if (raw !== undefined) options[name] = coerce(name, raw, DEFAULT_OPTIONS[name as keyof BenchOptions]);
  }
  const byFlag = new Map(Object.keys(DEFAULT_OPTIONS).map((name) => [`--${kebab(name)}`, name]));
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.includes('=')
      ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)]
      : [arg, undefined];
    if (flag === '-h') {
      options.help = true;
      continue;
    }
    const name = byFlag.get(flag) ?? (flag.startsWith('--no-') ? byFlag.get(`--${flag.slice(5)}`) : undefined);
    if (!name) throw new Error(`unknown flag ${flag} (see --help)`);
    const example = DEFAULT_OPTIONS[name as keyof BenchOptions];
    if (typeof example === 'boolean') {
      options[name] = flag.startsWith('--no-') ? false : inline === undefined ? true : coerce(name, inline, example);
    } else {
      const raw = inline ?? argv[++i];
      if (raw === undefined) throw new Error(`${flag} needs a value`);
      options[name] = coerce(name, raw, example);
    }
  }
  const unknown = parts(options.only as string).filter((p) => !(BENCH_PARTS as readonly string[]).includes(p));
  if (unknown.length > 0)
    throw new Error(`--only: unknown part ${unknown.join(', ')} (one of ${BENCH_PARTS.join(', ')})`);
  return options as unknown as BenchOptions;
}

/** Whether a part of the bench is selected by --only. */
export function selected(options: BenchOptions, part: BenchPart): boolean {
  if (!options.only) return !OPT_IN_PARTS.includes(part);
  return parts(options.only).includes(part);
}

export function usage(): string {
  const lines = Object.entries(DEFAULT_OPTIONS)
    .filter(([name]) => name !== 'help')
    .map(
      ([name, value]) => `  --${kebab(name).padEnd(22)} ${envName(name).padEnd(28)} default ${JSON.stringify(value)}`,
    );
  return [
    'npm run bench -- [flags]   (each flag also reads from the environment variable shown)',
    ...lines,
    `parts for --only: ${BENCH_PARTS.join(', ')}`,
  ].join('\n');
}
