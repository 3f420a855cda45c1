/**
 * Names shared by the service worker (public/sw.js, which cannot import them
 * and repeats them) and the pages that talk to it.
 */
export const SERVICE_WORKER_URL = '/sw.js';
/** Meeting pages as last seen online, served when a reload finds no network. */
export const PAGE_CACHE = 'bienban-pages-v1';
/** Content-hashed build assets (/_next/static). */
export const STATIC_CACHE = 'bienban-static-v1';
/** The y-indexeddb database name of a meeting's minutes. */
export const localDocName = (meetingId: string) => `bienban:${meetingId}`;
