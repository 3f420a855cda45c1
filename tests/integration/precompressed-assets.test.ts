import { request } from 'node:http';
import { brotliDecompressSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';

interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** One request as a browser makes it, with the bytes as they came (fetch would decompress them). */
function get(url: string, headers: Record<string, string>, method = 'GET'): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

describe("the build's scripts and stylesheets in Brotli", () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let script: string;
  let stylesheet: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir, withNext: true });
    const html = await (await fetch(`${server.url}/signin`)).text();
    script = html.match(/\/_next\/static\/chunks\/[\w.-]+\.js/)![0];
    stylesheet = html.match(/\/_next\/static\/chunks\/[\w.-]+\.css/)![0];
  });

  afterAll(async () => {
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  it('sends a browser that takes Brotli the Brotli copy, the same file as Next sends the others', async () => {
    for (const file of [script, stylesheet]) {
      const brotli = await get(server.url + file, { 'accept-encoding': 'gzip, deflate, br, zstd' });
      const plain = await get(server.url + file, { 'accept-encoding': 'identity' });
      expect(brotli.status).toBe(200);
      expect(brotli.headers['content-encoding']).toBe('br');
      expect(brotli.headers['vary']).toContain('Accept-Encoding');
      expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(brotli.headers['content-type']).toBe(plain.headers['content-type']);
      expect(Number(brotli.headers['content-length'])).toBe(brotli.body.length);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(brotliDecompressSync(brotli.body).equals(plain.body)).toBe(true);
      expect(brotli.body.length).toBeLessThan(plain.body.length);
      // The security headers of every response go with it too.
      expect(brotli.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('sends gzip or nothing compressed to a browser that does not take Brotli', async () => {
    for (const acceptEncoding of ['gzip, deflate', 'gzip, br;q=0', 'identity']) {
      const response = await get(server.url + script, { 'accept-encoding': acceptEncoding });
      expect(response.status).toBe(200);
      expect(response.headers['content-encoding'] ?? 'identity', acceptEncoding).not.toBe('br');
    }
  });

  it('answers HEAD with the headers only', async () => {
    const response = await get(server.url + script, { 'accept-encoding': 'br' }, 'HEAD');
    expect(response.status).toBe(200);
    expect(response.headers['content-encoding']).toBe('br');
    expect(response.body.length).toBe(0);
  });

  it('serves no other file, whatever the path says', async () => {
    for (const path of [
      '/_next/static/chunks/missing.js',
      `${script}.br`,
      '/_next/static/../../package.json',
      '/_next/static/chunks/%2e%2e/%2e%2e/%2e%2e/package.json',
    ]) {
      const response = await get(server.url + path, { 'accept-encoding': 'br' });
      expect(response.headers['content-encoding'], path).not.toBe('br');
      expect(response.body.toString('latin1'), path).not.toContain('"name": "bien-ban"');
    }
  });
});
