import { gzipSync } from 'node:zlib';
import { chromium, type BrowserContext, type Response } from 'playwright-core';
import { percentiles, type Percentiles } from './measure';

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

/**
 * Loads the meeting page `loads` times in Chromium, each on a fresh profile
 * signed in with `cookie`, then once more on that profile (warm). The first
 * cold load also counts the JavaScript the page pulls in.
 */
export async function measurePage(
  baseUrl: string,
  meetingId: string,
  cookie: string,
  loads: number,
): Promise<PageResult> {
  const [name, ...rest] = cookie.split('=');
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  const cold: number[] = [];
  const warm: number[] = [];
  let scripts = 0;
  let jsBytes = 0;
  let jsGzipBytes = 0;
  const encodings = new Set<string>();
  try {
    const url = `${baseUrl}/meetings/${meetingId}`;
    for (let i = 0; i < loads; i++) {
      const context = await browser.newContext({ viewport: { width: 1200, height: 900 } });
      try {
        await context.addCookies([{ name: name!, value: rest.join('='), url: baseUrl }]);
        await context.addInitScript({ content: READY_PROBE });
        const page = await context.newPage();
        const bodies: Promise<void>[] = [];
        if (i === 0) {
          page.on('response', (response: Response) => {
            if (response.request().resourceType() !== 'script') return;
            bodies.push(
              response.body().then(
                (body) => {
                  scripts++;
                  jsBytes += body.length;
                  jsGzipBytes += gzipSync(body).length;
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
  } finally {
    await browser.close();
  }
  return {
    loads,
    coldReadyMs: percentiles(cold),
    warmReadyMs: percentiles(warm),
    scripts,
    jsBytes,
    jsGzipBytes,
    servedEncoding: Array.from(encodings).join(',') || 'none',
  };
}
