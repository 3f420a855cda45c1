import { gzipSync } from 'node:zlib';
import { chromium, type Browser, type BrowserContext, type CDPSession, type Response } from 'playwright-core';
import * as Y from 'yjs';
import { MINUTES_FIELD } from '../lib/domain';
import { openClient } from './clients';
import { percentiles, sleep, waitUntil, type Percentiles } from './measure';

const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
/** Text of the meeting template the editor must show before the page counts as ready. */
const TEMPLATE_TEXT = 'BIÊN BẢN';
const READY_TIMEOUT_MS = 60_000;
/** The slow 3G profile of the goals: Chromium's network emulation (DevTools protocol), both directions. */
export const SLOW_3G = { latency: 400, downloadThroughput: 50_000, uploadThroughput: 50_000 } as const;
/** A meeting's length, the traffic window is scaled to it. */
const MEETING_MINUTES = 90;
/**
 * The minutes-taker's typing during the traffic window, one change per character as the editor sends
 * them, each with a caret move: about 16,000 characters in 90 minutes, five times the length of typical
 * minutes (bench/search-archive.ts), to count the corrections too.
 */
const TYPED_CHARS_PER_SECOND = 3;

export interface PageResult {
  loads: number;
  /** Navigation start → editor editable, connected and showing the template, on a fresh profile (p50 is the figure). */
  coldReadyMs: Percentiles;
  /** The same on a second visit of the same profile (HTTP cache, service worker, local copy). */
  warmReadyMs: Percentiles;
  scripts: number;
  jsBytes: number;
  /** Sum of the gzip sizes of the JavaScript responses, compressed here (zlib default level). */
  jsGzipBytes: number;
  /** Content-Encoding the server used for JavaScript, if any. */
  servedEncoding: string;
  /** Each script of the first cold load: path and gzip size (bytes), largest first. */
  scriptFiles: { path: string; gzipBytes: number }[];
  /** Navigation → editable on a fresh profile over SLOW_3G (p50 is the figure). */
  slowColdReadyMs: Percentiles;
  /** Bytes one member's page sends and receives: its opening, and a meeting's activity scaled to 90 minutes. */
  traffic: MeetingTraffic | null;
}

export interface MeetingTraffic {
  /** Opening the page on a fresh profile (HTTP and websocket, until ready and the network idle). */
  openReceivedBytes: number;
  openSentBytes: number;
  /** The measured window of activity: its length and what the page's websocket carried. */
  windowSeconds: number;
  windowReceivedBytes: number;
  windowSentBytes: number;
  typedCharsPerSecond: number;
  /** Opening once plus the window scaled to 90 minutes (its HTTP requests counted once, not scaled). */
  meetingReceivedBytes: number;
  meetingSentBytes: number;
  /** The opening's and the window's bytes by kind ("http script", "ws sync update", "ws awareness", …). */
  openByKind?: Record<string, KindBytes>;
  windowByKind?: Record<string, KindBytes>;
}

/**
 * Runs in the page before any of its scripts: records performance.now()
 * (milliseconds since navigation start) the first time the editor is
 * editable, the connection pill says connected and the template text shows.
 * Kept as source text: a function would be passed through the TypeScript
 * loader, whose helpers do not exist in the page.
 */
const READY_PROBE = `(() => {
  const observer = new MutationObserver(() => {
    if (window.__benchReadyAt !== undefined) return;
    const connected = document.querySelector('[data-testid="connection-status"][data-status="connected"]');
    // The page has more than one editor (the agenda too): the minutes are the one with the template.
    const editors = document.querySelectorAll('.ProseMirror[contenteditable="true"]');
    const minutes = Array.from(editors).some((e) => (e.textContent || '').includes(${JSON.stringify(TEMPLATE_TEXT)}));
    if (connected && minutes) {
      window.__benchReadyAt = performance.now();
      observer.disconnect();
    }
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
})();`;

async function readyAt(context: BrowserContext, url: string): Promise<number> {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(url, { waitUntil: 'commit' });
  const handle = await page.waitForFunction(
    () => (window as unknown as { __benchReadyAt?: number }).__benchReadyAt,
    null,
    {
      timeout: READY_TIMEOUT_MS,
      polling: 50,
    },
  );
  return (await handle.jsonValue()) as number;
}

/** Bytes on the wire of a websocket frame carrying `payload` bytes (client frames are masked). */
function wsFrameBytes(payload: number, fromClient: boolean): number {
  return payload + (payload < 126 ? 2 : payload < 0x10000 ? 4 : 10) + (fromClient ? 4 : 0);
}

/** Bytes received and sent of one kind of traffic. */
export interface KindBytes {
  received: number;
  sent: number;
}

/** The y-websocket message types (first byte of a frame), and the sync protocol's steps (second byte). */
const WS_MESSAGE = ['sync', 'awareness', 'auth', 'query-awareness'] as const;
const SYNC_STEP = ['step1', 'step2', 'update'] as const;

/** What a websocket frame carries: "ws sync update", "ws awareness", … (the product's own messages by number). */
function wsKind(bytes: Buffer): string {
  const type = WS_MESSAGE[bytes[0] ?? -1] ?? `message ${bytes[0]}`;
  return type === 'sync' ? `ws sync ${SYNC_STEP[bytes[1] ?? -1] ?? '?'}` : `ws ${type}`;
}

/** Counts what a page sends and receives, as Chromium's network layer reports it, in all and by kind. */
async function countBytes(
  cdp: CDPSession,
): Promise<{ received: number; sent: number; byKind: Map<string, KindBytes>; reset(): void }> {
  const counter = {
    received: 0,
    sent: 0,
    byKind: new Map<string, KindBytes>(),
    reset() {
      counter.received = 0;
      counter.sent = 0;
      counter.byKind.clear();
    },
  };
  const add = (kind: string, received: number, sent: number) => {
    counter.received += received;
    counter.sent += sent;
    const entry = counter.byKind.get(kind) ?? { received: 0, sent: 0 };
    entry.received += received;
    entry.sent += sent;
    counter.byKind.set(kind, entry);
  };
  const httpKinds = new Map<string, string>();
  await cdp.send('Network.enable');
  // Response bytes as received (headers and compressed body); requests by their headers and body.
  cdp.on('Network.loadingFinished', (e) => add(httpKinds.get(e.requestId) ?? 'http other', e.encodedDataLength, 0));
  cdp.on('Network.requestWillBeSent', (e) => {
    const kind = `http ${(e.type ?? 'other').toLowerCase()}`;
    httpKinds.set(e.requestId, kind);
    const headers = Object.entries(e.request.headers).reduce((n, [k, v]) => n + k.length + String(v).length + 4, 0);
    add(kind, 0, e.request.method.length + e.request.url.length + 12 + headers + (e.request.postData?.length ?? 0));
  });
  const payload = (data: string, opcode: number) => (opcode === 2 ? Buffer.from(data, 'base64') : Buffer.from(data));
  cdp.on('Network.webSocketFrameReceived', (e) => {
    const bytes = payload(e.response.payloadData, e.response.opcode);
    add(wsKind(bytes), wsFrameBytes(bytes.length, false), 0);
  });
  cdp.on('Network.webSocketFrameSent', (e) => {
    const bytes = payload(e.response.payloadData, e.response.opcode);
    add(wsKind(bytes), 0, wsFrameBytes(bytes.length, true));
  });
  return counter;
}

async function newSignedInContext(browser: Browser, baseUrl: string, cookie: string): Promise<BrowserContext> {
  const [name, ...rest] = cookie.split('=');
  const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
  await context.addCookies([{ name: name!, value: rest.join('='), url: baseUrl }]);
  await context.addInitScript({ content: READY_PROBE });
  return context;
}

/**
 * One member's page through a meeting: opened on a fresh profile, then
 * `seconds` of the minutes-taker typing (a y-websocket client in this
 * process, signed in as `writerCookie`) while the page stays open. The
 * window's bytes are scaled to MEETING_MINUTES; presence renewals and
 * keep-alives fall inside the window as they would in the meeting.
 */
async function measureTraffic(
  browser: Browser,
  baseUrl: string,
  meetingId: string,
  wsUrl: string,
  memberCookie: string,
  writerCookie: string,
  seconds: number,
): Promise<MeetingTraffic> {
  const context = await newSignedInContext(browser, baseUrl, memberCookie);
  const writer = openClient({
    wsUrl,
    room: meetingId,
    cookie: writerCookie,
    user: { name: 'Thư ký', color: '#b91c1c' },
  });
  try {
    const page = await context.newPage();
    const bytes = await countBytes(await context.newCDPSession(page));
    await readyAt(context, `${baseUrl}/meetings/${meetingId}`);
    await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
    const open = { received: bytes.received, sent: bytes.sent, byKind: Object.fromEntries(bytes.byKind) };
    if (!(await waitUntil(() => writer.syncs > 0, 30_000, 10))) throw new Error('the writer never synced');
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    writer.doc.getXmlFragment(MINUTES_FIELD).push([paragraph]);
    await sleep(1000);
    bytes.reset();
    const started = performance.now();
    for (let seq = 0; performance.now() - started < seconds * 1000; seq++) {
      text.insert(text.length, seq % 8 === 7 ? ' ' : String.fromCharCode(97 + (seq % 26)));
      writer.provider.awareness.setLocalStateField('cursor', { index: text.length });
      const next = started + ((seq + 1) * 1000) / TYPED_CHARS_PER_SECOND;
      await sleep(Math.max(0, next - performance.now()));
    }
    const windowSeconds = (performance.now() - started) / 1000;
    const window = { received: bytes.received, sent: bytes.sent, byKind: Object.fromEntries(bytes.byKind) };
    const scale = (MEETING_MINUTES * 60) / windowSeconds;
    // What the page fetched over HTTP during the window (code fetched ahead for offline use, say) happens
    // once a meeting, not at every minute of it: counted once, and only the live traffic is scaled.
    const once = Object.entries(window.byKind)
      .filter(([kind]) => kind.startsWith('http '))
      .reduce((sum, [, bytes]) => ({ received: sum.received + bytes.received, sent: sum.sent + bytes.sent }), {
        received: 0,
        sent: 0,
      });
    return {
      openReceivedBytes: open.received,
      openSentBytes: open.sent,
      windowSeconds,
      windowReceivedBytes: window.received,
      windowSentBytes: window.sent,
      typedCharsPerSecond: TYPED_CHARS_PER_SECOND,
      meetingReceivedBytes: Math.round(open.received + once.received + (window.received - once.received) * scale),
      meetingSentBytes: Math.round(open.sent + once.sent + (window.sent - once.sent) * scale),
      openByKind: open.byKind,
      windowByKind: window.byKind,
    };
  } finally {
    writer.destroy();
    await context.close();
  }
}

export interface PageOptions {
  loads: number;
  slowLoads: number;
  /** A member's cookie for the traffic window (none: not measured), and the writer's (`cookie` by default). */
  memberCookie?: string | undefined;
  trafficSeconds: number;
  /** The collaboration server's websocket URL, for the writer. */
  wsUrl: string;
}

/**
 * Loads the meeting page `loads` times in Chromium, each on a fresh profile
 * signed in with `cookie`, then once more on that profile (warm); then
 * `slowLoads` cold loads over SLOW_3G; then one member's traffic. The first
 * cold load also counts the JavaScript the page pulls in.
 */
export async function measurePage(
  baseUrl: string,
  meetingId: string,
  cookie: string,
  options: PageOptions,
): Promise<PageResult> {
  const { loads } = options;
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const cold: number[] = [];
  const warm: number[] = [];
  const slow: number[] = [];
  let scripts = 0;
  let jsBytes = 0;
  let jsGzipBytes = 0;
  const scriptFiles: { path: string; gzipBytes: number }[] = [];
  const encodings = new Set<string>();
  let traffic: MeetingTraffic | null = null;
  try {
    const url = `${baseUrl}/meetings/${meetingId}`;
    for (let i = 0; i < loads; i++) {
      const context = await newSignedInContext(browser, baseUrl, cookie);
      try {
        const page = await context.newPage();
        const bodies: Promise<void>[] = [];
        if (i === 0) {
          page.on('response', (response: Response) => {
            if (response.request().resourceType() !== 'script') return;
            bodies.push(
              response.body().then(
                (body) => {
                  const gzipBytes = gzipSync(body).length;
                  scripts++;
                  jsBytes += body.length;
                  jsGzipBytes += gzipBytes;
                  scriptFiles.push({ path: new URL(response.url()).pathname, gzipBytes });
                  encodings.add(response.headers()['content-encoding'] ?? 'identity');
                },
                () => undefined,
              ),
            );
          });
        }
        cold.push(await readyAt(context, url));
        // Chunks the page fetches right after it is ready still belong to the meeting page.
        if (i === 0) await page.waitForLoadState('networkidle', { timeout: 10_000 }).catch(() => undefined);
        await Promise.all(bodies);
        page.removeAllListeners('response');
        warm.push(await readyAt(context, url));
      } finally {
        await context.close();
      }
    }
    for (let i = 0; i < options.slowLoads; i++) {
      const context = await newSignedInContext(browser, baseUrl, cookie);
      try {
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await cdp.send('Network.enable');
        await cdp.send('Network.emulateNetworkConditions', { offline: false, ...SLOW_3G });
        slow.push(await readyAt(context, url));
      } finally {
        await context.close();
      }
    }
    if (options.memberCookie && options.trafficSeconds > 0) {
      traffic = await measureTraffic(
        browser,
        baseUrl,
        meetingId,
        options.wsUrl,
        options.memberCookie,
        cookie,
        options.trafficSeconds,
      );
    }
  } finally {
    await browser.close();
  }
  scriptFiles.sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    loads,
    coldReadyMs: percentiles(cold),
    warmReadyMs: percentiles(warm),
    scripts,
    jsBytes,
    jsGzipBytes,
    servedEncoding: Array.from(encodings).join(',') || 'none',
    scriptFiles,
    slowColdReadyMs: percentiles(slow),
    traffic,
  };
}
