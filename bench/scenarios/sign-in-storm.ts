import { Agent, get } from 'node:http';
import { signIn } from '../../tests/helpers/session';
import { percentiles, Samples, sleep, untilQuiet, type Percentiles } from '../measure';
import type { OurServer } from '../servers';

/** How often the probe asks /healthz on an open connection, whether or not earlier probes were answered. */
const PROBE_INTERVAL_MS = 10;
/** Connections the probe opens beforehand and takes in turn: a second of probes before one has to wait for another. */
const PROBE_CONNECTIONS = 100;
/** How often a probe on a connection of its own asks /healthz. */
const FRESH_PROBE_INTERVAL_MS = 50;
/** Probing before the storm is sent, and after its last answer. */
const LEAD_MS = 200;
const TAIL_MS = 500;
/** Probing of the idle server, for reference. */
const IDLE_PROBE_MS = 2000;
/** A storm whose answers take longer than this fails the part. */
const STORM_TIMEOUT_MS = 120_000;

/** The error next-auth reports when the server refused an attempt unchecked (lib/sign-in.ts, SIGN_IN_LIMITED). */
const LIMITED_ERROR = 'rate_limited';
/** The error next-auth reports when authorize() found no user for the email and password. */
const WRONG_PASSWORD_ERROR = 'CredentialsSignin';

/** How the server answered one attempt. */
export type SignInOutcome = 'wrongPassword' | 'limited' | 'signedIn' | 'other';

/**
 * Reads next-auth's answer to a credentials POST sent with json=true: a
 * session cookie means signed in; otherwise the JSON names the error page,
 * whose `error` says why: the password was checked and was wrong
 * (CredentialsSignin), or the limiter refused the attempt before checking it.
 */
export function classifySignIn(status: number, body: string, setCookies: readonly string[]): SignInOutcome {
  if (setCookies.some((c) => /^(__Secure-)?next-auth\.session-token=[^;]/.test(c))) return 'signedIn';
  let url: string | undefined;
  try {
    url = (JSON.parse(body) as { url?: unknown }).url as string | undefined;
  } catch {
    return 'other';
  }
  if (typeof url !== 'string' || status >= 500) return 'other';
  const error = new URL(url, 'http://localhost').searchParams.get('error');
  if (error === WRONG_PASSWORD_ERROR) return 'wrongPassword';
  if (error === LIMITED_ERROR) return 'limited';
  return 'other';
}

/**
 * Times round trips of GET /healthz, one every PROBE_INTERVAL_MS whatever
 * the earlier ones are doing: /healthz is answered by the server's own HTTP
 * handler before Next, on the event loop every meeting shares, so its round
 * trip is how long that loop keeps other work waiting. Probes that pile up
 * behind a busy loop each count the wait they saw. The probes go over
 * PROBE_CONNECTIONS connections opened beforehand, in turn, so that the
 * figure is the event loop's and not a new connection's.
 *
 * Alongside, one probe every FRESH_PROBE_INTERVAL_MS opens a connection of
 * its own, as a browser arriving during the storm does (a page, a
 * websocket): that round trip includes the server accepting the connection.
 */
class LoopProbe {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: PROBE_CONNECTIONS, scheduling: 'fifo' });
  readonly kept = new Samples();
  readonly fresh = new Samples();
  private readonly pending = new Set<Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  failures = 0;

  constructor(private readonly url: string) {}

  /** Opens the connections, then probes until stop(). */
  async start(): Promise<void> {
    const opening = new Samples();
    await Promise.all(Array.from({ length: PROBE_CONNECTIONS }, () => this.ask(this.agent, opening)));
    this.timers = [
      setInterval(() => void this.ask(this.agent, this.kept), PROBE_INTERVAL_MS),
      setInterval(() => void this.ask(false, this.fresh), FRESH_PROBE_INTERVAL_MS),
    ];
  }

  private ask(agent: Agent | false, into: Samples): Promise<void> {
    const started = performance.now();
    const done = new Promise<void>((resolve) => {
      const req = get(`${this.url}/healthz`, { agent }, (res) => {
        res.resume();
        res.once('end', () => {
          if (res.statusCode === 200) into.push(performance.now() - started);
          else this.failures++;
          resolve();
        });
      });
      req.once('error', () => {
        this.failures++;
        resolve();
      });
    });
    this.pending.add(done);
    void done.then(() => this.pending.delete(done));
    return done;
  }

  /** Stops probing and waits for the probes in flight. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    await Promise.all(this.pending);
    this.agent.destroy();
  }
}

async function probeIdle(server: OurServer, ms: number): Promise<LoopProbe> {
  const probe = new LoopProbe(server.url);
  await probe.start();
  await sleep(ms);
  await probe.stop();
  return probe;
}

/** One browser about to sign in: the CSRF token and cookie it got with the sign-in page. */
interface Prepared {
  csrfToken: string;
  cookie: string;
}

async function prepare(server: OurServer, address: string): Promise<Prepared> {
  const response = await fetch(`${server.url}/api/auth/csrf`, { headers: { 'x-forwarded-for': address } });
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
  return { csrfToken, cookie };
}

/** next-auth's real credentials endpoint, as the sign-in form posts to it (tests/helpers/session.ts). */
async function attempt(
  server: OurServer,
  prepared: Prepared,
  email: string,
  password: string,
  address: string,
): Promise<{ outcome: SignInOutcome; detail: string }> {
  const response = await fetch(`${server.url}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: prepared.cookie,
      'x-forwarded-for': address,
    },
    // `login` since members sign in with a phone too; `email` for a checkout from before (--server-dir).
    body: new URLSearchParams({ csrfToken: prepared.csrfToken, login: email, email, password, json: 'true' }),
    signal: AbortSignal.timeout(STORM_TIMEOUT_MS),
  });
  const body = await response.text();
  const outcome = classifySignIn(response.status, body, response.headers.getSetCookie());
  return { outcome, detail: `${response.status} ${body.slice(0, 120)}` };
}

export interface SignInStormRun {
  round: number;
  /** The client address the storm came from (X-Forwarded-For; the bench is the server's trusted proxy). */
  address: string;
  /** Distinct accounts the attempts went to. */
  accounts: number;
  attempts: number;
  /** All attempts sent at once → the last one answered (ms). */
  allAnsweredMs: number;
  /** Per attempt, sent → answered (ms). */
  answerMs: Percentiles;
  /** Answered "wrong password": the password was checked against the account's stored hash. */
  checked: number;
  /** Refused by the sign-in limit before any hashing. */
  limited: number;
  /** Anything else (a sign-in, an error); `details` says what. */
  other: number;
  details: string[];
  /** /healthz round trips on open connections from LEAD_MS before the storm to TAIL_MS after its last answer. */
  probeMs: Percentiles;
  /** The same on a new connection each. */
  freshProbeMs: Percentiles;
  probeFailures: number;
  /** Server CPU from the storm sent to its last answer. */
  serverCpuMs: number;
  /**
   * One more wrong password for the storm's first account from the same
   * address, once the storm and its tail are over: whether the limit is now
   * in force (outside the measured window).
   */
  nextAttempt: SignInOutcome;
}

/** The documentation range 198.51.100.0/24 (RFC 5737): a fresh client address per storm. */
let storms = 0;
const nextAddress = () => `198.51.100.${1 + (storms++ % 254)}`;

/**
 * One storm: `emails[i]` gets a wrong password, every attempt sent at once
 * from one fresh address, while the probe runs.
 */
async function storm(
  server: OurServer,
  emails: readonly string[],
  round: number,
): Promise<{ run: SignInStormRun; probe: LoopProbe }> {
  const address = nextAddress();
  // Each attempt is a browser that loaded the sign-in page first; that is not part of the storm.
  const prepared: Prepared[] = [];
  for (let i = 0; i < emails.length; i++) prepared.push(await prepare(server, address));
  await untilQuiet(() => server.cpuMs(), 5000);

  const probe = new LoopProbe(server.url);
  await probe.start();
  await sleep(LEAD_MS);
  const cpu0 = server.cpuMs();
  const sent = performance.now();
  const answers = await Promise.all(
    emails.map(async (email, i) => {
      const answer = await attempt(server, prepared[i]!, email, `wrong password ${round}.${i}`, address);
      return { ...answer, ms: performance.now() - sent };
    }),
  );
  const allAnsweredMs = performance.now() - sent;
  const cpu1 = server.cpuMs();
  await sleep(TAIL_MS);
  await probe.stop();
  const next = await attempt(server, await prepare(server, address), emails[0]!, 'one more', address);

  const count = (outcome: SignInOutcome) => answers.filter((a) => a.outcome === outcome).length;
  const odd = answers.filter((a) => a.outcome === 'signedIn' || a.outcome === 'other');
  const run: SignInStormRun = {
    round,
    address,
    accounts: new Set(emails).size,
    attempts: emails.length,
    allAnsweredMs,
    answerMs: percentiles(answers.map((a) => a.ms)),
    checked: count('wrongPassword'),
    limited: count('limited'),
    other: odd.length,
    details: [...new Set(odd.map((a) => `${a.outcome}: ${a.detail}`))].slice(0, 5),
    probeMs: probe.kept.summary(),
    freshProbeMs: probe.fresh.summary(),
    probeFailures: probe.failures,
    serverCpuMs: cpu1.user - cpu0.user + (cpu1.system - cpu0.system),
    nextAttempt: next.outcome,
  };
  return { run, probe };
}

export interface SignInCaseResult {
  title: string;
  /** /healthz round trips of every storm of the case, pooled: on open connections, and on a new one each. */
  probeMs: Percentiles;
  freshProbeMs: Percentiles;
  /** Storm sent → last answer, per round (ms). */
  allAnsweredMs: number[];
  /** Attempts of every round: checked against a hash, refused by the limit, other. */
  checked: number;
  limited: number;
  other: number;
  runs: SignInStormRun[];
}

export interface SignInStormResult {
  attempts: number;
  rounds: number;
  /** What the product stored for the accounts' passwords, up to the salt. */
  passwordHashKind: string;
  probeIntervalMs: number;
  freshProbeIntervalMs: number;
  /** /healthz round trips of the idle server (IDLE_PROBE_MS per round), pooled. */
  idleProbeMs: Percentiles;
  idleFreshProbeMs: Percentiles;
  /** `attempts` wrong passwords for as many different accounts: the hashing is the cost. */
  distinctAccounts: SignInCaseResult;
  /** `attempts` wrong passwords for one account: the per-account limit may refuse some unchecked. */
  oneAccount: SignInCaseResult;
}

interface Pooled {
  runs: SignInStormRun[];
  kept: Samples;
  fresh: Samples;
}

function pooled(title: string, { runs, kept, fresh }: Pooled): SignInCaseResult {
  return {
    title,
    probeMs: kept.summary(),
    freshProbeMs: fresh.summary(),
    allAnsweredMs: runs.map((r) => r.allAnsweredMs),
    checked: runs.reduce((n, r) => n + r.checked, 0),
    limited: runs.reduce((n, r) => n + r.limited, 0),
    other: runs.reduce((n, r) => n + r.other, 0),
    runs,
  };
}

/**
 * Sign-in storms against our server with its pages on: each round probes
 * the idle server, then sends `attempts` wrong-password sign-ins at once
 * through next-auth's credentials endpoint for as many different accounts,
 * then as many for one account. Every storm uses accounts no earlier storm
 * touched and an address of its own, so no limit carries over from one storm
 * to the next: `emails` needs rounds × (attempts + 1) existing accounts.
 * `member` (another account, with its right password) signs in once first,
 * so that no storm pays for loading the sign-in code (Next loads a route's
 * modules on its first request).
 */
export async function runSignInStorm(
  server: OurServer,
  emails: readonly string[],
  member: { email: string; password: string },
  attempts: number,
  rounds: number,
  passwordHashKind: string,
): Promise<SignInStormResult> {
  if (emails.length < rounds * (attempts + 1)) throw new Error(`${rounds * (attempts + 1)} accounts needed`);
  if (!(await signIn(server.url, member.email, member.password))) throw new Error(`${member.email} cannot sign in`);
  const fresh = (): Pooled => ({ runs: [], kept: new Samples(), fresh: new Samples() });
  const idle = fresh();
  const cases = { distinct: fresh(), one: fresh() };
  const record = (into: Pooled, { run, probe }: { run?: SignInStormRun; probe: LoopProbe }) => {
    if (run) into.runs.push(run);
    into.kept.pushAll(probe.kept);
    into.fresh.pushAll(probe.fresh);
  };
  for (let round = 1; round <= rounds; round++) {
    await untilQuiet(() => server.cpuMs(), 5000);
    record(idle, { probe: await probeIdle(server, IDLE_PROBE_MS) });
    const first = (round - 1) * attempts;
    record(cases.distinct, await storm(server, emails.slice(first, first + attempts), round));
    const oneAccount = emails[rounds * attempts + round - 1]!;
    record(cases.one, await storm(server, Array<string>(attempts).fill(oneAccount), round));
  }
  return {
    attempts,
    rounds,
    passwordHashKind,
    probeIntervalMs: PROBE_INTERVAL_MS,
    freshProbeIntervalMs: FRESH_PROBE_INTERVAL_MS,
    idleProbeMs: idle.kept.summary(),
    idleFreshProbeMs: idle.fresh.summary(),
    distinctAccounts: pooled(`${attempts} accounts`, cases.distinct),
    oneAccount: pooled('one account', cases.one),
  };
}
