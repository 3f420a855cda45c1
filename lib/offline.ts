/**
 * Names shared by the service worker (public/sw.js, which cannot import them
 * and repeats them) and the pages that talk to it. Everything kept on a
 * device is kept per user: a shared computer at the ward office must not hand
 * one member's copy of the minutes to the next, and signing out clears it all.
 */
export const SERVICE_WORKER_URL = '/sw.js';
/** Meeting pages as last seen online, served when a reload finds no network. */
export const PAGE_CACHE = 'bienban-pages-v1';
/** Content-hashed build assets (/_next/static): the same for every user. */
export const STATIC_CACHE = 'bienban-static-v1';
/** Prefix of every IndexedDB database and localStorage key this app keeps. */
export const LOCAL_PREFIX = 'bienban:';
/** The y-indexeddb database name of one user's copy of a meeting's document. */
export const localDocName = (userId: string, meetingId: string) => `${LOCAL_PREFIX}${userId}:${meetingId}`;
/** The localStorage key of the server's last "saved" state vector, per user and meeting. */
export const savedVectorKey = (userId: string, meetingId: string) => `${LOCAL_PREFIX}saved:${userId}:${meetingId}`;
