import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

export interface NewMeeting {
  kind: string;
  /** As a datetime-local field takes it: "2027-01-09T19:30". */
  startsAt: string;
  place: string;
}

/**
 * /cells/<id>: the cell's meetings and members and, for its managers, the
 * form that schedules a new meeting and the links that set members' passwords.
 */
export class CellPage {
  readonly createMeetingForm: Locator;

  constructor(private readonly page: Page) {
    this.createMeetingForm = page.getByTestId('create-meeting-form');
  }

  /** The row of the member with this name in the member table. */
  member(name: string): Locator {
    return this.page.getByTestId('member-row').filter({ hasText: name });
  }

  /**
   * Asks for a new password link for a member who has a password: presses
   * the action, which first asks for confirmation (the member will be signed
   * out everywhere once it is used). Resolves with the confirmation shown.
   */
  async askForResetLink(name: string): Promise<Locator> {
    const row = this.member(name);
    const start = row.getByTestId('reset-link-start');
    await waitUntilInteractive(start);
    await start.click();
    const confirmation = row.getByTestId('reset-link-confirmation');
    await confirmation.waitFor();
    return confirmation;
  }

  /** Confirms the new password link asked for with askForResetLink; resolves with the link, shown once. */
  async confirmResetLink(name: string): Promise<string> {
    const row = this.member(name);
    await row.getByTestId('reset-link-confirm').click();
    const link = row.getByTestId('invite-link');
    await link.waitFor();
    return (await link.innerText()).trim();
  }

  /** Makes the first password link for a member who has none yet; resolves with the link, shown once. */
  async createInvite(name: string): Promise<string> {
    const row = this.member(name);
    const create = row.getByTestId('invite-create');
    await waitUntilInteractive(create);
    await create.click();
    const link = row.getByTestId('invite-link');
    await link.waitFor();
    return (await link.innerText()).trim();
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
