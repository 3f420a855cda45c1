import WebSocket from 'ws';

export interface RawClient {
  ws: WebSocket;
  /** Frames received so far. */
  frames: Uint8Array[];
  /** Resolves with the close code once the socket closes. */
  closed: Promise<number>;
  send(frame: Uint8Array): void;
}

/**
 * A bare websocket speaking whatever bytes a test hands it: for malformed
 * frames and for read-only peers that try to write anyway.
 */
export function openRawClient(wsUrl: string, docId: string, cookie: string | null): Promise<RawClient> {
  const ws = new WebSocket(`${wsUrl}/${docId}`, cookie ? { headers: { cookie } } : {});
  const frames: Uint8Array[] = [];
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve({ ws, frames, closed, send: (frame) => ws.send(frame) }));
    ws.once('unexpected-response', (_req, res) => reject(new UpgradeRefused(res.statusCode ?? 0)));
    ws.once('error', reject);
  });
}

/** The HTTP status with which the server refused an upgrade. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
  }
}

/** The HTTP status an upgrade was refused with; throws if it was accepted. */
export async function refusedStatus(promise: Promise<unknown>): Promise<number> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof UpgradeRefused) return error.status;
    throw error;
  }
  throw new Error('upgrade was accepted');
}
