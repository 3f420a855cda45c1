import WebSocket from 'ws';
import { sleep } from './measure';

/**
 * The server's live heap: what is still reachable after a full garbage
 * collection, in bytes, or NaN when it cannot be read. The heap /metrics
 * reports counts garbage not yet collected, and resident memory counts pages
 * V8 and the allocator keep after freeing; neither says whether unloaded
 * documents are still held. Read through the DevTools protocol: SIGUSR1 turns
 * on Node's inspector in the server (on the port the bench started it with,
 * once; it stays on, idle, for the rest of the run), and
 * HeapProfiler.collectGarbage then Runtime.getHeapUsage answer it. Product
 * code has no part in it. Resident memory read right after it counts no
 * garbage either.
 */
export async function liveHeapBytes(server: { pid: number; inspectorPort: number }): Promise<number> {
  try {
    process.kill(server.pid, 'SIGUSR1');
    const target = await inspectorTarget(`http://127.0.0.1:${server.inspectorPort}`);
    if (!target) return NaN;
    const socket = new WebSocket(target);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    try {
      const call = protocol(socket);
      await call('HeapProfiler.collectGarbage');
      const usage = (await call('Runtime.getHeapUsage')) as { usedSize?: number };
      return usage.usedSize ?? NaN;
    } finally {
      socket.close();
    }
  } catch {
    return NaN;
  }
}

/** The inspector's websocket address, once it answers (it takes a moment after the signal). */
async function inspectorTarget(inspector: string): Promise<string | null> {
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const targets = (await (await fetch(`${inspector}/json/list`)).json()) as { webSocketDebuggerUrl?: string }[];
      const url = targets[0]?.webSocketDebuggerUrl;
      if (url) return url;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  return null;
}

/** One DevTools protocol call at a time: its result, or a rejection with the protocol's error. */
function protocol(socket: WebSocket): (method: string) => Promise<unknown> {
  let id = 0;
  return (method) =>
    new Promise((resolve, reject) => {
      const callId = ++id;
      const onMessage = (data: WebSocket.RawData) => {
        const message = JSON.parse(data.toString()) as { id?: number; result?: unknown; error?: { message: string } };
        if (message.id !== callId) return;
        socket.off('message', onMessage);
        if (message.error) reject(new Error(message.error.message));
        else resolve(message.result);
      };
      socket.on('message', onMessage);
      socket.send(JSON.stringify({ id: callId, method }));
    });
}
