'use client';

import { useEffect } from 'react';
import { SERVICE_WORKER_URL } from '../lib/offline';

/** Gives the page time to load the editor's chunks before listing what to keep. */
const PRECACHE_DELAY_MS = 2000;

/**
 * Registers the service worker that lets a meeting page reload without a
 * network, then asks it to keep this page and the build files it has already
 * loaded: those were fetched before the worker controlled the page, so it
 * never saw them.
 */
export function ServiceWorkerRegistrar() {
  useEffect(() => {
    // Development builds reuse chunk names: a cache-first worker would serve stale code.
    if (process.env.NODE_ENV !== 'production' || !('serviceWorker' in navigator)) return;
    const wasControlled = navigator.serviceWorker.controller !== null;
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
          // A page the worker served itself is cached already; one reached by a client-side
          // link, or loaded before the worker existed, has to be fetched for the cache.
          const loaded = performance.getEntriesByType('navigation')[0];
          const loadedPath = loaded ? new URL(loaded.name).pathname : '';
          const page = !wasControlled || loadedPath !== window.location.pathname ? window.location.pathname : undefined;
          registration.active?.postMessage({ type: 'precache', page, assets });
        }, PRECACHE_DELAY_MS);
      })
      .catch(() => {
        // No service worker (private mode, http on a LAN address): the page still works online.
      });
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, []);
  return null;
}
