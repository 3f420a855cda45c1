import type { Response } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Visitor } from '../helpers/browser';
import type { E2eApp, Person } from '../helpers/e2e-app';
import { useE2eApp } from '../helpers/e2e-app';
import { startForeignSite } from '../helpers/foreign-site';
import { MeetingPage } from './pages/meeting-page';
import { policyOf, PolicyViolations, scriptTags, type PagePolicy } from './pages/page-policy';
import { SignInPage } from './pages/sign-in-page';

/** A person at their own browser, watched for policy violations from the first page on, signed in on the dashboard. */
async function watchedSignIn(
  app: E2eApp,
  person: Person,
): Promise<{ visitor: Visitor; violations: PolicyViolations; signInPage: Response; dashboard: Response }> {
  const visitor = await app.visitor();
  const violations = await PolicyViolations.watch(visitor.context);
  const signIn = new SignInPage(visitor.page);
  const signInPage = await visitor.page.goto('/signin');
  const dashboard = visitor.page.waitForResponse(
    (response) => response.request().isNavigationRequest() && new URL(response.url()).pathname === '/',
  );
  await signIn.signIn(person.email, person.password);
  await visitor.page.waitForURL((url) => url.pathname === '/');
  return { visitor, violations, signInPage: signInPage!, dashboard: await dashboard };
}

/** Checks the headers every page of the app must carry over plain http. */
function expectSecurityHeaders(policy: PagePolicy, host: string): void {
  const { headers, directives } = policy;
  expect(policy.nonce).toMatch(/^[A-Za-z0-9+/=]{16,}$/);
  expect(directives['default-src']).toEqual(["'self'"]);
  expect(directives['script-src']).toEqual(["'self'", `'nonce-${policy.nonce}'`, "'strict-dynamic'"]);
  expect(directives['frame-ancestors']).toEqual(["'none'"]);
  expect(directives['object-src']).toEqual(["'none'"]);
  expect(directives['connect-src']).toEqual(["'self'", `ws://${host}`, `wss://${host}`]);
  expect(headers['x-frame-options']).toBe('DENY');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('same-origin');
  const permissions = (headers['permissions-policy'] ?? '').split(/,\s*/);
  for (const feature of ['camera=()', 'microphone=()', 'geolocation=()', 'payment=()']) {
    expect(permissions).toContain(feature);
  }
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  // The app is served over http here: telling browsers to insist on https would lock them out.
  expect(headers['strict-transport-security']).toBeUndefined();
}

describe('the security headers of the app’s pages', () => {
  const started = useE2eApp();

  it('give every load of a meeting page a fresh nonce, and the minutes are written and shared without one policy violation', async () => {
    const host = new URL(started.app.server.url).host;
    const binh = await watchedSignIn(started.app, started.cell.member);
    expectSecurityHeaders(policyOf(binh.signInPage), host);
    expectSecurityHeaders(policyOf(binh.dashboard), host);

    const binhMeeting = new MeetingPage(binh.visitor.page);
    const firstLoad = await binh.visitor.page.goto(`/meetings/${started.cell.meetingId}`);
    const first = policyOf(firstLoad!);
    expectSecurityHeaders(first, host);
    // Next.js put this load's nonce on every script it rendered, its inline bootstrap included.
    const scripts = scriptTags(await firstLoad!.text());
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts.filter((tag) => !tag.includes(` nonce="${first.nonce}"`))).toEqual([]);

    await binhMeeting.editor.waitUntilEditable();
    await expect.poll(() => binhMeeting.status.connection()).toBe('connected');

    const an = await watchedSignIn(started.app, started.cell.secretary);
    const anMeeting = new MeetingPage(an.visitor.page);
    await anMeeting.goto(started.cell.meetingId);
    await anMeeting.editor.waitUntilEditable();

    const written = 'Ghi dưới chính sách bảo mật nội dung, không có gì bị chặn.';
    await binhMeeting.editor.typeParagraphAtEnd(written);
    await expect.poll(() => binhMeeting.status.saved()).toBe(true);
    await expect.poll(() => anMeeting.editor.text()).toContain(written);

    const secondLoad = await binh.visitor.page.reload();
    const second = policyOf(secondLoad!);
    expectSecurityHeaders(second, host);
    expect(second.nonce).not.toBe(first.nonce);
    expect(scriptTags(await secondLoad!.text()).filter((tag) => !tag.includes(` nonce="${second.nonce}"`))).toEqual([]);
    await binhMeeting.editor.waitUntilEditable();
    await expect.poll(() => binhMeeting.editor.text()).toContain(written);
    await expect.poll(() => binhMeeting.status.connection()).toBe('connected');

    expect({ binh: binh.violations.list(), an: an.violations.list() }).toEqual({ binh: [], an: [] });
  });

  it('refuses code the page did not bring with its nonce, such as an inline event handler, and reports it', async () => {
    const { visitor, violations } = await watchedSignIn(started.app, started.cell.member);
    const meeting = new MeetingPage(visitor.page);
    await meeting.goto(started.cell.meetingId);
    await meeting.editor.waitUntilEditable();

    started.app.expectConsoleErrors(/Executing inline event handler violates the following Content Security Policy/);
    const ran = await visitor.page.evaluate(() => {
      const bait = document.createElement('button');
      bait.setAttribute('onclick', 'window.__e2eInlineHandlerRan = true');
      document.body.append(bait);
      bait.click();
      bait.remove();
      return (window as unknown as { __e2eInlineHandlerRan?: boolean }).__e2eInlineHandlerRan === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.list().some((line) => line.startsWith('event: script-src-attr'))).toBe(true);
  });

  it('shows nothing of the minutes inside a frame of another site', async () => {
    const { visitor } = await watchedSignIn(started.app, started.cell.member);
    const meetingUrl = `${started.app.server.url}/meetings/${started.cell.meetingId}`;
    const site = await startForeignSite({
      '/': `<!doctype html><title>Trang lạ</title>
        <iframe id="app" src="${meetingUrl}" width="800" height="600"></iframe>
        <iframe id="control" src="/inner" width="200" height="100"></iframe>`,
      '/inner': '<!doctype html><p id="inner">Trang con của chính trang lạ</p>',
    });
    try {
      // The browser's refusal, and the other site having no icon.
      started.app.expectConsoleErrors(/frame-ancestors 'none'/, /status of 404 \(Not Found\) \[[^\]]*\/favicon\.ico\]/);
      const messages: string[] = [];
      visitor.page.on('console', (message) => messages.push(message.text()));
      const appAnswered = visitor.page.waitForResponse((response) => response.url() === meetingUrl);
      await visitor.page.goto(site.url);

      // The app did answer; it is the browser that refuses to show the answer inside the frame.
      expect((await appAnswered).status()).toBe(200);
      const control = visitor.page.frameLocator('#control');
      await control.locator('#inner').waitFor();
      const app = visitor.page.frameLocator('#app');
      await expect.poll(() => messages.some((line) => line.includes("frame-ancestors 'none'"))).toBe(true);
      expect(await app.locator('[data-testid="minutes-editor"]').count()).toBe(0);
      expect(await app.locator('main').count()).toBe(0);
      expect(visitor.page.frames().map((frame) => frame.url())).not.toContain(meetingUrl);
    } finally {
      await site.close();
    }
  });
});
