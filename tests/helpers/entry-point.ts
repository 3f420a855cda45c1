import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The two programs of a checkout, as source and as compiled by server/build-server.mjs. */
export const ENTRY_POINTS = {
  server: { source: 'server/main.ts', compiled: 'dist/server/main.js' },
  cli: { source: 'server/cli/main.ts', compiled: 'dist/server/cli/main.js' },
} as const;

export type EntryPoint = keyof typeof ENTRY_POINTS;

/**
 * Whether the compiled bundle of an entry point in the checkout at `root` was
 * built from its files as they are now: the bundle exists, and every source
 * listed in the meta.json beside it exists and is not newer than it.
 */
export function isCompiledFresh(root: string, entry: EntryPoint): boolean {
  const bundle = path.join(root, ENTRY_POINTS[entry].compiled);
  const meta = path.join(path.dirname(bundle), 'meta.json');
  if (!existsSync(bundle) || !existsSync(meta)) return false;
  const builtAt = statSync(bundle).mtimeMs;
  const { sources } = JSON.parse(readFileSync(meta, 'utf8')) as { sources: string[] };
  return sources.every((source) => {
    const file = path.join(root, source);
    return existsSync(file) && statSync(file).mtimeMs <= builtAt;
  });
}

/**
 * The environment `npm start` of the checkout at `root` sets for the server:
 * the `NAME=value` words that begin its start script (NODE_ENV, and the C
 * allocator's setting README "What production runs" explains). Tests and the bench
 * start the server with them, so they measure the process operators run.
 */
export function startScriptEnv(root: string): Record<string, string> {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const env: Record<string, string> = {};
  for (const word of (manifest.scripts?.start ?? '').trim().split(/\s+/)) {
    const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=(\S*)$/.exec(word);
    if (!assignment) break;
    env[assignment[1]!] = assignment[2]!;
  }
  return env;
}

/** Node's arguments for the compiled bundle of an entry point, as `npm start` and `npm run cli` give them. */
export const compiledArgs = (entry: EntryPoint): string[] => ['--enable-source-maps', ENTRY_POINTS[entry].compiled];

/** Node's arguments for the source of an entry point under tsx, as `npm start` gave them before the server was compiled. */
export const sourceArgs = (entry: EntryPoint): string[] => ['--import', 'tsx', ENTRY_POINTS[entry].source];

/**
 * Node's arguments (from `root` as the working directory) for an entry point
 * of the checkout at `root`. Tests and the bench run what production runs,
 * the compiled bundle, whenever it is fresh: `npm test` builds first, so the
 * whole suite runs it. Otherwise they run the source under tsx, so that a test
 * run right after an edit tests the edit without a rebuild, and the bench's
 * --server-dir still runs checkouts from before the server was compiled (they
 * have no dist/). Node with the tsx loader rather than the tsx wrapper: one
 * process, so a signal reaches the program itself.
 */
export function entryPointArgs(root: string, entry: EntryPoint): { args: string[]; compiled: boolean } {
  const compiled = isCompiledFresh(root, entry);
  return { args: compiled ? compiledArgs(entry) : sourceArgs(entry), compiled };
}
