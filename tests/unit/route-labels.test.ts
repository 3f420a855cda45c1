import { describe, expect, it } from 'vitest';
import { createRouteTable, UNMATCHED_ROUTE } from '../../server/observability/routes';

// The app's routes as Next's build lists them (app-path-routes-manifest.json, internal pages left out).
const APP_ROUTES = [
  '/',
  '/api/attachments/[id]',
  '/api/auth/[...nextauth]',
  '/archive',
  '/cells/[cellId]',
  '/cells/[cellId]/tasks',
  '/committee',
  '/committee/export',
  '/icon.svg',
  '/meetings/[meetingId]',
  '/meetings/[meetingId]/export/[format]',
  '/meetings/[meetingId]/print',
  '/signin',
];

describe('request paths become route labels', () => {
  const table = createRouteTable({ appRoutes: APP_ROUTES, publicFiles: ['/sw.js'] });

  it('names a page by its route pattern, whatever the ids in the path', () => {
    expect(table.labelOf('/meetings/3f0c9a2e-1b7d-4c55-9a51-0c2f2d6f8e11')).toBe('/meetings/[meetingId]');
    expect(table.labelOf('/meetings/abc/print')).toBe('/meetings/[meetingId]/print');
    expect(table.labelOf('/meetings/abc/export/pdf')).toBe('/meetings/[meetingId]/export/[format]');
    expect(table.labelOf('/cells/c1/tasks')).toBe('/cells/[cellId]/tasks');
    expect(table.labelOf('/api/auth/callback/credentials')).toBe('/api/auth/[...nextauth]');
    expect(table.labelOf('/')).toBe('/');
    expect(table.labelOf('/archive/')).toBe('/archive');
  });

  it('prefers a fixed segment to a parameter', () => {
    const withNew = createRouteTable({ appRoutes: ['/meetings/[meetingId]', '/meetings/new'] });
    expect(withNew.labelOf('/meetings/new')).toBe('/meetings/new');
    expect(withNew.labelOf('/meetings/old')).toBe('/meetings/[meetingId]');
  });

  it("names the server's own paths, public files and Next's files by family", () => {
    expect(table.labelOf('/healthz')).toBe('/healthz');
    expect(table.labelOf('/readyz')).toBe('/readyz');
    expect(table.labelOf('/metrics')).toBe('/metrics');
    expect(table.labelOf('/sw.js')).toBe('/sw.js');
    expect(table.labelOf('/_next/static/chunks/app/page-0a1b2c.js')).toBe('/_next/static');
    expect(table.labelOf('/_next/image')).toBe('/_next/image');
    expect(table.labelOf('/_next/webpack-hmr')).toBe('/_next');
  });

  it('gives every other path one label, so probes for random paths add no series', () => {
    for (const path of ['/wp-login.php', '/meetings', '/meetings/a/b/c', '/api/attachments', '/.env', '/api/auth']) {
      expect(table.labelOf(path), path).toBe(UNMATCHED_ROUTE);
    }
  });

  it('serves only its own paths without a build', () => {
    const bare = createRouteTable({});
    expect(bare.labelOf('/healthz')).toBe('/healthz');
    expect(bare.labelOf('/meetings/abc')).toBe(UNMATCHED_ROUTE);
  });
});
