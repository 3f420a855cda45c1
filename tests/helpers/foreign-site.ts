import { createServer } from 'node:http';

export interface ForeignSite {
  /** Its address, e.g. http://127.0.0.1:40123: another origin than the app's. */
  url: string;
  close(): Promise<void>;
}

/**
 * Another web site on this machine (its own port, so its own origin), serving
 * fixed HTML by path: a page that embeds or links to the app, as a hostile
 * site would. Unknown paths answer 404.
 */
export async function startForeignSite(pages: Record<string, string>): Promise<ForeignSite> {
  const server = createServer((req, res) => {
    const html = pages[(req.url ?? '/').split('?')[0]!];
    res.writeHead(html === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(html ?? 'not found');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
