import { describe, expect, it } from 'vitest';
import vi from '../../messages/vi.json';
import { useE2eApp } from '../helpers/e2e-app';
import { ArchivePage } from './pages/archive-page';
import { waitUntilInteractive } from './pages/interactive';
import { SignInPage } from './pages/sign-in-page';

describe('the archive of the demo cell, read on a phone', () => {
  const started = useE2eApp({ seed: 'demo' });

  async function memberOnPhone() {
    const demo = started.app.demo!;
    const member = demo.members.find((m) => m.role === 'member' && m.status === 'full')!;
    const visitor = await started.app.visitor({ phone: true });
    const signIn = new SignInPage(visitor.page);
    await signIn.goto();
    await signIn.signIn(member.email!, demo.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
    return visitor;
  }

  it('lists every meeting of the cell by month, latest first, the approved ones with their seal', async () => {
    const demo = started.app.demo!;
    const visitor = await memberOnPhone();
    const archive = new ArchivePage(visitor.page);
    await archive.openFromHeader();

    expect(await archive.items.count()).toBe(demo.meetings.length);
    const months = [...new Set(demo.meetings.map((m) => m.startsAt.slice(0, 7)))].sort().reverse();
    expect(await archive.months()).toEqual(
      months.map((ym) =>
        vi.archive.month.replace('{month}', String(Number(ym.slice(5)))).replace('{year}', ym.slice(0, 4)),
      ),
    );
    for (const meeting of demo.meetings.filter((m) => m.sealedHash)) {
      const item = visitor.page.locator(`[data-testid="archive-item"][data-meeting-id="${meeting.id}"]`);
      expect(await item.getByTestId('archive-item-seal').innerText()).toContain(meeting.sealedHash!.slice(0, 12));
    }
    expect(await visitor.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('narrows the list to approved minutes, and opens one read-only with its seal', async () => {
    const demo = started.app.demo!;
    const visitor = await memberOnPhone();
    const archive = new ArchivePage(visitor.page);
    await archive.goto();
    await archive.filter({ state: vi.meetingState.approved });
    const approved = demo.meetings.filter((m) => m.state === 'approved');
    expect(await archive.items.count()).toBe(approved.length);
    expect(new URL(visitor.page.url()).searchParams.get('state')).toBe('approved');

    await archive.items.first().locator('.meeting-list__title').click();
    await visitor.page.waitForURL((url) => url.pathname === `/meetings/${approved[0]!.id}`);
    expect(await visitor.page.getByTestId('sealed-banner').innerText()).toContain(approved[0]!.sealedHash!);
  });

  it('records next month’s meeting as postponed, with its reason, and the archive shows the month as not held', async () => {
    const demo = started.app.demo!;
    const secretary = demo.members.find((m) => m.role === 'secretary')!;
    const next = demo.meetings.find((m) => m.state === 'scheduled')!;
    const visitor = await started.app.visitor({ phone: true });
    const signIn = new SignInPage(visitor.page);
    await signIn.goto();
    await signIn.signIn(secretary.email!, demo.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
    await visitor.page.goto(`/meetings/${next.id}`);

    const form = visitor.page.getByTestId('not-held-form');
    // The form is loaded after the page; used before it hydrates, it would submit natively and reload the page.
    await waitUntilInteractive(form.getByTestId('not-held-submit'));
    await form.getByTestId('not-held-reason').selectOption({ label: vi.notHeld.reason.postponed });
    await form.getByTestId('not-held-submit').click();
    // Without a reason nothing is recorded.
    await form.getByRole('alert').waitFor();
    const reason = 'Bão số 9, hoãn sang thứ Bảy tuần sau.';
    await form.getByTestId('not-held-note').fill(reason);
    await form.getByTestId('not-held-submit').click();
    await form.getByTestId('not-held-confirm').click();

    const banner = visitor.page.getByTestId('not-held-banner');
    await banner.waitFor();
    expect(await banner.innerText()).toContain(reason);
    expect(await banner.innerText()).toContain(secretary.name);
    expect(await visitor.page.getByTestId('meeting-state').innerText()).toBe(vi.meetingState.not_held);

    const archive = new ArchivePage(visitor.page);
    await archive.goto();
    const item = visitor.page.locator(`[data-testid="archive-item"][data-meeting-id="${next.id}"]`);
    expect(await item.getByTestId('archive-item-not-held').innerText()).toBe(
      `${vi.notHeld.reason.postponed}: ${reason}`,
    );
  });

  it('says which filter of a changed address it could not read', async () => {
    const visitor = await memberOnPhone();
    const archive = new ArchivePage(visitor.page);
    await archive.goto('?year=20x6&kind=party');
    expect(await archive.filterError.innerText()).toContain(vi.archive.filter.year);
    expect(await archive.filterError.innerText()).toContain(vi.archive.filter.kind);
    expect(await archive.items.count()).toBe(started.app.demo!.meetings.length);
  });
});
