import { describe, expect, it } from 'vitest';
import { useE2eApp } from '../helpers/e2e-app';
import { MeetingRecordPage } from './pages/meeting-record-page';
import { MeetingNotice, Reminders } from './pages/meeting-notice';
import { SignInPage } from './pages/sign-in-page';

/**
 * The seeded cell's meeting (5 December 2026, 19:30, Nhà văn hóa khu phố 1)
 * as a member meets it on a 360 px phone: reminded of it on the home page,
 * sharing its notice from a browser without a share sheet, and taking it
 * into the phone's calendar.
 */
describe('a meeting’s notice on a phone', () => {
  const started = useE2eApp();

  async function memberOnPhone(options: { share: 'missing' | 'recorded' }) {
    const visitor = await started.app.visitor({ phone: true });
    await visitor.context.addInitScript((mode: string) => {
      if (mode === 'missing') {
        // Desktop Chromium on Linux has no share sheet; make sure of it whatever the build.
        Object.defineProperty(Navigator.prototype, 'share', { value: undefined, configurable: true });
      } else {
        Object.defineProperty(Navigator.prototype, 'share', {
          configurable: true,
          value: async (data: ShareData) => {
            (window as unknown as { shared: ShareData[] }).shared = [
              ...((window as unknown as { shared?: ShareData[] }).shared ?? []),
              data,
            ];
          },
        });
      }
    }, options.share);
    const signIn = new SignInPage(visitor.page);
    await signIn.goto();
    await signIn.signIn(started.cell.member.email, started.cell.member.password);
    await visitor.page.waitForURL((url) => url.pathname === '/');
    return visitor;
  }

  it('reminds the member of the next meeting on the home page, in the organisation’s time', async () => {
    const { page } = await memberOnPhone({ share: 'missing' });
    const reminders = new Reminders(page);
    await reminders.root.waitFor();
    await expect.poll(() => reminders.meeting.getAttribute('data-meeting-id')).toBe(started.cell.meetingId);
    expect(await reminders.meetingTime.textContent()).toContain('19:30');
    expect(await reminders.meeting.textContent()).toContain('Nhà văn hóa khu phố 1');
    // Nothing sticks out of a 360 px screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it('falls back to copy and SMS when the browser has no share sheet', async () => {
    const { page } = await memberOnPhone({ share: 'missing' });
    const meeting = new MeetingRecordPage(page);
    await meeting.goto(started.cell.meetingId);
    await meeting.openTab('preparation');
    const notice = new MeetingNotice(page);
    expect(await notice.text.textContent()).toMatch(/^Kính mời đồng chí dự .* 19:30 .* tại Nhà văn hóa khu phố 1\.$/);
    await notice.share();
    await notice.fallback.waitFor();
    expect(await notice.message.textContent()).toContain(`/meetings/${started.cell.meetingId}`);
    const sms = await notice.smsLink.getAttribute('href');
    expect(sms?.startsWith('sms:?body=')).toBe(true);
    expect(decodeURIComponent(sms!.slice('sms:?body='.length))).toContain('Kính mời đồng chí');
    const qr = await notice.openQr();
    expect(await qr.getAttribute('src')).toBe(`/meetings/${started.cell.meetingId}/qr.svg`);
  });

  it('hands the notice to the share sheet when there is one', async () => {
    const { page } = await memberOnPhone({ share: 'recorded' });
    const meeting = new MeetingRecordPage(page);
    await meeting.goto(started.cell.meetingId);
    await meeting.openTab('preparation');
    const notice = new MeetingNotice(page);
    await notice.share();
    const shared = await page.waitForFunction(() => (window as unknown as { shared?: ShareData[] }).shared?.[0]);
    const data = (await shared.jsonValue()) as ShareData;
    expect(data.text).toContain('Kính mời đồng chí');
    expect(data.url).toMatch(new RegExp(`/meetings/${started.cell.meetingId}$`));
    expect(await notice.fallback.count()).toBe(0);
  });

  it('downloads the meeting as a calendar file', async () => {
    const { page } = await memberOnPhone({ share: 'missing' });
    const meeting = new MeetingRecordPage(page);
    await meeting.goto(started.cell.meetingId);
    await meeting.openTab('preparation');
    const file = await new MeetingNotice(page).downloadCalendar();
    expect(file.name).toBe('hop-chi-bo-2026-12-05.ics');
    const text = file.text.replace(/\r\n[ \t]/g, '');
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain(`UID:${started.cell.meetingId}@bienban`);
    expect(text).toContain('DTSTART:20261205T123000Z');
    expect(text).toContain('LOCATION:Nhà văn hóa khu phố 1');
  });
});
