import { LOCAL_PREFIX, PAGE_CACHE } from '../lib/offline';

/**
 * Removes what this app keeps on the device: the offline copies of minutes
 * (IndexedDB) and the "saved" markers (localStorage) of every user, or of
 * every user but `keepUserId`, and every cached meeting page. Build files
 * stay: they hold nobody's data.
 */
export async function clearOfflineData(keepUserId?: string): Promise<void> {
  const mine = (name: string) =>
    keepUserId !== undefined &&
    (name.startsWith(`${LOCAL_PREFIX}${keepUserId}:`) || name.startsWith(`${LOCAL_PREFIX}saved:${keepUserId}:`));
  try {
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith(LOCAL_PREFIX) && !mine(key)) window.localStorage.removeItem(key);
    }
  } catch {
    // Storage disabled: nothing was kept there.
  }
  if ('indexedDB' in window && typeof indexedDB.databases === 'function') {
    const databases = await indexedDB.databases().catch(() => []);
    await Promise.all(
      databases
        .map((d) => d.name)
        .filter((name): name is string => typeof name === 'string' && name.startsWith(LOCAL_PREFIX) && !mine(name))
        .map(
          (name) =>
            new Promise<void>((resolve) => {
              const request = indexedDB.deleteDatabase(name);
              request.onsuccess = request.onerror = request.onblocked = () => resolve();
            }),
        ),
    );
  }
  // Cached pages were rendered for whoever was signed in (no telling whom): all go, the next visit refills the cache.
  if ('caches' in window) await caches.delete(PAGE_CACHE).catch(() => false);
}
