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

/**
 * Votes as the page lists them: the chair opens and closes votes, the
 * minutes-taker enters counts, present members confirm. The votes panel by
 * default; the vote on the minutes is taken in the closing panel.
 */
export class VotesPanel {
  readonly root: Locator;

  constructor(page: Page, rootTestId: 'votes-panel' | 'closing-panel' = 'votes-panel') {
    this.root = page.getByTestId(rootTestId);
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

  /** The chair presses "close" while fewer present members confirmed than are present: the page asks first. */
  async closeExpectingShortfall(title: string): Promise<string> {
    await this.vote(title).getByTestId('vote-close').click();
    const warning = this.vote(title).getByTestId('vote-close-shortfall');
    await warning.waitFor();
    return warning.innerText();
  }

  /** "Wait for more" in the shortfall warning: the vote stays open. */
  async keepOpen(title: string): Promise<void> {
    await this.vote(title).getByTestId('vote-close-wait').click();
  }

  /** A present member confirms their choice on their own phone. */
  async confirm(title: string, choice: 'for' | 'against' | 'other'): Promise<void> {
    await this.vote(title).getByTestId(`ballot-${choice}`).click();
    await this.vote(title).locator(`[data-testid="ballot"][data-choice="${choice}"]`).waitFor();
  }

  /** How many present members confirmed so far, as the vote shows it. */
  async confirmations(title: string): Promise<{ count: number; present: number }> {
    const line = this.vote(title).getByTestId('vote-ballot-count');
    return {
      count: Number(await line.getAttribute('data-count')),
      present: Number(await line.getAttribute('data-present')),
    };
  }

  /** The chair reopens a closed vote; resolves once it is listed as open again. */
  async reopen(title: string): Promise<void> {
    await this.vote(title).getByTestId('vote-reopen').click();
    await this.vote(title).and(this.root.locator('[data-state="open"]')).waitFor();
  }

  /** The lines recording when the vote was reopened. */
  async reopenings(title: string): Promise<string[]> {
    return this.vote(title).getByTestId('vote-reopened').allInnerTexts();
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
