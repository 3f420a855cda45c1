import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
  /** Uncaught page errors and console errors so far (a test fails on any it did not expect). */
  errors: string[];
}

export interface VisitorOptions {
  /** False for a browser that has not run the page's JavaScript yet (or never will). */
  javaScriptEnabled?: boolean;
  /** A phone: 360 × 640, touch, a mobile browser's layout. */
  phone?: boolean;
  /** 'block' keeps the app's service worker out, so every request the page makes reaches the test's routes. */
  serviceWorkers?: 'allow' | 'block';
}

/** The phone the issue reports were made on: a small Android screen. */
export const PHONE_VIEWPORT = { width: 360, height: 640 };

/**
 * Where the people using the app are: browsers in Vietnam, in Vietnamese,
 * while the server runs in UTC (tests/helpers/server.ts), so a time formatted
 * in the wrong zone, or differently on the server and in the browser, shows.
 */
export const VISITOR_TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VISITOR_LOCALE = 'vi-VN';

/**
 * Console errors a browser logs when a test does on purpose what makes them:
 * tests name the ones they cause (E2eApp.expectConsoleErrors), any other
 * fails the test.
 */
export const EXPECTED_BROWSER_ERRORS = {
  /** A refused password: the sign-in request is answered 401, which the browser logs. */
  refusedSignIn: /status of 401 \(Unauthorized\) \[[^\]]*\/api\/auth\/callback\/credentials/,
  /** The network taken away (setOffline): requests and websocket connections fail. */
  offline: /net::ERR_INTERNET_DISCONNECTED/,
  /** Offline, a page the service worker did not keep: it answers 503 for the page. */
  pageNotKept: /status of 503 \(\) \[[^\]]*\/meetings\//,
  /** Offline, a dashboard the service worker did not keep (signed out): it answers 503 for /. */
  startPageNotKept: /status of 503 \(\) \[https?:\/\/[^/\]]+\/\]/,
  /**
   * Offline, a link followed on a kept page: Next cannot fetch the next page's
   * data, says so, and loads the page the ordinary way (which the worker answers).
   */
  linkFallsBackToPageLoad: /Failed to fetch RSC payload for .* Falling back to browser navigation/,
  /** The server stopped: the page's websocket retries are refused until it is back. */
  serverDown: /net::ERR_CONNECTION_REFUSED/,
};

/**
 * A person at their own browser: a fresh profile (cookies, IndexedDB, service
 * workers of its own) with one tab open, relative URLs resolved against `baseUrl`.
 */
export async function newVisitor(browser: Browser, baseUrl: string, options: VisitorOptions = {}): Promise<Visitor> {
  const context = await browser.newContext({
    baseURL: baseUrl,
    javaScriptEnabled: options.javaScriptEnabled ?? true,
    serviceWorkers: options.serviceWorkers ?? 'allow',
    viewport: options.phone ? PHONE_VIEWPORT : { width: 1200, height: 900 },
    timezoneId: VISITOR_TIME_ZONE,
    locale: VISITOR_LOCALE,
    ...(options.phone ? { isMobile: true, hasTouch: true, deviceScaleFactor: 2 } : {}),
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS * 2);
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    // With the address it came from: "Failed to load resource" does not say which.
    if (message.type() === 'error') errors.push(`console: ${message.text()} [${message.location().url}]`);
  });
  return { context, page, errors };
}

/**
 * A browser with a profile on disk, as a phone's browser is: Chromium will
 * not install an app from an incognito-like context (what newContext gives),
 * so its installability check needs this. A browser of its own, with the
 * visitors' time zone and language; `close` removes the profile. Its console
 * errors are collected in `errors` for the test to check.
 */
export async function launchProfileBrowser(baseUrl: string): Promise<Visitor & { close(): Promise<void> }> {
  const profile = mkdtempSync(path.join(tmpdir(), 'bienban-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_ARGS,
    baseURL: baseUrl,
    viewport: PHONE_VIEWPORT,
    timezoneId: VISITOR_TIME_ZONE,
    locale: VISITOR_LOCALE,
  });
  context.setDefaultTimeout(UI_TIMEOUT_MS);
  context.setDefaultNavigationTimeout(UI_TIMEOUT_MS * 2);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()} [${message.location().url}]`);
  });
  return {
    context,
    page,
    errors,
    async close() {
      await context.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
