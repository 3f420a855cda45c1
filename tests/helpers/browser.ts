import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** Debian's chromium: playwright-core ships no browser of its own. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Flags that work as root in a container (STACK.md trap 13). Never
 * --user-data-dir: launch() throws on it, and already uses a fresh profile.
 */
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** How long one user-visible step may take on a loaded two-core machine. */
export const UI_TIMEOUT_MS = 30_000;

/** Starts headless Chromium; close it in afterAll. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
}

export interface Visitor {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors and console errors so far, for the report of a failed test. */
  errors: string[];
}

export interface VisitorOptions {
  /** False for a browser that has not run the page's JavaScript yet (or never will). */
  javaScriptEnabled?: boolean;
  /** A phone: 360 × 640, touch, a mobile browser's layout. */
  phone?: boolean;
}

/** The phone the issue reports were made on: a small Android screen. */
export const PHONE_VIEWPORT = { width: 360, height: 640 };

/**
 * A person at their own browser: a fresh profile (cookies, IndexedDB, service
 * workers of its own) with one tab open, relative URLs resolved against `baseUrl`.
 */
export async function newVisitor(browser: Browser, baseUrl: string, options: VisitorOptions = {}): Promise<Visitor> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    viewport: options.phone ? PHONE_VIEWPORT : { width: 1200, height: 900 },
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS * 2);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  return { context, page, errors };
}
