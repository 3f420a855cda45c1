/**
 * Compiles the server (server/main.ts) and the operator CLI
 * (server/cli/main.ts) into dist/server/ with esbuild, so that production
 * runs plain JavaScript: no TypeScript compiler and no tsx at run time.
 * `npm run build` runs it after `next build`.
 *
 * Our own modules are bundled; every package from node_modules stays an
 * import resolved at run time (`packages: 'external'`). Native addons
 * (better-sqlite3, @node-rs/argon2) cannot be bundled, and yjs must be the one
 * copy in node_modules: a second, bundled copy would break Yjs's constructor
 * checks. Beside each bundle, meta.json lists the files it was built from
 * (tests and the bench use it to tell whether the bundle is older than the
 * source).
 */
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'dist', 'server');
// Built beside it and then moved into place, so that a process started meanwhile finds the old
// bundles or none (tests then run the source), never half of a new one.
const building = path.join(root, 'dist', `.server-${process.pid}`);

/** Source entry → bundle under dist/server/. */
const ENTRIES = [
  { in: 'server/main.ts', out: 'main' },
  { in: 'server/cli/main.ts', out: 'cli/main' },
];

rmSync(building, { recursive: true, force: true });
try {
  for (const entry of ENTRIES) {
    // One build per entry and no shared chunks: each bundle is one file with its own list of sources.
    const result = await build({
      absWorkingDir: root,
      entryPoints: [entry],
      outdir: building,
      bundle: true,
      packages: 'external',
      platform: 'node',
      format: 'esm',
      target: 'node20',
      sourcemap: 'linked',
      // Stack traces need the map's line table, not a copy of every source file.
      sourcesContent: false,
      metafile: true,
      logLevel: 'warning',
    });
    const bundle = path.join(building, `${entry.out}.js`);
    const sources = Object.keys(result.metafile.inputs).sort();
    const meta = { entry: entry.in, sources };
    writeFileSync(path.join(path.dirname(bundle), 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
    const kib = (result.metafile.outputs[path.relative(root, bundle)]?.bytes ?? 0) / 1024;
    process.stdout.write(`dist/server/${entry.out}.js: ${sources.length} source files, ${kib.toFixed(0)} KiB\n`);
  }
  rmSync(target, { recursive: true, force: true });
  renameSync(building, target);
} finally {
  rmSync(building, { recursive: true, force: true });
}
