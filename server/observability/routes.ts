import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** The route label of a path no route serves: one value, whatever the path, so scanners cannot grow the metrics. */
export const UNMATCHED_ROUTE = 'unmatched';

/** Paths the HTTP server answers itself, before Next. */
const SERVER_ROUTES = ['/healthz', '/readyz', '/metrics'] as const;

/** Next's own files, each family under one label. */
const NEXT_ROUTES = [
  { pattern: '/_next/static/[...path]', label: '/_next/static' },
  { pattern: '/_next/image', label: '/_next/image' },
  { pattern: '/_next/[...path]', label: '/_next' },
];

type Segment =
  { kind: 'static'; value: string } | { kind: 'dynamic' } | { kind: 'catch-all' } | { kind: 'optional-catch-all' };

interface Route {
  label: string;
  segments: Segment[];
}

/** How broad a segment is: a path is given to the route whose segments are narrowest first, as Next does. */
const BREADTH: Record<Segment['kind'], number> = { static: 0, dynamic: 1, 'catch-all': 2, 'optional-catch-all': 3 };

function parsePattern(pattern: string, label = pattern): Route {
  const segments = pattern
    .split('/')
    .filter(Boolean)
    .map((part): Segment => {
      if (part.startsWith('[[...') && part.endsWith(']]')) return { kind: 'optional-catch-all' };
      if (part.startsWith('[...') && part.endsWith(']')) return { kind: 'catch-all' };
      if (part.startsWith('[') && part.endsWith(']')) return { kind: 'dynamic' };
      return { kind: 'static', value: part };
    });
  return { label, segments };
}

function compareRoutes(a: Route, b: Route): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let i = 0; i < length; i++) {
    const sa = a.segments[i];
    const sb = b.segments[i];
    if (!sa || !sb) return sa ? 1 : -1;
    const difference = BREADTH[sa.kind] - BREADTH[sb.kind];
    if (difference !== 0) return difference;
  }
  return 0;
}

function matches(route: Route, parts: readonly string[]): boolean {
  const { segments } = route;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    if (segment.kind === 'optional-catch-all') return true;
    if (segment.kind === 'catch-all') return parts.length > i;
    const part = parts[i];
    if (part === undefined) return false;
    if (segment.kind === 'static' && segment.value !== part) return false;
  }
  return parts.length === segments.length;
}

export interface RouteTable {
  /** The route pattern that serves a path (`/meetings/[meetingId]`), or UNMATCHED_ROUTE. */
  labelOf(pathname: string): string;
}

/**
 * Maps request paths to a bounded set of labels: the app's route patterns as
 * Next names them, the server's own paths, public files by name, Next's files
 * by family. Raw paths never become labels (each meeting id would be a series).
 */
export function createRouteTable(options: {
  appRoutes?: readonly string[];
  publicFiles?: readonly string[];
}): RouteTable {
  const routes = [
    ...SERVER_ROUTES.map((pattern) => parsePattern(pattern)),
    ...(options.publicFiles ?? []).map((file) => ({ label: file, segments: parsePattern(file).segments })),
    ...NEXT_ROUTES.map(({ pattern, label }) => parsePattern(pattern, label)),
    ...(options.appRoutes ?? []).map((pattern) => parsePattern(pattern)),
  ].sort(compareRoutes);
  return {
    labelOf(pathname) {
      const parts = pathname.split('/').filter(Boolean);
      for (const route of routes) if (matches(route, parts)) return route.label;
      return UNMATCHED_ROUTE;
    },
  };
}

/**
 * The app's route patterns from Next's production build (`/meetings/[meetingId]`,
 * `/api/auth/[...nextauth]`), without Next's internal pages. Empty without a
 * build; in development Next lists only what it compiled so far.
 */
export function readAppRoutes(distDir: string): string[] {
  try {
    const manifest = JSON.parse(readFileSync(path.join(distDir, 'app-path-routes-manifest.json'), 'utf8')) as Record<
      string,
      string
    >;
    return Object.values(manifest).filter((route) => !route.startsWith('/_'));
  } catch {
    return [];
  }
}

/** The files under public/ as the paths they are served at (`/sw.js`). */
export function readPublicFiles(publicDir: string): string[] {
  try {
    return readdirSync(publicDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => statSync(path.join(publicDir, file)).isFile())
      .map((file) => '/' + file.split(path.sep).join('/'));
  } catch {
    return [];
  }
}
