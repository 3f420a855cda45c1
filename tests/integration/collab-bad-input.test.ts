import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import { CLOSE_CODES } from '../../lib/collab/close-codes';
import { connectClient, waitFor, type TestClient } from '../helpers/clients';
import { seedCell, type CellFixture } from '../helpers/fixtures';
import { readMetrics } from '../helpers/prometheus';
import { openRawClient } from '../helpers/raw-client';
import { authSecretOf, makeDataDir, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { sessionCookieFor } from '../helpers/session';
import { storedMinutes } from '../helpers/stored';

function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

/** A sync "update" message whose payload is not a Yjs update. */
function garbageUpdate(): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0);
  encoding.writeVarUint(e, 2);
  encoding.writeVarUint8Array(e, bytes(255, 255, 255, 255, 7, 1, 2, 3));
  return encoding.toUint8Array(e);
}

describe('bad input on /collab closes only the offending socket', () => {
  let dataDir: string;
  let fixture: CellFixture;
  let server: RunningServer;
  let secret: string;
  let bystander: TestClient;

  beforeAll(async () => {
    dataDir = makeDataDir();
    fixture = await seedCell(dataDir);
    server = await startServer({ dataDir });
    secret = authSecretOf(dataDir);
    bystander = connectClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(secret, fixture.secretary));
    await bystander.synced();
  });

  afterAll(async () => {
    bystander?.destroy();
    await server?.stop();
    await fixture?.handle.close();
    removeDataDir(dataDir);
  });

  const cases: [string, () => Uint8Array, number][] = [
    ['a truncated frame', () => bytes(0, 2, 50, 1), CLOSE_CODES.protocolError],
    ['an unknown message type', () => bytes(42, 0), CLOSE_CODES.protocolError],
    ['an unknown sync message type', () => bytes(0, 9, 0), CLOSE_CODES.protocolError],
    ['trailing bytes after a message', () => bytes(3, 0, 0), CLOSE_CODES.protocolError],
    ['an update Yjs cannot decode', garbageUpdate, CLOSE_CODES.protocolError],
    ['a frame over the 2 MiB limit', () => new Uint8Array(2 * 1024 * 1024 + 16), CLOSE_CODES.messageTooBig],
  ];

  for (const [name, frame, code] of cases) {
    it(`closes a socket that sends ${name} with ${code}`, async () => {
      const raw = await openRawClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(secret, fixture.member));
      raw.send(frame());
      expect(await raw.closed).toBe(code);
      // The process and the other member's connection are unaffected.
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      const marker = `vẫn hoạt động sau ${name}`;
      bystander.appendParagraph(marker);
      await bystander.saved();
      expect(await storedMinutes(fixture.services.docStore, fixture.meetingId)).toContain(marker);
    });
  }

  it('closes a text frame, which is not part of the protocol', async () => {
    const raw = await openRawClient(server.wsUrl, fixture.meetingId, await sessionCookieFor(secret, fixture.member));
    raw.ws.send('hello');
    expect(await raw.closed).toBe(CLOSE_CODES.protocolError);
  });

  it('counts every rejected frame and logs it', async () => {
    const metrics = await readMetrics(server.url);
    expect(metrics.bienban_collab_bad_frames_total).toBeGreaterThanOrEqual(cases.length + 1);
    await waitFor(() => server.logs().includes('collab.connection_rejected'), 5000, 'no log line');
    expect(bystander.provider.wsconnected).toBe(true);
  });
});
