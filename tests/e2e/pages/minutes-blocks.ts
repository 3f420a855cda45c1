import type { Locator, Page } from 'playwright-core';
import { moveCaretToEndOfBlock, writtenTextOf } from './minutes-editor';

export interface TaskFacts {
  text: string;
  /** Names on the assignee chips, in order. */
  assignees: string[];
  dueDate: string | null;
  status: string | null;
}

export interface AttendanceFigures {
  present: number;
  expected: number;
  exempted: number;
  unmarked: number;
}

/**
 * The structured blocks inside the live minutes: opinions "Đồng chí <name>: …",
 * tasks with their assignees and due dates, vote results, the attendance
 * block and the review of earlier meetings' tasks.
 */
export class MinutesBlocks {
  private readonly root: Locator;
  private readonly surface: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('minutes-editor');
    this.surface = this.root.locator('.ProseMirror');
  }

  /** The opinion block of one speaker, found by its fixed prefix. */
  opinion(speakerName: string): Locator {
    return this.root.getByTestId('opinion-node').filter({ hasText: `Đồng chí ${speakerName}:` });
  }

  /** What was recorded after "Đồng chí <name>: " (without anyone's caret). */
  async opinionText(speakerName: string): Promise<string> {
    return (await writtenTextOf(this.opinion(speakerName).locator('.opinion-text'))).trim();
  }

  /** Puts the caret into the speaker's opinion, after anything already written, and types. */
  async typeInOpinion(speakerName: string, text: string): Promise<void> {
    await this.opinion(speakerName).locator('.opinion-text').click();
    await this.page.keyboard.press('End');
    await this.page.keyboard.type(text);
  }

  /**
   * Starts a new line under the section heading that contains `heading`,
   * presses "Thêm nhiệm vụ" in the toolbar and types the task's text.
   */
  async addTask(heading: string, text: string): Promise<void> {
    await this.heading(heading).click();
    await moveCaretToEndOfBlock(this.page, heading);
    await this.page.keyboard.press('Enter');
    await this.page.getByTestId('add-task').click();
    await this.page.keyboard.type(text);
    await this.task(text).waitFor();
  }

  /** The task block whose text contains `text`. */
  task(text: string): Locator {
    return this.root
      .getByTestId('task-node')
      .filter({ has: this.page.getByTestId('task-text').filter({ hasText: text }) });
  }

  /** Types `typed` (e.g. "@An") into the task's assignee field and picks the member from the suggestions. */
  async assignTask(text: string, typed: string, memberName: string): Promise<void> {
    const task = this.task(text);
    const field = task.getByTestId('task-assignee-input');
    await field.click();
    await field.pressSequentially(typed);
    await task.getByTestId('task-assignee-option').filter({ hasText: memberName }).click();
    await task.getByTestId('task-assignee').filter({ hasText: memberName }).waitFor();
  }

  /** Types the due date as a secretary would ("5/1/2027") and presses Enter, which writes it into the minutes if it is a date. */
  async setDueDate(text: string, typed: string): Promise<void> {
    const field = this.task(text).getByTestId('task-due-date');
    await field.fill(typed);
    await field.press('Enter');
  }

  /** Chooses a day (YYYY-MM-DD) in the calendar beside the due-date field, as the phone's date picker would. */
  async pickDueDate(text: string, day: string): Promise<void> {
    await this.task(text).getByTestId('task-due-date-picker').fill(day);
  }

  /** What the due-date field shows. */
  async dueDateShown(text: string): Promise<string> {
    return this.task(text).getByTestId('task-due-date').inputValue();
  }

  /** The message under the due-date field saying why a typed date was not taken. */
  dueDateError(text: string): Locator {
    return this.task(text).getByTestId('task-due-date-error');
  }

  /** Whether the due-date error lies wholly below the field and clear of its label (it once covered the label). */
  async dueDateErrorIsBelowField(text: string): Promise<boolean> {
    const task = this.task(text);
    const [label, field, error] = await Promise.all([
      task.locator('.due-date > label').boundingBox(),
      task.getByTestId('task-due-date').boundingBox(),
      this.dueDateError(text).boundingBox(),
    ]);
    if (!label || !field || !error) return false;
    const bottom = (box: { y: number; height: number }) => box.y + box.height;
    return error.y >= bottom(field) - 0.5 && error.y >= bottom(label) - 0.5;
  }

  async taskFacts(text: string): Promise<TaskFacts> {
    const task = this.task(text);
    return {
      text: (await writtenTextOf(task.getByTestId('task-text'))).trim(),
      assignees: await task.getByTestId('task-assignee-name').allInnerTexts(),
      dueDate: await task.getAttribute('data-due-date'),
      status: await task.getAttribute('data-status'),
    };
  }

  /** The result block of the vote whose title contains `title`. */
  voteResult(title: string): Locator {
    return this.root.getByTestId('minutes-vote-result').filter({ hasText: title });
  }

  /** The figures the attendance block inside the minutes shows. */
  async attendanceFigures(): Promise<AttendanceFigures> {
    return figuresOf(this.root.getByTestId('attendance-block'));
  }

  /** The review of earlier meetings' unfinished tasks: each item's text, as shown. */
  async reviewItems(): Promise<string[]> {
    return this.root.getByTestId('review-item').allInnerTexts();
  }

  /** The text of the nearest section heading above a block of the minutes: the section it was recorded in. */
  async sectionOf(block: Locator): Promise<string | null> {
    return block.evaluate((node) => {
      let top: Element | null = node;
      while (top?.parentElement && !top.parentElement.classList.contains('ProseMirror')) top = top.parentElement;
      for (let at = top?.previousElementSibling ?? null; at; at = at.previousElementSibling) {
        if (/^H[1-6]$/.test(at.tagName)) return at.textContent?.trim() ?? '';
      }
      return null;
    });
  }

  private heading(text: string): Locator {
    return this.surface.locator('h1, h2, h3, h4').filter({ hasText: text });
  }
}

/** Reads the data-* figures of an attendance summary (the panel's or the minutes' block). */
export async function figuresOf(summary: Locator): Promise<AttendanceFigures> {
  const read = async (name: string) => Number(await summary.getAttribute(`data-${name}`));
  return {
    present: await read('present'),
    expected: await read('expected'),
    exempted: await read('exempted'),
    unmarked: await read('unmarked'),
  };
}
