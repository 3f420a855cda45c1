import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHONE_VIEWPORT, type Visitor } from '../helpers/browser';
import { useE2eApp, type Person } from '../helpers/e2e-app';
import { MeetingRecordPage } from './pages/meeting-record-page';
import { SignInPage } from './pages/sign-in-page';
import { layoutProblems, setBrowserFontSize } from './pages/text-zoom';
import { TextSizeSwitch } from './pages/text-size-switch';

/** Screenshots to look at (not kept in git). */
const SHOTS = path.join(process.cwd(), 'tests', '.artifacts', 'a11y');

/**
 * Text follows the size the person chose for their browser or phone, the
 * header's "Chữ lớn" makes it larger and darker and is remembered on the
 * account, and at 200% text a 360 px phone still shows every page without
 * scrolling sideways or cutting words off.
 */
describe('text size', () => {
  const started = useE2eApp({ seed: 'demo' });
  const demo = () => started.app.demo!;
  const scheduled = () => demo().meetings.find((m) => m.state === 'scheduled')!.id;
  const approved = () => demo().meetings.find((m) => m.state === 'approved')!.id;
  const person = (email: string): Person => {
    const member = demo().members.find((m) => m.email === email)!;
    return { id: member.userId, name: member.name, email, password: demo().password };
  };

  async function signIn(visitor: Visitor, who: Person): Promise<void> {
    const signInPage = new SignInPage(visitor.page);
    await signInPage.goto();
    await signInPage.signIn(who.email, who.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
  }

  it("follows the browser's default font size, on a phone and on a desktop", async () => {
    for (const phone of [false, true]) {
      const visitor = await started.app.visitor({ phone });
      const text = new TextSizeSwitch(visitor.page);
      await visitor.page.goto('/signin');
      // 125% of the usual 16 px on a desktop (the 20 px the app was drawn at), a little less in the phone layout.
      expect(await text.rootFontSize()).toBe(phone ? 19 : 20);
      await setBrowserFontSize(visitor.page, 32);
      await visitor.page.goto('/signin');
      // Twice the text: 1200 px is now less than 40em (1280 px), so the desktop too shows the phone layout.
      expect(await text.rootFontSize()).toBe(38);
      const heading = await visitor.page.locator('main h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));
      expect(heading).toBeGreaterThanOrEqual(38);
      await visitor.context.close();
    }
  });

  it('"Chữ lớn" makes text larger, is kept on the account for the next phone, and in a cookie once signed out', async () => {
    const lan = person('lanpt@demo.bienban.vn');
    const first = await started.app.visitor({ phone: true });
    await signIn(first, lan);
    const text = new TextSizeSwitch(first.page);
    expect(await text.size()).toBe('normal');
    const before = await text.rootFontSize();
    await text.set('large');
    expect(await text.rootFontSize()).toBeGreaterThan(before * 1.2);
    expect(await text.button.getAttribute('aria-pressed')).toBe('true');

    // Another phone: drawn large from its first paint, in the HTML the server sent.
    const second = await started.app.visitor({ phone: true });
    await signIn(second, lan);
    const response = await second.page.goto('/');
    expect(await response!.text()).toMatch(/<html[^>]*data-text-size="large"/);

    // Signed out on the first phone, its cookie keeps the choice on the sign-in page.
    await first.context.clearCookies({ name: /session-token/ });
    await first.page.goto('/signin');
    expect(await text.size()).toBe('large');

    // The second phone never had the switch pressed; once its session ends, its sign-in page is large too.
    const onSecond = new TextSizeSwitch(second.page);
    await expect
      .poll(async () => (await second.context.cookies()).find((c) => c.name === 'text-size')?.value)
      .toBe('large');
    await second.context.clearCookies({ name: /session-token/ });
    await second.page.goto('/signin');
    expect(await onSecond.size()).toBe('large');
    await signIn(second, lan);

    // Turned off on the second phone, for the account.
    await onSecond.set('normal');
    expect(await onSecond.rootFontSize()).toBe(before);
    await first.context.close();
    await second.context.close();
  });

  it('keeps every main page within a 360 px phone at 200% text, nothing cut off', { timeout: 600_000 }, async () => {
    const hung = person('hungnv@demo.bienban.vn');
    const visitor = await started.app.visitor({ phone: true });
    await setBrowserFontSize(visitor.page, 32);
    await signIn(visitor, hung);
    const cellId = demo().cellId;
    const pages = [
      '/',
      `/cells/${cellId}`,
      `/cells/${cellId}/tasks`,
      '/tasks',
      '/archive',
      '/search?q=ngh%E1%BB%8B+quy%E1%BA%BFt',
      '/committee',
      '/verify',
      `/meetings/${approved()}`,
      `/meetings/${approved()}/versions`,
      `/meetings/${scheduled()}`,
    ];
    const problems: string[] = [];
    const meeting = new MeetingRecordPage(visitor.page);
    for (const url of pages) {
      await visitor.page.goto(url);
      if (url.startsWith('/meetings/') && !url.endsWith('/versions')) await meeting.editor.waitUntilShown();
      await visitor.page.evaluate(() => document.fonts.ready.then(() => undefined));
      const tabs =
        url === `/meetings/${scheduled()}` ? (['preparation', 'now', 'minutes', 'attendance'] as const) : [null];
      for (const tab of tabs) {
        if (tab) await meeting.openTab(tab);
        const found = await layoutProblems(visitor.page, PHONE_VIEWPORT.width);
        const where = tab ? `${url} (${tab})` : url;
        if (found.sidewaysScroll > 0)
          problems.push(`${where}: scrolls ${found.sidewaysScroll} px sideways (${found.tooWide.join('; ')})`);
        problems.push(...found.clipped.map((c) => `${where}: ${c}`));
      }
    }
    mkdirSync(SHOTS, { recursive: true });
    await visitor.page.goto(`/meetings/${scheduled()}`);
    await meeting.editor.waitUntilShown();
    await visitor.page.screenshot({ path: path.join(SHOTS, 'meeting-phone-200-percent.png') });
    expect(problems.join('\n')).toBe('');
  });

  it('shows the meeting on a phone at the default size and with "Chữ lớn" (screenshots)', async () => {
    const hung = person('hungnv@demo.bienban.vn');
    const visitor = await started.app.visitor({ phone: true });
    await signIn(visitor, hung);
    const meeting = new MeetingRecordPage(visitor.page);
    const text = new TextSizeSwitch(visitor.page);
    mkdirSync(SHOTS, { recursive: true });
    for (const size of ['normal', 'large'] as const) {
      await text.set(size);
      await meeting.goto(scheduled());
      await meeting.editor.waitUntilShown();
      await visitor.page.evaluate(() => document.fonts.ready.then(() => undefined));
      expect((await layoutProblems(visitor.page, PHONE_VIEWPORT.width)).sidewaysScroll).toBe(0);
      await visitor.page.screenshot({ path: path.join(SHOTS, `meeting-phone-${size}.png`) });
      await meeting.openTab('minutes');
      await visitor.page.screenshot({ path: path.join(SHOTS, `meeting-phone-${size}-minutes.png`) });
    }
    await text.set('normal');
  });
});
