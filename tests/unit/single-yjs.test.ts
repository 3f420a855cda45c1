import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../helpers/server';

/** Every installed copy of a package under node_modules, at any depth. */
function installedCopies(name: string, dir = path.join(PROJECT_ROOT, 'node_modules')): string[] {
  const found: string[] = [];
  if (!existsSync(dir)) return found;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const full = path.join(dir, entry.name);
    if (entry.name.startsWith('@')) {
      found.push(...installedCopies(name, full));
      continue;
    }
    const manifest = path.join(full, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === name) {
      found.push(full);
    }
    found.push(...installedCopies(name, path.join(full, 'node_modules')));
  }
  return found;
}

describe('dependency tree', () => {
  it('holds exactly one copy of yjs 13', () => {
    const copies = installedCopies('yjs');
    expect(copies).toHaveLength(1);
    const version = (JSON.parse(readFileSync(path.join(copies[0]!, 'package.json'), 'utf8')) as { version: string })
      .version;
    expect(version).toMatch(/^13\./);
  });
});
