'use client';

import { useEffect } from 'react';
import { SERVICE_WORKER_URL } from '../lib/offline';

/** Gives the page time to load the editor's chunks before listing what to keep. */
const PRECACHE_DELAY_MS = 2000;
/** The page the installed app opens on: the manifest's start_url. */
const START_PAGE = '/';

/**
 * Registers the service worker that lets the dashboard and a meeting page load
 * without a network (a reload, or a cold start of the installed app), then
 * asks it to keep this page and the build files it has already loaded: those
 * were fetched before the worker controlled the page, so it never saw them.
 * When the policy does not let this user keep the page on the device
 * (`keepOffline` false), the worker is told to forget the page. Rendered only
 * on pages the worker may keep (public/sw.js, KEPT_PAGE_PATH) and only for a
 * signed-in member.
 */
export function ServiceWorkerRegistrar({ keepOffline }: { keepOffline: boolean }) {
  useEffect(() => {
    // Development builds reuse chunk names: a cache-first worker would serve stale code.
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    let timer: number | undefined;
    let cancelled = false;
    navigator.serviceWorker
      .register(SERVICE_WORKER_URL, { scope: '/' })
      .then(() => navigator.serviceWorker.ready)
      .then((registration) => {
        timer = window.setTimeout(() => {
          if (cancelled) return;
          const assets = performance
            .getEntriesByType('resource')
            .map((entry) => entry.name)
            .filter((url) => new URL(url).pathname.startsWith('/_next/static/'));
          const page = window.location.pathname;
          // The installed app starts on the dashboard (app/manifest.ts): it is kept whichever page the member
          // stopped on. The worker fetches a page it does not have yet, for this member's session.
          const pages = keepOffline ? [page, START_PAGE] : [START_PAGE];
          if (!keepOffline) registration.active?.postMessage({ type: 'forget', page });
          registration.active?.postMessage({ type: 'precache', pages: [...new Set(pages)], assets });
        }, PRECACHE_DELAY_MS);
      })
      .catch(() => {
        // No service worker (private mode, http on a LAN address): the page still works online.
      });
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [keepOffline]);
  return null;
}
