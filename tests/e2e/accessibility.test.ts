import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { describeViolations, seriousViolations } from '../helpers/axe';
import type { Visitor } from '../helpers/browser';
import { useE2eApp, type Person } from '../helpers/e2e-app';
import { waitUntilInteractive } from './pages/interactive';
import { KeyboardUser } from './pages/keyboard';
import { MeetingRecordPage } from './pages/meeting-record-page';
import { SignInPage } from './pages/sign-in-page';
import { TextSizeSwitch } from './pages/text-size-switch';

/** The 404 page is reached on purpose: its document answers 404, which the browser logs. */
const NOT_FOUND_LOGGED = /status of 404 \(Not Found\)/;
const MISSING_PAGE = '/khong-co-trang-nay';

type Role = 'signedOut' | 'member' | 'secretary' | 'overseer' | 'admin';

/**
 * Every page a member, the cell's secretary, an overseer and an
 * administrator reach in the demo, checked with axe-core on a phone and a
 * desktop, at the default text size and with "Chữ lớn" on: no violation of
 * impact serious or critical. Then the core of a meeting, run from the
 * keyboard alone, with the focus visible at every step.
 */
describe('accessibility of every page', () => {
  const started = useE2eApp({ seed: 'demo' });
  const demo = () => started.app.demo!;
  const mainCell = () => demo().cellId;
  const scheduled = () => demo().meetings.find((m) => m.state === 'scheduled')!.id;
  const approved = () => demo().meetings.find((m) => m.state === 'approved')!.id;

  const byEmail = (email: string): Person => {
    const member = demo().members.find((m) => m.email === email)!;
    return { id: member.userId, name: member.name, email, password: demo().password };
  };
  const people: Record<Exclude<Role, 'signedOut'>, () => Person> = {
    secretary: () => byEmail('hungnv@demo.bienban.vn'),
    member: () => byEmail('lanpt@demo.bienban.vn'),
    overseer: () => ({ ...demo().overseer!, password: demo().password }),
    admin: () => ({ id: demo().admin!.id, name: 'admin', email: demo().admin!.email, password: demo().password }),
  };

  const meetingPages = () => [
    `/meetings/${approved()}`,
    `/meetings/${approved()}/versions`,
    `/meetings/${approved()}/print`,
  ];
  const pagesOf: Record<Role, () => string[]> = {
    signedOut: () => ['/signin', '/setup', '/invite/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', MISSING_PAGE],
    member: () => [
      '/',
      `/cells/${mainCell()}`,
      `/cells/${mainCell()}/tasks`,
      '/tasks',
      '/archive',
      '/search?q=ngh%E1%BB%8B+quy%E1%BA%BFt',
      '/committee',
      '/verify',
      `/meetings/${scheduled()}`,
      ...meetingPages(),
      MISSING_PAGE,
    ],
    secretary: () => ['/', `/cells/${mainCell()}`, `/cells/${mainCell()}/tasks`, '/audit', `/meetings/${scheduled()}`],
    overseer: () => ['/', '/committee', '/archive', `/cells/${mainCell()}`, ...meetingPages()],
    admin: () => ['/', '/audit', '/outbox', `/cells/${mainCell()}`, '/committee', '/setup', `/meetings/${approved()}`],
  };

  async function signIn(visitor: Visitor, who: Person): Promise<void> {
    const signInPage = new SignInPage(visitor.page);
    await signInPage.goto();
    await signInPage.signIn(who.email, who.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
  }

  /** Opens a page and waits until what it shows has settled (a meeting's live minutes included). */
  async function open(page: Page, url: string): Promise<void> {
    await page.goto(url);
    await page.locator('main').waitFor();
    if (/^\/meetings\/[^/]+$/.test(url)) await new MeetingRecordPage(page).editor.waitUntilShown();
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
  }

  /** Visits the role's pages on a phone and a desktop, at both text sizes; returns every serious violation found. */
  async function sweep(role: Role): Promise<string[]> {
    if (pagesOf[role]().includes(MISSING_PAGE)) started.app.expectConsoleErrors(NOT_FOUND_LOGGED);
    const phone = await started.app.visitor({ phone: true });
    const desktop = await started.app.visitor();
    if (role !== 'signedOut') {
      await signIn(phone, people[role]());
      await signIn(desktop, people[role]());
    }
    const found: string[] = [];
    for (const size of ['normal', 'large'] as const) {
      for (const [device, visitor] of [
        ['phone', phone],
        ['desktop', desktop],
      ] as const) {
        // Signed in, the account keeps the choice for both browsers; signed out, each browser's cookie does.
        if (device === 'phone' || role === 'signedOut') {
          await open(visitor.page, role === 'signedOut' ? '/signin' : '/');
          await new TextSizeSwitch(visitor.page).set(size);
        }
        for (const url of pagesOf[role]()) {
          await open(visitor.page, url);
          expect(await new TextSizeSwitch(visitor.page).size(), url).toBe(size);
          found.push(...describeViolations(`${device} ${size} ${url}`, await seriousViolations(visitor.page)));
        }
      }
    }
    await phone.context.close();
    await desktop.context.close();
    return found;
  }

  for (const role of ['signedOut', 'member', 'secretary', 'overseer', 'admin'] as const) {
    it(`has no serious or critical violation on the pages of ${role}`, { timeout: 900_000 }, async () => {
      expect((await sweep(role)).join('\n')).toBe('');
    });
  }

  it(
    'the chair runs the meeting from the keyboard alone, and always sees where the focus is',
    { timeout: 600_000 },
    async () => {
      const hung = people.secretary();
      const lan = people.member();
      const visitor = await started.app.visitor();
      await signIn(visitor, hung);
      const page = visitor.page;
      const keys = new KeyboardUser(page);
      const meeting = new MeetingRecordPage(page);

      // From the home page to the meeting, by its link.
      await keys.press(page.locator(`main a[href="/meetings/${scheduled()}"]`).first());
      await page.waitForURL((url) => url.pathname === `/meetings/${scheduled()}`);
      await meeting.editor.waitUntilShown();

      await keys.choose(page.getByTestId('roles-chair'), hung.name);
      await keys.choose(page.getByTestId('roles-secretary'), lan.name);
      await keys.press(page.getByTestId('roles-save'));
      await expect.poll(() => meeting.roleHolders()).toEqual({ chair: hung.name, secretary: lan.name });

      await keys.press(page.getByTestId('meeting-start'));
      const askedAboutTheDay = page.getByTestId('meeting-start-confirm');
      const running = page.locator('[data-testid="timer"][data-state="running"]');
      await askedAboutTheDay.or(running).first().waitFor();
      if (await askedAboutTheDay.isVisible()) await keys.press(askedAboutTheDay);
      await running.waitFor();
      const during = await seriousViolations(page);
      expect(describeViolations('meeting in progress', during).join('\n')).toBe('');

      // The roll call's controls hydrate apart from the rest of the page, which the editor showing does not cover.
      await waitUntilInteractive(page.getByTestId('attendance-all-present'));
      await keys.press(page.getByTestId('attendance-all-present'));
      await page.getByTestId('attendance-all-present').waitFor({ state: 'detached' });

      await keys.choose(page.getByTestId('speaker-add-member'), lan.name);
      await keys.press(page.getByTestId('speaker-add-submit'));
      const lanWaiting = page.getByTestId('speaker-item').filter({ hasText: lan.name });
      await keys.press(lanWaiting.getByTestId('speaker-give-floor'));
      await page.getByTestId('speaker-current').filter({ hasText: lan.name }).waitFor();

      const title = 'Thông qua kế hoạch tháng 12';
      const votes = meeting.votes;
      await keys.typeInto(votes.root.getByTestId('vote-title'), title);
      await keys.press(votes.root.getByTestId('vote-open'));
      await votes.vote(title).and(votes.root.locator('[data-state="open"]')).waitFor();
      const counts = votes.vote(title).getByTestId('vote-counts-form');
      await keys.typeInto(counts.getByTestId('vote-count-for'), '9');
      await keys.typeInto(counts.getByTestId('vote-count-against'), '0');
      await keys.typeInto(counts.getByTestId('vote-count-other'), '0');
      await keys.press(counts.getByTestId('vote-counts-save'));
      await votes.countsRecorded(title).waitFor();
      await keys.pressWithSpace(votes.vote(title).getByTestId('vote-close'));
      await votes.vote(title).and(votes.root.locator('[data-state="closed"]')).waitFor();

      const said = 'Chi bộ thống nhất kế hoạch tháng 12.';
      await keys.tabTo(page.getByTestId('minutes-editor').locator('.ProseMirror'));
      await page.keyboard.press('Control+End');
      await page.keyboard.press('Enter');
      await page.keyboard.type(said);
      await expect.poll(() => page.getByTestId('minutes-editor').innerText()).toContain(said);

      await keys.press(page.getByTestId('meeting-end'));
      const confirmEnd = page.getByTestId('meeting-end-confirm');
      const ended = page.locator('[data-testid="timer"][data-state="ended"]');
      await confirmEnd.or(ended).first().waitFor();
      if (await confirmEnd.isVisible()) await keys.press(confirmEnd);
      await ended.waitFor();
      const after = await seriousViolations(page);
      expect(describeViolations('meeting ended', after).join('\n')).toBe('');
    },
  );
});
