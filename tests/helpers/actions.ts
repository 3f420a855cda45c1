import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { PROJECT_ROOT } from './server';

/**
 * Server actions called over HTTP exactly as a browser calls them (or as
 * anyone can forge a form post): POST to a page that hosts the action, with
 * the action's id in the Next-Action header and the arguments encoded by
 * React's own encodeReply. The id comes from the build's manifest, so a test
 * names actions by their exported name.
 */

// Next's compiled copy of React's flight client, the one the browser bundle uses, for encoding arguments.
const flight = createRequire(path.join(PROJECT_ROOT, 'package.json'))(
  'next/dist/compiled/react-server-dom-turbopack/client.node',
) as { encodeReply(value: unknown): Promise<string | FormData> };

/**
 * The action's value from a flight response ("<id>:<json>" rows; row 0 is
 * `{ a: "$@<id>", … }`). Read by hand rather than by React's decoder, which
 * would need the build's client modules for the page a refresh() renders
 * alongside. Plain JSON values are all actions here return.
 */
function actionValue(payload: string): unknown {
  const rows = new Map<string, string>();
  for (const line of payload.split('\n')) {
    const match = /^([0-9a-f]+):(.*)$/.exec(line);
    if (match && /^[[{"\dtfn-]/.test(match[2]!)) rows.set(match[1]!, match[2]!);
  }
  const resolve = (value: unknown): unknown => {
    if (typeof value === 'string') {
      if (value === '$undefined') return undefined;
      if (value.startsWith('$$')) return value.slice(1);
      const ref = /^\$@?([0-9a-f]+)$/.exec(value);
      if (ref && rows.has(ref[1]!)) return resolve(JSON.parse(rows.get(ref[1]!)!));
      return value;
    }
    if (Array.isArray(value)) return value.map(resolve);
    if (value && typeof value === 'object')
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    return value;
  };
  const root = rows.get('0');
  if (!root) return undefined;
  const parsed = JSON.parse(root) as { a?: unknown };
  return 'a' in parsed ? resolve(parsed.a) : undefined;
}

interface ManifestEntry {
  exportedName: string;
  filename: string;
  workers: Record<string, unknown>;
}

export interface ServerActionInfo {
  id: string;
  exportedName: string;
  filename: string;
  /** The pages (App Router entries, e.g. "app/meetings/[meetingId]/page") that host the action. */
  pages: string[];
}

/** Every server action of the last build. */
export function serverActions(): ServerActionInfo[] {
  const manifest = JSON.parse(
    readFileSync(path.join(PROJECT_ROOT, '.next/server/server-reference-manifest.json'), 'utf8'),
  ) as { node: Record<string, ManifestEntry> };
  return Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    exportedName: entry.exportedName,
    filename: entry.filename,
    pages: Object.keys(entry.workers),
  }));
}

export interface ActionCall {
  /** HTTP status of the POST. */
  status: number;
  /** The action's return value, decoded; undefined when the response carried none (a redirect, an error page). */
  result: unknown;
  /** Where the action redirected to, if it did. */
  redirect: string | null;
}

/**
 * Calls action `exportedName` with `args` (bound arguments first, as
 * `.bind` sends them) from page `pagePath`, as the holder of `cookie`.
 */
export async function callAction(
  baseUrl: string,
  cookie: string | null,
  exportedName: string,
  pagePath: string,
  args: unknown[],
): Promise<ActionCall> {
  const action = serverActions().find((a) => a.exportedName === exportedName);
  if (!action) throw new Error(`no server action named ${exportedName} in the build`);
  const body = await flight.encodeReply(args);
  const headers: Record<string, string> = {
    'Next-Action': action.id,
    Accept: 'text/x-component',
    Origin: baseUrl,
  };
  if (cookie) headers.Cookie = cookie;
  if (typeof body === 'string') headers['Content-Type'] = 'text/plain;charset=UTF-8';
  const response = await fetch(`${baseUrl}${pagePath}`, { method: 'POST', headers, body, redirect: 'manual' });
  const redirect = response.headers.get('x-action-redirect') ?? response.headers.get('location');
  const type = response.headers.get('content-type') ?? '';
  // A redirecting action answers with the next page's payload, not with a value.
  if (redirect || !type.includes('text/x-component') || !response.body) {
    await response.arrayBuffer();
    return { status: response.status, result: undefined, redirect: redirect?.split(';')[0] ?? null };
  }
  return { status: response.status, result: actionValue(await response.text()), redirect: null };
}
