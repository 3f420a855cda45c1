import type { Locator, Page } from 'playwright-core';

/** The live minutes: the Tiptap document, and other people's carets inside it. */
export class MinutesEditor {
  readonly root: Locator;
  /** The editable ProseMirror surface. */
  readonly document: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('minutes-editor');
    this.document = this.root.locator('.ProseMirror');
  }

  /** Waits until the document is shown and accepts typing. */
  async waitUntilEditable(): Promise<void> {
    await this.page
      .locator('[data-testid="minutes-editor"][data-editable="true"] .ProseMirror[contenteditable="true"]')
      .waitFor();
  }

  /** The text a reader sees. */
  async text(): Promise<string> {
    return this.document.innerText();
  }

  /** Puts the caret at the very end of the minutes, starts a new paragraph and types `text` into it. */
  async typeParagraphAtEnd(text: string): Promise<void> {
    await this.waitUntilEditable();
    await this.document.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text);
  }

  /** Names on the carets of other people editing the same minutes. */
  async caretNames(): Promise<string[]> {
    return this.root.locator('.collaboration-carets__caret .collaboration-carets__label').allInnerTexts();
  }
}
