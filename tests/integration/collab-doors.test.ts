import * as encoding from 'lib0/encoding';
import { connect, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CLOSE_CODES } from '../../lib/collab/close-codes';
import { MESSAGE_AWARENESS } from '../../lib/collab/messages';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { openRawClient, refusedStatus, UpgradeRefused } from '../helpers/raw-client';
import { authSecretOf, makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';

/** Sends a raw HTTP upgrade request and resolves with the status line and whether the server then closed the socket. */
function rawUpgrade(
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: string; closed: boolean }> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('data', (chunk) => (data += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: data.split('\r\n')[0] ?? '', closed: true }));
    socket.write(
      [
        `GET ${path} HTTP/1.1`,
        'Host: 127.0.0.1',
        'Upgrade: websocket',
        'Connection: Upgrade',
        'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n'),
    );
    setTimeout(() => {
      socket.destroy();
      resolve({ status: data.split('\r\n')[0] ?? '', closed: false });
    }, 3000);
  });
}

/** An awareness frame with `entries` states for client ids starting at `firstId`. */
function awarenessFrame(firstId: number, entries: number): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, entries);
  for (let i = 0; i < entries; i++) {
    encoding.writeVarUint(inner, firstId + i);
    encoding.writeVarUint(inner, 1);
    encoding.writeVarString(inner, JSON.stringify({ cursor: null }));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

describe('the websocket door', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let cookie: string;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({
      dataDir,
      env: { COLLAB_MAX_AWARENESS_ENTRIES: '600', COLLAB_MAX_CONNECTIONS_PER_USER_PER_DOCUMENT: '3' },
    });
    cookie = await sessionCookieFor(authSecretOf(dataDir), fixture.member);
  });

  afterAll(async () => {
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  it('answers a path with bad percent-encoding, or nested or empty, with HTTP 400 and closes the socket', async () => {
    for (const path of ['/collab/%E0%A4%A', '/collab/a/b', '/collab/', '/collab']) {
      const answer = await rawUpgrade(server.port, path, { Cookie: cookie });
      expect(answer, path).toEqual({ status: 'HTTP/1.1 400 Bad Request', closed: true });
    }
    // The server is still up and serving.
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, cookie);
    raw.ws.close();
  });

  it('refuses an upgrade from a page of another site, and accepts one from its own', async () => {
    const url = `${server.wsUrl}/${fixture.meetingId}`;
    const open = (origin: string) =>
      new Promise<WebSocket>((resolve, reject) => {
        const ws = new WebSocket(url, { headers: { cookie, origin } });
        ws.once('open', () => resolve(ws));
        ws.once('unexpected-response', (_req, res) => reject(new UpgradeRefused(res.statusCode ?? 0)));
        ws.once('error', reject);
      });
    expect(await refusedStatus(open('https://evil.example'))).toBe(403);
    expect(await refusedStatus(open(`http://127.0.0.1:${server.port + 1}`))).toBe(403);
    const own = await open(`http://127.0.0.1:${server.port}`);
    own.close();
  });

  it('closes a connection whose presence frame carries more entries than the limit (1008)', async () => {
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, cookie);
    raw.send(awarenessFrame(1000, 601));
    expect(await raw.closed).toBe(CLOSE_CODES.policyViolation);
  });

  it('closes a connection that claims more presence client ids than one connection may own (1008)', async () => {
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, cookie);
    raw.send(awarenessFrame(2000, 4));
    await new Promise((resolve) => setTimeout(resolve, 200));
    raw.send(awarenessFrame(3000, 1));
    expect(await raw.closed).toBe(CLOSE_CODES.policyViolation);
  });

  it('refuses a user more connections to one document than the limit with HTTP 429', async () => {
    const held = await Promise.all([1, 2, 3].map(() => openRawClient(server.wsUrl, fixture.meetingId, cookie)));
    expect(await refusedStatus(openRawClient(server.wsUrl, fixture.meetingId, cookie))).toBe(429);
    // Someone else still gets in.
    const other = await openRawClient(
      server.wsUrl,
      fixture.meetingId,
      await sessionCookieFor(authSecretOf(dataDir), fixture.secretary),
    );
    other.ws.close();
    for (const raw of held) raw.ws.close();
  });
});
