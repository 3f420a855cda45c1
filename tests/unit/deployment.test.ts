import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { isIP } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEFAULT_SIGN_IN_LIMITS } from '../../server/auth/sign-in-limiter';
import { DEFAULT_LIMITS, limitsFromEnv } from '../../server/collab/limits';
import { loadConfig } from '../../server/config';
import { startScriptEnv } from '../helpers/entry-point';

/**
 * The container deployment (Dockerfile, compose.yaml, Caddyfile) and the README's section on reverse
 * proxies state facts about the server that nothing else checks: its commands, its settings, its
 * timeouts. Each is read here from the file that owns it, so that a change on either side shows.
 */

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(path.join(ROOT, file), 'utf8');

// ---- a plain reader for the YAML compose.yaml is written in ----------------------------------------

type Yaml = string | Yaml[] | { [key: string]: Yaml };
type Line = { indent: number; text: string; number: number };

/** The line without its comment (a # at the start or after a space, outside quotes). */
function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return line.slice(0, i);
  }
  return line;
}

/** Splits a flow sequence's inside on the commas between items. */
function splitFlow(inside: string): string[] {
  const items: string[] = [];
  let quote: string | null = null;
  let current = '';
  for (const c of inside) {
    if (quote) {
      if (c === quote) quote = null;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === ',') {
      items.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (current.trim()) items.push(current);
  return items.map((item) => item.trim());
}

function scalar(raw: string, line: Line): Yaml {
  const text = raw.trim();
  if (text.startsWith('[')) {
    if (!text.endsWith(']')) throw new Error(`line ${line.number}: unfinished flow sequence`);
    return splitFlow(text.slice(1, -1)).map((item) => scalar(item, line));
  }
  if (text.startsWith("'")) return text.slice(1, -1).replaceAll("''", "'");
  if (text.startsWith('"')) return JSON.parse(text) as string;
  // What this reader does not know must not pass for a string.
  if (/^[&*|>{!]/.test(text) || text.startsWith('<<')) throw new Error(`line ${line.number}: unsupported "${text}"`);
  return text;
}

/** `key: value` → [key, value]; the value is '' when the entry opens a block. */
function entry(text: string, line: Line): [string, string] {
  const match = /^('[^']*'|"[^"]*"|[^\s'"][^:]*?):(?:\s+(.*))?$/.exec(text);
  if (!match) throw new Error(`line ${line.number}: not a "key: value" entry: ${text}`);
  if (match[1]!.startsWith('<<')) throw new Error(`line ${line.number}: merge keys are not supported`);
  return [scalar(match[1]!, line) as string, match[2] ?? ''];
}

/**
 * Block mappings, block sequences, plain and quoted scalars and flow sequences of scalars: what
 * compose.yaml uses. Anything else (anchors, merge keys, block scalars, flow mappings) throws, so the
 * file cannot grow past what this test reads.
 */
function parseYaml(source: string): Yaml {
  const lines: Line[] = [];
  const raw = source.split('\n');
  for (let i = 0; i < raw.length; i++) {
    if (raw[i]!.includes('\t')) throw new Error(`line ${i + 1}: tab`);
    let text = stripComment(raw[i]!).trimEnd();
    const number = i + 1;
    if (!text.trim()) continue;
    // A flow sequence over several lines becomes one line.
    const open = (s: string) => (s.match(/\[/g) ?? []).length - (s.match(/\]/g) ?? []).length;
    while (open(text) > 0 && i + 1 < raw.length) text += ' ' + stripComment(raw[++i]!).trim();
    lines.push({ indent: text.length - text.trimStart().length, text: text.trim(), number });
  }
  let at = 0;

  function block(indent: number): Yaml {
    const first = lines[at]!;
    // A flow sequence on the lines under its key.
    if (first.text.startsWith('[')) return scalar(lines[at++]!.text, first);
    if (first.text === '-' || first.text.startsWith('- ')) {
      const items: Yaml[] = [];
      while (at < lines.length && lines[at]!.indent === indent && lines[at]!.text.startsWith('-')) {
        const line = lines[at]!;
        const rest = line.text.slice(1).trim();
        if (!rest) throw new Error(`line ${line.number}: a list item must be on its dash's line`);
        if (/^('[^']*'|"[^"]*"|[^\s'"[][^:]*?):(\s|$)/.test(rest)) {
          // "- key: value": a mapping whose other keys sit under the first.
          lines[at] = { indent: indent + 2, text: rest, number: line.number };
          items.push(mapping(indent + 2));
        } else {
          at++;
          items.push(scalar(rest, line));
        }
      }
      return items;
    }
    return mapping(indent);
  }

  function mapping(indent: number): Yaml {
    const map: { [key: string]: Yaml } = {};
    while (at < lines.length && lines[at]!.indent === indent) {
      const line = lines[at++]!;
      const [key, value] = entry(line.text, line);
      if (key in map) throw new Error(`line ${line.number}: "${key}" twice`);
      if (value !== '') map[key] = scalar(value, line);
      else if (at < lines.length && lines[at]!.indent > indent) map[key] = block(lines[at]!.indent);
      else map[key] = '';
    }
    if (at < lines.length && lines[at]!.indent > indent)
      throw new Error(`line ${lines[at]!.number}: unexpected indentation`);
    return map;
  }

  const document = block(0);
  if (at !== lines.length) throw new Error(`line ${lines[at]!.number}: not read`);
  return document;
}

const asMap = (value: Yaml | undefined, what: string): { [key: string]: Yaml } => {
  if (value === undefined || typeof value === 'string' || Array.isArray(value))
    throw new Error(`${what}: not a mapping`);
  return value;
};
const asList = (value: Yaml | undefined, what: string): Yaml[] => {
  if (!Array.isArray(value)) throw new Error(`${what}: not a list`);
  return value;
};
const asString = (value: Yaml | undefined, what: string): string => {
  if (typeof value !== 'string') throw new Error(`${what}: not a string`);
  return value;
};

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}. */
function interpolate(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g, (_, name: string, colon, kind, arg) => {
    const value = env[name];
    const missing = value === undefined || (colon === ':' && value === '');
    if (kind === '?' && missing) throw new Error(`${name}: ${arg}`);
    if (kind === '-' && missing) return arg as string;
    return value ?? '';
  });
}

/** Go's and compose's durations (1m30s, 500ms, 2m) and nginx's (120s, 2m, or plain seconds), in ms. */
function durationMs(text: string): number {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) throw new Error(`not a duration: ${text}`);
  return parts.reduce((sum, [, n, unit]) => sum + Number(n) * units[unit!]!, 0);
}

// ---- the files --------------------------------------------------------------------------------------

const readme = read('README.md');
const dockerfile = read('Dockerfile');
const compose = asMap(parseYaml(read('compose.yaml')), 'compose.yaml');
const caddyfile = read('Caddyfile')
  .split('\n')
  .map((line) => stripComment(line).trim())
  .filter(Boolean)
  .join('\n');

/** The secrets a deployment puts in .env, as examples. */
const DOT_ENV = { NEXTAUTH_SECRET: 'k'.repeat(44), POSTGRES_PASSWORD: '0123456789abcdef' };

const services = asMap(compose.services, 'services');
const appNames = Object.keys(services).filter((name) => /^app\d+$/.test(name));
const proxy = asMap(services.proxy, 'services.proxy');

function environmentOf(name: string, env: Record<string, string | undefined> = DOT_ENV): Record<string, string> {
  const environment = asMap(asMap(services[name], name).environment, `${name}.environment`);
  return Object.fromEntries(
    Object.entries(environment).map(([key, value]) => [key, interpolate(asString(value, key), env)]),
  );
}

/** The Dockerfile's instructions, continuation lines joined, comments left out, by stage. */
function dockerStages(): { from: string; instructions: { keyword: string; args: string }[] }[] {
  const joined = dockerfile
    .split('\n')
    .filter((line) => !line.trim().startsWith('#'))
    .join('\n')
    .replace(/\\\n/g, ' ');
  const stages: { from: string; instructions: { keyword: string; args: string }[] }[] = [];
  for (const line of joined.split('\n')) {
    const match = /^\s*([A-Z]+)\s+(.*)$/.exec(line);
    if (!match) continue;
    const [, keyword, args] = match as unknown as [string, string, string];
    if (keyword === 'FROM') stages.push({ from: args.trim(), instructions: [] });
    else stages.at(-1)!.instructions.push({ keyword, args: args.trim() });
  }
  return stages;
}

/** The first ```bash block of a README section, as the commands of its && chain. */
function readmeCommands(heading: string): string[] {
  const start = readme.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`README has no "${heading}"`);
  const block = /```bash\n([\s\S]*?)```/.exec(readme.slice(start))![1]!;
  return block
    .trim()
    .split('&&')
    .map((command) => command.trim());
}

/** A README section: from its heading to the next heading of the same or a higher level (outside code). */
function readmeSection(heading: string): string {
  const level = heading.indexOf(' ');
  const lines = readme.split('\n');
  const start = lines.indexOf(heading);
  if (start === -1) throw new Error(`README has no "${heading}"`);
  let fenced = false;
  for (let i = start + 1; i < lines.length; i++) {
    if (lines[i]!.startsWith('```')) fenced = !fenced;
    else if (!fenced && new RegExp(`^#{1,${level}} `).test(lines[i]!)) return lines.slice(start + 1, i).join('\n');
  }
  return lines.slice(start + 1).join('\n');
}

/** Every variable server/config.ts validates, read from its zod schema, and the limits' variables. */
function knownVariables(): Set<string> {
  const source = read('server/config.ts');
  const schema = /const envSchema = z\.object\(\{([\s\S]*?)\n\}\);/.exec(source)![1]!;
  const keys = [...schema.matchAll(/^ {2}([A-Z][A-Z0-9_]*): z\b/gm)].map((m) => m[1]!);
  return new Set([
    ...keys,
    ...Object.keys(DEFAULT_LIMITS).map((key) => `COLLAB_${key}`),
    ...Object.keys(DEFAULT_SIGN_IN_LIMITS).map((key) => `SIGNIN_${key}`),
  ]);
}

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienban-deployment-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** The configuration an instance builds from these settings (`npm start` runs it with NODE_ENV=production). */
const configOf = (environment: Record<string, string | undefined>) =>
  loadConfig({ ...environment, NODE_ENV: 'production', DATA_DIR: dataDir });

// ---- the facts --------------------------------------------------------------------------------------

describe('the image is built and run with the README’s own commands', () => {
  const quickStart = readmeCommands('## Quick start');
  const stages = dockerStages();

  it('the README’s production commands are npm ci, npm run build, npm start', () => {
    expect(quickStart).toEqual(['npm ci', 'npm run build', 'npm start']);
  });

  it('the build stage runs the commands before the last, in order; the image runs the last', () => {
    const build = stages[0]!;
    const npmSteps = build.instructions
      .filter((i) => i.keyword === 'RUN')
      .flatMap((i) => i.args.split('&&').map((part) => part.trim()))
      .filter((command) => command.startsWith('npm ') && !command.startsWith('npm prune'));
    expect(npmSteps).toEqual(quickStart.slice(0, -1));
    const cmd = stages.at(-1)!.instructions.filter((i) => i.keyword === 'CMD');
    expect(cmd).toHaveLength(1);
    expect((JSON.parse(cmd[0]!.args) as string[]).join(' ')).toBe(quickStart.at(-1));
  });

  it('runs on the Node the project names, in both stages', () => {
    const engine = /(\d+)/.exec((JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node)![1];
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage.from).toMatch(new RegExp(`^node:${engine}-bookworm-slim\\b`));
  });

  it('the runtime stage holds what `npm start` runs and what the server reads, copied from the build', () => {
    const runtime = stages.at(-1)!;
    const copied = runtime.instructions
      .filter((i) => i.keyword === 'COPY')
      .flatMap((i) => {
        expect(i.args).toMatch(/^--from=build /);
        return i.args
          .replace(/^--from=build\s+/, '')
          .split(/\s+/)
          .slice(0, -1);
      })
      .map((source) => source.replace(/^\/app\//, ''));
    const start = (JSON.parse(read('package.json')) as { scripts: { start: string } }).scripts.start;
    const entry = /\s(\S+\.js)$/.exec(start)![1]!;
    expect(copied).toContain(entry.split('/')[0]);
    // What the server reads from its checkout (server/project-root.ts), the packages, the manifest.
    for (const needed of ['.next', 'public', 'server/templates', 'next.config.js', 'package.json', 'node_modules'])
      expect(copied).toContain(needed);
    // Each is in the repository or is made by the build.
    const built = new Set(['.next', 'dist', 'node_modules']);
    for (const source of copied) if (!built.has(source)) expect(statSync(path.join(ROOT, source))).toBeTruthy();
  });

  it('runs as a user other than root, stops on SIGTERM and reports liveness from /healthz', () => {
    const runtime = stages.at(-1)!.instructions;
    const user = runtime.filter((i) => i.keyword === 'USER').at(-1);
    expect(user?.args).toBeDefined();
    expect(user!.args).not.toMatch(/^(root|0)(:|$)/);
    expect(runtime.find((i) => i.keyword === 'STOPSIGNAL')?.args).toBe('SIGTERM');
    expect(runtime.find((i) => i.keyword === 'HEALTHCHECK')?.args).toMatch(/\/healthz/);
    // npm's script shell must hand SIGTERM to node (see the Dockerfile): bash replaces itself with it.
    const env = runtime.filter((i) => i.keyword === 'ENV').map((i) => i.args);
    expect(env.some((args) => /(^|\s)npm_config_script_shell=\/bin\/bash(\s|$)/.test(args))).toBe(true);
  });

  it('the build context leaves out what the build makes and the machine’s data, and keeps the source', () => {
    const patterns = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith('#'));
    const ignored = (file: string) =>
      patterns.some((pattern) =>
        new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*')}(/|$)`).test(file),
      );
    for (const file of ['node_modules', '.next', 'dist', 'data', '.env', '.git'])
      expect(ignored(file), file).toBe(true);
    const needed = ['app', 'components', 'lib', 'messages', 'public', 'server', 'server/templates'];
    for (const file of [...needed, 'package.json', 'package-lock.json', '.npmrc', 'next.config.js', 'tsconfig.json'])
      expect(ignored(file), file).toBe(false);
  });
});

describe('compose.yaml', () => {
  it('runs two instances, PostgreSQL, Redis and the proxy', () => {
    expect(appNames).toEqual(['app1', 'app2']);
    for (const name of ['postgres', 'redis', 'proxy']) expect(services).toHaveProperty(name);
  });

  it('sets only variables the server reads, each documented in the README', () => {
    const known = knownVariables();
    expect(known.has('TRUSTED_PROXIES') && known.has('COLLAB_PING_INTERVAL_MS')).toBe(true);
    const table = readmeSection('## Configuration');
    for (const name of appNames) {
      for (const variable of Object.keys(environmentOf(name))) {
        expect(known.has(variable), `${name}: ${variable} is not read by server/config.ts`).toBe(true);
        expect(table, variable).toMatch(new RegExp(`\`${variable}\``));
      }
    }
  });

  it('gives every instance settings the server accepts, the same but for INSTANCE_ID', () => {
    const [first, ...others] = appNames.map((name) => environmentOf(name));
    for (const environment of [first!, ...others]) {
      const config = configOf(environment);
      expect(config.databaseUrl).toMatch(/^postgres:\/\/bienban:0123456789abcdef@postgres:5432\/bienban$/);
      expect(config.redisUrl).toBe('redis://redis:6379');
      expect(config.authSecret).toBe(DOT_ENV.NEXTAUTH_SECRET);
    }
    const without = (env: Record<string, string>) => ({ ...env, INSTANCE_ID: undefined });
    for (const other of others) expect(without(other)).toEqual(without(first!));
    const ids = appNames.map((name) => environmentOf(name).INSTANCE_ID);
    expect(new Set(ids).size).toBe(appNames.length);
  });

  it('takes the secrets from .env and refuses to start without them', () => {
    for (const secret of Object.keys(DOT_ENV)) {
      const env: Record<string, string | undefined> = { ...DOT_ENV, [secret]: undefined };
      const users = [...appNames, 'postgres'].filter((name) =>
        Object.values(asMap(asMap(services[name], name).environment, name)).some((v) =>
          asString(v, name).includes(`\${${secret}`),
        ),
      );
      expect(users.length, secret).toBeGreaterThan(0);
      expect(() => users.forEach((name) => environmentOf(name, env)), secret).toThrow(secret);
    }
    expect(read('.gitignore').split('\n')).toContain('.env');
  });

  it('trusts the proxy’s fixed address, which lies in the network’s subnet, outside the range others get', () => {
    const address = asString(
      asMap(asMap(proxy.networks, 'proxy.networks').default, 'proxy.networks.default').ipv4_address,
      'ipv4_address',
    );
    expect(isIP(address)).toBe(4);
    for (const name of appNames) {
      const trusted = configOf(environmentOf(name)).trustedProxies;
      expect(trusted, name).toContain(address);
    }
    const ipam = asMap(asMap(asMap(compose.networks, 'networks').default, 'networks.default').ipam, 'ipam');
    const ipam0 = asMap(asList(ipam.config, 'ipam.config')[0], 'ipam.config[0]');
    const inside = (ip: string, cidr: string) => {
      const [base, bits] = cidr.split('/') as [string, string];
      const toInt = (a: string) => a.split('.').reduce((n, part) => n * 256 + Number(part), 0);
      const mask = 2 ** 32 - 2 ** (32 - Number(bits));
      return (toInt(ip) & mask) >>> 0 === (toInt(base) & mask) >>> 0;
    };
    expect(inside(address, asString(ipam0.subnet, 'subnet'))).toBe(true);
    expect(inside(address, asString(ipam0.ip_range, 'ip_range'))).toBe(false);
  });

  it('names the public origin the proxy serves, with or without BIENBAN_HOST', () => {
    // The site block: the first block that is not a snippet, "(name) {".
    const site = /^([^(\s]\S*) \{$/m.exec(caddyfile)![1]!;
    for (const host of [undefined, 'bienban.example.vn']) {
      const env = { ...DOT_ENV, BIENBAN_HOST: host };
      const proxyEnv = environmentOf('proxy', env);
      const served = site.replace(
        /\{\$([A-Z_]+)(?::([^}]*))?\}/g,
        (_, name: string, fallback?: string) => proxyEnv[name] || fallback || '',
      );
      for (const name of appNames) {
        const config = configOf(environmentOf(name, env));
        expect(config.publicUrl).toBe(`https://${served}`);
        expect(config.allowedOrigins).toContain(`https://${served}`);
      }
    }
  });

  it('reports instances healthy from /readyz and lets them shut down before it kills them', () => {
    const shutdownMs = Number(
      /const SHUTDOWN_TIMEOUT_MS = ([\d_]+);/.exec(read('server/main.ts'))![1]!.replaceAll('_', ''),
    );
    expect(shutdownMs).toBeGreaterThan(0);
    for (const name of appNames) {
      const service = asMap(services[name], name);
      const port = configOf(environmentOf(name)).port;
      const test = asList(asMap(service.healthcheck, `${name}.healthcheck`).test, 'test').join(' ');
      expect(test, name).toContain(`http://127.0.0.1:${port}/readyz`);
      expect(durationMs(asString(service.stop_grace_period, name)), name).toBeGreaterThan(shutdownMs);
    }
  });

  it('publishes only the proxy’s ports', () => {
    for (const [name, service] of Object.entries(services))
      if (name !== 'proxy') expect(asMap(service, name), name).not.toHaveProperty('ports');
    expect(asList(proxy.ports, 'proxy.ports')).toContain('443:443');
  });
});

describe('the proxy (Caddyfile)', () => {
  const limits = (name: string) => limitsFromEnv(environmentOf(name));

  it('proxies to every instance on the port it listens on, and routes on /readyz', () => {
    const routes = [...caddyfile.matchAll(/^reverse_proxy ([^{]+)\{$/gm)];
    expect(routes.length).toBeGreaterThan(0);
    const expected = appNames.map((name) => `${name}:${configOf(environmentOf(name)).port}`);
    // Each route names every instance, after its path matcher if it has one.
    for (const route of routes)
      expect(
        route[1]!
          .trim()
          .split(/\s+/)
          .filter((token) => !token.startsWith('/')),
      ).toEqual(expected);
    expect(caddyfile).toMatch(/^health_uri \/readyz$/m);
    expect(caddyfile).toMatch(/^health_status 200$/m);
  });

  it('answers /metrics itself, so the public never reaches an instance’s metrics', () => {
    expect(caddyfile).toMatch(/^respond \/metrics 40\d$/m);
  });

  it('waits longer for an instance than the instance stays silent on a websocket', () => {
    const timeouts = [...caddyfile.matchAll(/^(read_timeout|write_timeout|stream_timeout) (\S+)$/gm)];
    expect(timeouts.map((t) => t[1])).toContain('read_timeout');
    for (const name of appNames) {
      const { KEEPALIVE_AFTER_MS, PING_INTERVAL_MS } = limits(name);
      for (const [, option, value] of timeouts)
        expect(durationMs(value!), `${option} vs ${name}`).toBeGreaterThan(
          Math.max(KEEPALIVE_AFTER_MS, PING_INTERVAL_MS),
        );
    }
  });
});

describe('the README’s reverse proxy section', () => {
  const section = readmeSection('### Behind a TLS reverse proxy');
  const nginx = /```nginx\n([\s\S]*?)```/.exec(section)?.[1] ?? '';

  it('has an nginx example that upgrades websockets and forwards the client and the scheme', () => {
    expect(nginx).toMatch(/proxy_http_version 1\.1;/);
    expect(nginx).toMatch(/proxy_set_header Upgrade \$http_upgrade;/);
    expect(nginx).toMatch(/proxy_set_header Connection \$connection_upgrade;|proxy_set_header Connection "upgrade";/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-For \$(remote_addr|proxy_add_x_forwarded_for);/);
    expect(nginx).toMatch(/proxy_set_header X-Forwarded-Proto \$scheme;/);
    expect(nginx).toMatch(/location = \/metrics \{\s*return 404;\s*\}/);
  });

  it('whose timeouts outlast the server’s keep-alive and pings', () => {
    const { KEEPALIVE_AFTER_MS, PING_INTERVAL_MS } = DEFAULT_LIMITS;
    for (const option of ['proxy_read_timeout', 'proxy_send_timeout']) {
      const value = new RegExp(`${option} (\\S+);`).exec(nginx)?.[1];
      expect(value, option).toBeDefined();
      expect(durationMs(value!), option).toBeGreaterThan(Math.max(KEEPALIVE_AFTER_MS, PING_INTERVAL_MS));
    }
    // The prose names the same figures.
    expect(section).toContain(`${PING_INTERVAL_MS / 1000} s`);
    expect(section).toContain(`${KEEPALIVE_AFTER_MS / 1000} s`);
  });
});

describe('the reader of compose.yaml', () => {
  it('reads mappings, lists, quoted scalars, flow lists and comments, and refuses what it does not know', () => {
    const text = [
      'a:',
      '  b: "x # y" # comment',
      "  c: ['CMD', 'a, b',",
      '      "d"]',
      '  d:',
      '    - e: 1',
      '      f: 2',
      '    - g',
      'h: 30s',
    ].join('\n');
    expect(parseYaml(text)).toEqual({
      a: { b: 'x # y', c: ['CMD', 'a, b', 'd'], d: [{ e: '1', f: '2' }, 'g'] },
      h: '30s',
    });
    for (const bad of ['a: &x 1', 'a: *x', 'a:\n  <<: *x', 'a: |\n  x', 'a: {b: 1}', 'a: 1\na: 2', 'a:\n\tb: 1'])
      expect(() => parseYaml(bad), bad).toThrow();
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('120')).toBe(120_000);
    expect(() => durationMs('2 minutes')).toThrow();
    expect(interpolate('${A:-x}/${B}', { B: 'b' })).toBe('x/b');
    expect(() => interpolate('${A:?needed}', {})).toThrow('needed');
  });
});

describe('what `npm start` sets', () => {
  it('gives large allocations back to the system, and tests and the bench start the server with the same', () => {
    expect(startScriptEnv(ROOT)).toEqual({ NODE_ENV: 'production', MALLOC_MMAP_THRESHOLD_: '131072' });
    // The image starts the server through the same script.
    expect(read('Dockerfile')).toMatch(/^CMD \["npm", "start"\]$/m);
  });

  it('reads only the assignments that begin the start script', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'bienban-start-'));
    try {
      const write = (start: string | undefined) =>
        writeFileSync(
          path.join(dir, 'package.json'),
          JSON.stringify({ scripts: start === undefined ? {} : { start } }),
        );
      write('A=1 B_2=x node C=3 main.js');
      expect(startScriptEnv(dir)).toEqual({ A: '1', B_2: 'x' });
      write('node main.js');
      expect(startScriptEnv(dir)).toEqual({});
      write(undefined);
      expect(startScriptEnv(dir)).toEqual({});
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
