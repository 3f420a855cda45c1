import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

/** The meeting's notice on its page (preparation): share, QR code, calendar, send by email. */
export class MeetingNotice {
  readonly root: Locator;
  readonly text: Locator;
  readonly shareButton: Locator;
  readonly fallback: Locator;
  readonly message: Locator;
  readonly smsLink: Locator;
  readonly qr: Locator;
  readonly calendarLink: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('meeting-notice');
    this.text = this.root.getByTestId('notice-text');
    this.shareButton = this.root.getByTestId('share-button');
    this.fallback = this.root.getByTestId('share-fallback');
    this.message = this.root.getByTestId('share-message');
    this.smsLink = this.root.getByTestId('share-sms');
    this.qr = this.root.getByTestId('share-qr');
    this.calendarLink = this.root.getByTestId('calendar-link');
  }

  /** Presses "Chia sẻ" once the page's JavaScript runs. */
  async share(): Promise<void> {
    await waitUntilInteractive(this.shareButton);
    await this.shareButton.click();
  }

  /** Opens "Mã QR" and waits for the image the server draws. */
  async openQr(): Promise<Locator> {
    await this.qr.locator('summary').click();
    const image = this.qr.locator('img');
    await image.waitFor();
    await this.page.waitForFunction(
      (img) => img instanceof HTMLImageElement && img.naturalWidth > 0,
      await image.elementHandle(),
    );
    return image;
  }

  /** Taps "Thêm vào lịch" and returns the downloaded file's name and text. */
  async downloadCalendar(): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.calendarLink.click()]);
    const stream = await download.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: download.suggestedFilename(), text: Buffer.concat(chunks).toString('utf8') };
  }
}

/** The reminders at the top of the home page. */
export class Reminders {
  readonly root: Locator;
  readonly meeting: Locator;
  readonly meetingTime: Locator;
  readonly documents: Locator;
  readonly tasks: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('reminders');
    this.meeting = this.root.getByTestId('reminder-meeting');
    this.meetingTime = this.root.getByTestId('reminder-meeting-time');
    this.documents = this.root.getByTestId('reminder-document');
    this.tasks = this.root.getByTestId('reminder-task');
  }
}
