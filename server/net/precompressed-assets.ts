import { createReadStream, readdirSync, statSync, type Dirent } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';

/** Where the build's scripts and stylesheets are served from, and where they lie. */
const STATIC_PREFIX = '/_next/static/';
const CONTENT_TYPES: Record<string, string> = {
  '.js': 'application/javascript; charset=UTF-8',
  '.css': 'text/css; charset=UTF-8',
};
/** As Next serves the build's files: their names change with their content. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

export interface PrecompressedAssets {
  /** Answers a request for a build file with its Brotli copy when the browser takes Brotli; false otherwise. */
  serve(req: IncomingMessage, res: ServerResponse, pathname: string): boolean;
  /** How many files have a Brotli copy. */
  readonly count: number;
}

/** Whether an Accept-Encoding header admits Brotli ("br", and not with q=0). */
export function acceptsBrotli(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    if (name?.trim().toLowerCase() !== 'br') return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return q === undefined || Number(q.slice(2)) > 0;
  });
}

/**
 * The Brotli copies `npm run build` wrote beside the build's scripts and
 * stylesheets (server/precompress-assets.mjs), sent instead of Next's gzip
 * to browsers that accept Brotli. Only files listed when the server started
 * are served, by their exact path under .next/static: a request cannot name
 * anything else. Without copies (a build from before, development) every
 * request goes on to Next as before.
 */
export function precompressedAssets(staticDir: string): PrecompressedAssets {
  const copies = new Map<string, { file: string; bytes: number; type: string }>();
  let entries: Dirent[] = [];
  try {
    entries = readdirSync(staticDir, { withFileTypes: true, recursive: true });
  } catch {
    // No build yet: nothing to serve.
  }
  for (const entry of entries) {
    if (!entry.isFile() || !entry.name.endsWith('.br')) continue;
    const file = path.join(entry.parentPath ?? entry.path, entry.name);
    const original = file.slice(0, -'.br'.length);
    const type = CONTENT_TYPES[path.extname(original)];
    if (!type) continue;
    const url = STATIC_PREFIX + path.relative(staticDir, original).split(path.sep).join('/');
    copies.set(url, { file, bytes: statSync(file).size, type });
  }

  return {
    count: copies.size,
    serve(req, res, pathname) {
      if (req.method !== 'GET' && req.method !== 'HEAD') return false;
      const copy = copies.get(pathname);
      if (!copy || !acceptsBrotli(req.headers['accept-encoding'])) return false;
      res.writeHead(200, {
        'content-type': copy.type,
        'content-encoding': 'br',
        'content-length': copy.bytes,
        'cache-control': IMMUTABLE,
        vary: 'Accept-Encoding',
      });
      if (req.method === 'HEAD') res.end();
      else createReadStream(copy.file).pipe(res);
      return true;
    },
  };
}
