import type { Locator, Page } from 'playwright-core';
import { linesOf } from './minutes-editor';

/** The agenda (chương trình) in the preparation section of a scheduled meeting, co-edited live. */
export class AgendaEditor {
  readonly root: Locator;
  readonly document: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('agenda-editor');
    this.document = this.root.locator('.ProseMirror');
  }

  /** Waits until the agenda is shown (editable or not). */
  async waitUntilShown(): Promise<void> {
    await this.document.waitFor();
  }

  /** Whether the page lets this user write the agenda: the wrapper says so and the surface accepts typing. */
  async isEditable(): Promise<boolean> {
    return (
      (await this.root.getAttribute('data-editable')) === 'true' &&
      (await this.document.getAttribute('contenteditable')) === 'true'
    );
  }

  /** The agenda's text as written, one line per paragraph, heading or list. */
  async text(): Promise<string> {
    return (await this.lines()).join('\n').trim();
  }

  /** The agenda block by block (paragraph, heading, list), as written. */
  async lines(): Promise<string[]> {
    return linesOf(this.document);
  }

  /** How many lists (numbered or bulleted) the agenda holds. */
  async listCount(): Promise<number> {
    return this.document.locator(':scope > ol, :scope > ul').count();
  }

  /** Clicks into the agenda, goes to its end and types, as a person would (whether or not it is editable). */
  async typeAtEnd(text: string): Promise<void> {
    await this.document.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }
}
