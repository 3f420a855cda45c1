import type { Locator, Page } from 'playwright-core';

export interface Counts {
  for: number;
  against: number;
  other: number;
}

export interface VoteOutcome {
  state: string | null;
  passed: string | null;
  text: string;
}

/** The votes panel beside the minutes: the chair opens and closes votes, the minutes-taker enters counts. */
export class VotesPanel {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('votes-panel');
  }

  /** Puts a question to the vote (the chair); resolves once it is listed as open. */
  async openVote({
    title,
    subject = 'resolution',
    method = 'show_of_hands',
  }: {
    title: string;
    subject?: string;
    method?: string;
  }): Promise<void> {
    const form = this.root.getByTestId('vote-open-form');
    await form.getByTestId('vote-subject').selectOption(subject);
    await form.getByTestId('vote-title').fill(title);
    await form.getByTestId('vote-method').selectOption(method);
    await form.getByTestId('vote-open').click();
    await this.vote(title).and(this.root.locator('[data-state="open"]')).waitFor();
  }

  /** The vote whose title contains `title`, open or closed. */
  vote(title: string): Locator {
    return this.root.getByTestId('vote-item').filter({ hasText: title });
  }

  /** Writes the show of hands into the vote's form and saves (the minutes-taker). */
  async enterCounts(title: string, counts: Counts): Promise<void> {
    const form = this.vote(title).getByTestId('vote-counts-form');
    await form.getByTestId('vote-count-for').fill(String(counts.for));
    await form.getByTestId('vote-count-against').fill(String(counts.against));
    await form.getByTestId('vote-count-other').fill(String(counts.other));
    await form.getByTestId('vote-counts-save').click();
  }

  /** Why the counts were refused, or null while nothing is refused. */
  async countsError(title: string): Promise<string | null> {
    const error = this.vote(title).getByTestId('vote-counts-error');
    return (await error.count()) > 0 ? error.innerText() : null;
  }

  /** The note that counts were saved, once they were. */
  countsRecorded(title: string): Locator {
    return this.vote(title).getByTestId('vote-counts-recorded');
  }

  /** Closes the vote (the chair); resolves once it is listed as closed. */
  async closeVote(title: string): Promise<void> {
    await this.vote(title).getByTestId('vote-close').click();
    await this.vote(title).and(this.root.locator('[data-state="closed"]')).waitFor();
  }

  async outcome(title: string): Promise<VoteOutcome> {
    const result = this.vote(title).getByTestId('vote-result');
    return {
      state: await result.getAttribute('data-state'),
      passed: await result.getAttribute('data-passed'),
      text: await result.innerText(),
    };
  }
}
