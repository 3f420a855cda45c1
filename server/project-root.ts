import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

/**
 * The checkout the server runs from: the nearest directory above this module
 * that holds next.config.js (the directory Next.js is given as `dir`). The
 * files the server reads at run time (public/, .next/, server/templates/) are
 * found from here, never from the working directory. Searched rather than
 * counted: this module is server/project-root.ts under tsx and part of
 * dist/server/main.js (or dist/server/cli/main.js) once compiled, where
 * import.meta.url is the bundle's.
 */
export function projectRoot(): string {
  if (root !== undefined) return root;
  const start = path.dirname(fileURLToPath(import.meta.url));
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'next.config.js'))) return (root = dir);
    if (path.dirname(dir) === dir) throw new Error(`no next.config.js in ${start} or any directory above it`);
  }
}
