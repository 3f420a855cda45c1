import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

export interface NewMeeting {
  kind: string;
  /** As a datetime-local field takes it: "2027-01-09T19:30". */
  startsAt: string;
  place: string;
}

/** /cells/<id>: the cell's meetings and, for its managers, the form that schedules a new one. */
export class CellPage {
  readonly createMeetingForm: Locator;

  constructor(private readonly page: Page) {
    this.createMeetingForm = page.getByTestId('create-meeting-form');
  }

  async goto(cellId: string): Promise<void> {
    await this.page.goto(`/cells/${cellId}`);
  }

  /** Fills in and submits the new-meeting form; resolves on the new meeting's page, with its id. */
  async createMeeting(meeting: NewMeeting): Promise<string> {
    const form = this.createMeetingForm;
    await waitUntilInteractive(form);
    await form.locator('select[name="kind"]').selectOption(meeting.kind);
    await form.locator('input[name="startsAt"]').fill(meeting.startsAt);
    await form.locator('input[name="place"]').fill(meeting.place);
    await form.locator('button[type="submit"]').click();
    await this.page.waitForURL((url) => /^\/meetings\/[^/]+$/.test(url.pathname));
    return new URL(this.page.url()).pathname.split('/').pop() ?? '';
  }
}
