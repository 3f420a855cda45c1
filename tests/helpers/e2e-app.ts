import type { Browser } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach } from 'vitest';
import { launchBrowser, newVisitor, type Visitor, type VisitorOptions } from './browser';
import { openServices } from '../../server/bootstrap';
import { seedDemo, type DemoSummary } from '../../server/cli/seed-demo';
import { seedCell, TEST_PASSWORD } from './fixtures';
import { makeDataDir, removeDataDir, startServer, type RunningServer } from './server';

export interface Person {
  id: string;
  name: string;
  email: string;
  password: string;
}

/** What seedCell created, as plain data: the specs only talk to the app through the browser. */
export interface SeededCell {
  cellId: string;
  cellName: string;
  committeeName: string;
  meetingId: string;
  admin: Person;
  secretary: Person;
  member: Person;
  /** Exempted from activities: listed in the roll call, not expected. */
  exempted: Person;
}

export interface E2eApp {
  /** The running server (pages and websocket); replaced by restart(). */
  readonly server: RunningServer;
  readonly browser: Browser;
  /** Null for an empty installation (startApp({ seed: false })) or the demo (seed: 'demo'). */
  readonly seeded: SeededCell | null;
  /** The demo organisation (startApp({ seed: 'demo' })): its members, password and meetings. */
  readonly demo: DemoSummary | null;
  /** Everyone who opened a browser so far. */
  readonly visitors: readonly Visitor[];
  /** A new person at a new browser profile, opened on this server. */
  visitor(options?: VisitorOptions): Promise<Visitor>;
  /**
   * Console errors the current test causes on purpose (a refused inline
   * script, a network taken away): any other console error or uncaught page
   * error fails the test (useE2eApp). Applies until the test ends.
   */
  expectConsoleErrors(...patterns: RegExp[]): void;
  /** The patterns expectConsoleErrors added, emptied by useE2eApp after each test. */
  readonly expectedConsoleErrors: RegExp[];
  /**
   * SIGTERM, wait for `whileDown` (what a test checks while the server is
   * gone), then start again on the same port with the same data directory.
   * Resolves with the stopped process's exit code.
   */
  restart(whileDown?: () => Promise<void>): Promise<number | null>;
  /** Closes every visitor and the browser, stops the server and removes the data directory. */
  close(): Promise<void>;
}

const person = (user: { id: string; name: string; email: string }): Person => ({
  id: user.id,
  name: user.name,
  email: user.email,
  password: TEST_PASSWORD,
});

/**
 * One test file's installation: a fresh data directory (seeded with
 * seedCell unless `seed: false`), the real server serving the built pages on
 * a port of its own, and a headless Chromium. Needs `npx next build` first.
 */
export async function startApp(options: { seed?: boolean | 'demo' } = {}): Promise<E2eApp> {
  const dataDir = makeDataDir('bienban-e2e-');
  let seeded: SeededCell | null = null;
  let demo: DemoSummary | null = null;
  if (options.seed === 'demo') {
    const { services, handle } = await openServices({ dataDir, databaseUrl: undefined });
    try {
      demo = await seedDemo(services);
    } finally {
      await handle.close();
    }
  } else if (options.seed !== false) {
    const fixture = await seedCell(dataDir);
    const cell = await fixture.services.organisations.getCell(fixture.cellId);
    seeded = {
      cellId: fixture.cellId,
      cellName: cell?.name ?? '',
      committeeName: cell?.committeeName ?? '',
      meetingId: fixture.meetingId,
      admin: person(fixture.admin),
      secretary: person(fixture.secretary),
      member: person(fixture.member),
      exempted: person(fixture.exempted),
    };
    // The server is the only one using the database from here on.
    await fixture.handle.close();
  }

  let server: RunningServer;
  let browser: Browser;
  try {
    server = await startServer({ dataDir, withNext: true });
  } catch (error) {
    removeDataDir(dataDir);
    throw error;
  }
  try {
    browser = await launchBrowser();
  } catch (error) {
    await server.stop();
    removeDataDir(dataDir);
    throw error;
  }
  const port = server.port;
  const visitors: Visitor[] = [];
  const expectedErrors: RegExp[] = [];

  const app: E2eApp = {
    get server() {
      return server;
    },
    browser,
    seeded,
    demo,
    visitors,
    async visitor(visitorOptions) {
      const visitor = await newVisitor(browser, server.url, visitorOptions);
      visitors.push(visitor);
      return visitor;
    },
    expectConsoleErrors(...patterns) {
      expectedErrors.push(...patterns);
    },
    expectedConsoleErrors: expectedErrors,
    async restart(whileDown) {
      const code = await server.stop();
      await whileDown?.();
      // The port the first start chose: open pages reconnect to it by themselves.
      server = await startServer({ dataDir, withNext: true, port });
      return code;
    },
    async close() {
      for (const visitor of visitors) await visitor.context.close().catch(() => undefined);
      await browser.close().catch(() => undefined);
      await server.stop();
      removeDataDir(dataDir);
    },
  };
  return app;
}

/** Where each visitor's error list stood when a test began. */
type ErrorMarks = Map<Visitor, number>;

function markErrors(app: E2eApp): ErrorMarks {
  return new Map(app.visitors.map((visitor) => [visitor, visitor.errors.length]));
}

/**
 * The console errors and uncaught page errors of every browser since
 * `marks`, except those the test said it expects; clears the expectations.
 */
function unexpectedErrors(app: E2eApp, marks: ErrorMarks): string[] {
  const expected = app.expectedConsoleErrors.splice(0);
  return app.visitors.flatMap((visitor, i) =>
    visitor.errors
      .slice(marks.get(visitor) ?? 0)
      .filter((error) => !expected.some((pattern) => pattern.test(error)))
      .map((error) => `browser ${i + 1}: ${error}`),
  );
}

/**
 * After a failed test, prints what the browsers and the server said: a red
 * end-to-end test is otherwise hard to read. Call once at the top of a file.
 */
export function reportFailures(app: () => E2eApp | undefined): void {
  afterEach((context) => {
    const running = app();
    if (!running || context.task.result?.state !== 'fail') return;
    const lines: string[] = [];
    for (const [i, visitor] of running.visitors.entries()) {
      lines.push(`--- browser ${i + 1} at ${visitor.page.url()}`, ...visitor.errors.slice(-20));
    }
    lines.push('--- server log (tail)', ...running.server.logs().split('\n').slice(-40));
    process.stderr.write(`${lines.join('\n')}\n`);
  });
}

/**
 * The app of one test file: started before its tests (seeded with a cell
 * unless `seed: false`), closed after them, with the browsers' and the
 * server's logs printed for a failing test.
 */
export function useE2eApp(options: { seed?: boolean | 'demo' } = {}): {
  readonly app: E2eApp;
  readonly cell: SeededCell;
} {
  let running: E2eApp | undefined;
  let marks: ErrorMarks = new Map();
  beforeAll(async () => {
    running = await startApp(options);
  });
  afterAll(async () => {
    await running?.close();
  });
  reportFailures(() => running);
  // A page that logs an error (a failed hydration, an exception, a refused
  // request) is broken for its user even when the steps of the test passed.
  beforeEach(() => {
    if (running) marks = markErrors(running);
  });
  afterEach(() => {
    if (!running) return;
    const unexpected = unexpectedErrors(running, marks);
    if (unexpected.length > 0) {
      throw new Error(`The browsers reported errors during this test:\n${unexpected.join('\n')}`);
    }
  });
  return {
    get app(): E2eApp {
      if (!running) throw new Error('the app has not started');
      return running;
    },
    get cell(): SeededCell {
      if (!this.app.seeded) throw new Error('the app was started without a seeded cell');
      return this.app.seeded;
    },
  };
}
