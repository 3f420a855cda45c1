import type { MetadataRoute } from 'next';
import vi from '../messages/vi.json';

/** The brand red of the header and the icon; the page background of globals.css. */
const THEME_COLOR = '#8f1d1d';
const BACKGROUND_COLOR = '#f6f4ef';

/**
 * The web app manifest (/manifest.webmanifest), which makes the app
 * installable: a phone adds it to its home screen and opens it without the
 * browser's bars. It starts on the dashboard, which the service worker
 * (public/sw.js) keeps for the signed-in member, so the installed app opens
 * without a network too. One manifest for every visitor, built once: it is
 * fetched without cookies, so it cannot follow a member's language choice,
 * and is written in Vietnamese (the app's name is the same in English).
 */
export default function manifest(): MetadataRoute.Manifest {
  return {
    id: '/',
    name: vi.app.name,
    short_name: vi.app.name,
    description: vi.app.tagline,
    lang: 'vi',
    dir: 'ltr',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    orientation: 'any',
    theme_color: THEME_COLOR,
    background_color: BACKGROUND_COLOR,
    categories: ['productivity', 'business'],
    icons: [
      { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
      { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
    ],
  };
}
