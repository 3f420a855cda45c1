/*
 * Biên Bản service worker: lets the dashboard and the meetings a member opened
 * load without a network, after a reload or a cold start of the installed app
 * (app/manifest.ts starts it on /), so a secretary in a village with weak
 * signal can keep writing. The minutes themselves come from IndexedDB
 * (y-indexeddb); this worker only keeps the pages and the build files that
 * display them.
 *
 * - navigations to / and /meetings/<id>: network first, the cached page when
 *   the network fails or stalls. A page enters the cache only when the page
 *   itself asks (it knows whether the policy lets this user keep the meeting on
 *   the device: secret meetings mostly not), and leaves it when the page says
 *   so, when the server no longer shows it (the session ended, access was
 *   lost) or when the user signs out or another user signs in; a cached page
 *   is refreshed on every load. Pages are rendered for one user: the cache
 *   holds one user's pages at a time (components/offline-data.ts empties it);
 * - /_next/static/*: cache first (file names carry a content hash);
 * - everything else, /api/* and the /collab websocket included: untouched.
 *
 * Cache names are repeated in lib/offline.ts.
 */
const PAGE_CACHE = 'bienban-pages-v1';
const STATIC_CACHE = 'bienban-static-v1';
const OWN_CACHES = [PAGE_CACHE, STATIC_CACHE];

/** After this long without an answer, a cached page is shown while the network keeps trying. */
const NETWORK_TIMEOUT_MS = 6000;
/** Build files kept at most; the oldest go first (old builds pile up otherwise). */
const MAX_STATIC_ENTRIES = 400;
/** Meeting pages kept at most. */
const MAX_PAGE_ENTRIES = 100;

/** The pages a member may keep: the dashboard (the installed app's start page) and a meeting. */
const KEPT_PAGE_PATH = /^\/$|^\/meetings\/[0-9a-fA-F-]{36}\/?$/;
/**
 * Answers that mean the server will not show this user the page any more: a
 * redirect (to sign-in: the session ended), 401, 403, 404. The kept copy goes.
 */
const GONE_STATUSES = [401, 403, 404, 410];

self.addEventListener('install', () => {
  self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys();
      await Promise.all(
        names.filter((n) => n.startsWith('bienban-') && !OWN_CACHES.includes(n)).map((n) => caches.delete(n)),
      );
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/collab')) return;
  if (request.mode === 'navigate' && KEPT_PAGE_PATH.test(url.pathname)) {
    event.respondWith(networkFirst(request, url));
  } else if (url.pathname.startsWith('/_next/static/')) {
    event.respondWith(cacheFirst(request));
  }
});

/**
 * The page asks to keep itself and the build files it loaded before this
 * worker controlled it, or to forget itself (the user may not keep it).
 */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data) return;
  // A page that loaded while this worker was activating (the dashboard registered it, the member went on
  // at once) is not controlled by it: claim it, so the files it loads from now on are kept too.
  if (data.type === 'precache') event.waitUntil(self.clients.claim().then(() => precache(data)));
  if (data.type === 'forget' && typeof data.page === 'string' && KEPT_PAGE_PATH.test(data.page)) {
    event.waitUntil(forget(pageKey(new URL(data.page, self.location.origin))));
  }
});

/** One entry per page whatever its query or trailing slash: /meetings/<id>/ and /meetings/<id> are one page. */
function pageKey(url) {
  return url.origin + (url.pathname === '/' ? '/' : url.pathname.replace(/\/$/, ''));
}

function isCacheablePage(response) {
  return (
    response.ok &&
    response.type === 'basic' &&
    !response.redirected &&
    (response.headers.get('content-type') || '').includes('text/html')
  );
}

function isGone(response) {
  return response.type === 'opaqueredirect' || response.redirected || GONE_STATUSES.includes(response.status);
}

async function forget(key) {
  const cache = await caches.open(PAGE_CACHE);
  await cache.delete(key);
}

function isCacheableAsset(response) {
  return response.ok && response.type === 'basic';
}

async function trim(cache, max) {
  const keys = await cache.keys();
  const excess = keys.length - max;
  for (let i = 0; i < excess; i++) await cache.delete(keys[i]);
}

async function remember(cacheName, key, response, max) {
  const cache = await caches.open(cacheName);
  await cache.put(key, response);
  await trim(cache, max);
}

async function networkFirst(request, url) {
  const key = pageKey(url);
  const network = fetch(request).then(async (response) => {
    const kept = await caches.match(key, { cacheName: PAGE_CACHE, ignoreVary: true });
    if (kept && isCacheablePage(response)) await remember(PAGE_CACHE, key, response.clone(), MAX_PAGE_ENTRIES);
    else if (kept && isGone(response)) await forget(key);
    return response;
  });
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('timeout')), NETWORK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([network, timeout]);
  } catch {
    const cached = await caches.match(key, { cacheName: PAGE_CACHE, ignoreVary: true });
    if (cached) return cached;
    return network.catch(() => offlinePage());
  } finally {
    clearTimeout(timer);
  }
}

async function cacheFirst(request) {
  const cached = await caches.match(request, { cacheName: STATIC_CACHE, ignoreVary: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (isCacheableAsset(response)) await remember(STATIC_CACHE, request, response.clone(), MAX_STATIC_ENTRIES);
  return response;
}

async function precache(data) {
  const tasks = [];
  const pages = Array.isArray(data.pages) ? data.pages : [];
  for (const page of pages) {
    if (typeof page !== 'string' || !KEPT_PAGE_PATH.test(page)) continue;
    const url = new URL(page, self.location.origin);
    const kept = await caches.match(pageKey(url), { cacheName: PAGE_CACHE, ignoreVary: true });
    // A page kept already was refreshed by the navigation that showed it last.
    if (!kept) {
      tasks.push(
        fetch(url.href, { credentials: 'same-origin', headers: { Accept: 'text/html' } }).then(async (response) => {
          if (!isCacheablePage(response)) return;
          await remember(PAGE_CACHE, pageKey(url), response.clone(), MAX_PAGE_ENTRIES);
          await keepAssetsOf(await response.text());
        }),
      );
    }
  }
  const assets = Array.isArray(data.assets) ? data.assets.slice(0, MAX_STATIC_ENTRIES) : [];
  const staticCache = await caches.open(STATIC_CACHE);
  for (const asset of assets) {
    if (typeof asset !== 'string') continue;
    const url = new URL(asset, self.location.origin);
    if (url.origin !== self.location.origin || !url.pathname.startsWith('/_next/static/')) continue;
    tasks.push(
      staticCache
        .match(url.href, { ignoreVary: true })
        .then((hit) =>
          hit
            ? undefined
            : fetch(url.href).then((response) =>
                isCacheableAsset(response) ? staticCache.put(url.href, response) : undefined,
              ),
        ),
    );
  }
  await Promise.allSettled(tasks);
  await trim(staticCache, MAX_STATIC_ENTRIES);
}

/**
 * Keeps the build files a kept page names (its scripts, styles and fonts, and
 * the chunks its data lists for client components), so that the page starts
 * without a network even when the member never displayed it while this worker
 * was in control (the dashboard kept from a meeting page).
 */
async function keepAssetsOf(html) {
  const found = new Set(html.match(/\/_next\/static\/[A-Za-z0-9_~./-]+\.(?:js|css|woff2?)/g) || []);
  const staticCache = await caches.open(STATIC_CACHE);
  await Promise.allSettled(
    [...found].slice(0, MAX_STATIC_ENTRIES).map(async (path) => {
      const href = new URL(path, self.location.origin).href;
      if (await staticCache.match(href, { ignoreVary: true })) return;
      const response = await fetch(href);
      if (isCacheableAsset(response)) await staticCache.put(href, response);
    }),
  );
}

function offlinePage() {
  const html =
    '<!doctype html><html lang="vi"><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">' +
    '<title>Biên Bản</title><body style="font:20px/1.6 sans-serif;padding:1rem;max-width:34rem;margin:auto">' +
    '<h1>Không có mạng</h1><p>Trang này chưa được lưu trên máy. Hãy mở lại khi có mạng.</p>' +
    '<p lang="en">No network, and this page has not been saved on this device yet.</p></body></html>';
  return new Response(html, { status: 503, headers: { 'Content-Type': 'text/html; charset=utf-8' } });
}
