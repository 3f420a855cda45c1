/**
 * Next.js runs inside our own process (server/main.ts). Packages the server
 * side loads natively stay out of Next's bundles: native addons cannot be
 * bundled, and the collaboration server must see exactly one copy of yjs.
 *
 * @type {import('next').NextConfig}
 */
const nextConfig = {
  poweredByHeader: false,
  experimental: {
    // Attachments (up to 10 MiB, ATTACHMENT_MAX_BYTES) are uploaded through a server action; the default limit is 1 MB.
    serverActions: { bodySizeLimit: '11mb' },
  },
  reactStrictMode: true,
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    'kysely',
    'bcryptjs',
    'yjs',
    'y-protocols',
    '@tiptap/y-tiptap',
    'ws',
  ],
  async headers() {
    return [
      {
        // The service worker must always be re-checked, or a fixed version could never reach users.
        source: '/sw.js',
        headers: [
          { key: 'Cache-Control', value: 'no-cache, no-store, must-revalidate' },
          { key: 'Content-Type', value: 'application/javascript; charset=utf-8' },
        ],
      },
    ];
  },
};

export default nextConfig;
