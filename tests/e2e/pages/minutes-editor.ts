import type { Locator, Page } from 'playwright-core';

/** The heading of the first item on the agenda of the party cell's meeting template, a place to write under. */
export const FIRST_AGENDA_ITEM = '1. Tình hình chính trị, tư tưởng và văn bản mới của cấp trên';

/** The live minutes: the Tiptap document, and other people's carets inside it. */
export class MinutesEditor {
  readonly root: Locator;
  /** The editable ProseMirror surface. */
  readonly document: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('minutes-editor');
    this.document = this.root.locator('.ProseMirror');
  }

  /**
   * Waits until the document is loaded and accepts typing. On a phone it may
   * sit in a tab not shown yet: loaded is enough, showing it is a tap.
   */
  async waitUntilEditable(): Promise<void> {
    await this.page
      .locator('[data-testid="minutes-editor"][data-editable="true"] .ProseMirror[contenteditable="true"]')
      .waitFor({ state: 'attached' });
  }

  /** Waits until the document is loaded, whether it accepts typing or not (sealed minutes do not). */
  async waitUntilShown(): Promise<void> {
    await this.document.waitFor({ state: 'attached' });
  }

  /** What the editor says it is: "true" when it accepts typing, "false" when read-only. */
  async isEditable(): Promise<boolean> {
    const surface = await this.document.getAttribute('contenteditable');
    return (await this.root.getAttribute('data-editable')) === 'true' && surface === 'true';
  }

  /** The note above the minutes saying why they cannot be changed; hidden while they can. */
  get readOnlyNotice(): Locator {
    return this.page.getByTestId('read-only-notice');
  }

  /** Clicks into the minutes and types at the end, as someone would who has not noticed they are locked. */
  async tryToType(text: string): Promise<void> {
    await this.document.click();
    await this.page.keyboard.press('Control+End');
    await this.page.keyboard.type(text);
  }

  /** The text a reader sees. */
  async text(): Promise<string> {
    return this.document.innerText();
  }

  /**
   * Puts the caret at the very end of the minutes, starts a new paragraph and
   * types `text` into it, once the editor's own caret stands there, as someone
   * would who looks at the caret before pressing Enter (the click lands in the
   * middle of the minutes, and a change drawn before the editor takes up
   * Control+End puts its caret back where the click landed).
   */
  async typeParagraphAtEnd(text: string): Promise<void> {
    await this.waitUntilEditable();
    await this.document.click();
    await moveCaretToEndOfDocument(this.page);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text);
  }

  /**
   * The written content alone: other people's carets (which carry their
   * names) are left out, so it changes only when the minutes do.
   */
  async writtenText(): Promise<string> {
    return writtenTextOf(this.document);
  }

  /**
   * Starts a new paragraph after the last block of the minutes and types
   * `text` into it, once the editor's own caret stands at the end of that
   * block (a click and Control+End move the browser's caret before the
   * editor's, and Enter would act where the click landed).
   */
  async typeParagraphAfterLast(text: string): Promise<void> {
    await this.waitUntilEditable();
    const last = this.document.locator(':scope > *').last();
    const lastText = (await writtenTextOf(last)).trim();
    await last.click();
    await moveCaretToEndOfBlock(this.page, lastText);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text);
  }

  /**
   * Starts a new paragraph after the block of the minutes whose text contains
   * `blockText` (a heading, say) and types `text` into it, once the editor's
   * own caret stands at the end of that block.
   */
  async typeParagraphAfter(blockText: string, text: string): Promise<void> {
    await this.waitUntilEditable();
    await this.document.locator(':scope > *').filter({ hasText: blockText }).first().click();
    await moveCaretToEndOfBlock(this.page, blockText);
    await this.page.keyboard.press('Enter');
    await this.page.keyboard.type(text);
  }

  /** The minutes block by block (paragraph, heading, list), each block's text without anyone's caret. */
  async lines(): Promise<string[]> {
    return linesOf(this.document);
  }

  /** How many lists (numbered or bulleted) the minutes hold as blocks of their own (not the lists inside a live block). */
  async listCount(): Promise<number> {
    return this.document.locator(':scope > ol, :scope > ul').count();
  }

  /** Presses a formatting button of the toolbar above the minutes (e.g. "orderedList"), keeping the caret where it is. */
  async pressToolbar(key: string): Promise<void> {
    await this.page.getByTestId(`toolbar-${key}`).click();
  }

  /** Names on the carets of other people editing the same minutes. */
  async caretNames(): Promise<string[]> {
    return this.root.locator('.collaboration-carets__caret .collaboration-carets__label').allInnerTexts();
  }
}

/** The top-level blocks of an editor's document, each as its text without the collaboration carets drawn into it. */
export async function linesOf(document: Locator): Promise<string[]> {
  return document.evaluate((node) =>
    [...node.children].map((block) => {
      const copy = block.cloneNode(true) as Element;
      for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
      return copy.textContent ?? '';
    }),
  );
}

/** The text of part of the minutes without the collaboration carets drawn into it. */
export async function writtenTextOf(element: Locator): Promise<string> {
  return element.evaluate((node) => {
    const copy = node.cloneNode(true) as Element;
    for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** What the page's editor is, as far as these helpers read or move it. */
type PageEditor = {
  state: {
    selection: { head: number; empty: boolean };
    doc: {
      content: { size: number };
      descendants(f: (node: { isTextblock: boolean; nodeSize: number }, pos: number) => boolean | void): void;
    };
  };
  commands: { focus(position: 'end'): boolean };
};

/**
 * Presses Control+End until the editor's own caret stands at the end of the
 * last text block of the minutes; if a collaborator's changes keep putting it
 * back, places it there through the editor, as a tap at the end would.
 */
export async function moveCaretToEndOfDocument(page: Page): Promise<void> {
  const atEnd = () => {
    const surface = document.querySelector('[data-testid="minutes-editor"] .ProseMirror') as
      (Element & { editor?: PageEditor }) | null;
    const editor = surface?.editor;
    if (!editor) return false;
    let end = -1;
    editor.state.doc.descendants((node, pos) => {
      if (node.isTextblock) end = pos + node.nodeSize - 1;
    });
    return editor.state.selection.empty && editor.state.selection.head === end;
  };
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('Control+End');
    const settled = await page.waitForFunction(atEnd, undefined, { timeout: 2_000, polling: 50 }).then(
      () => true,
      () => false,
    );
    if (settled) return;
  }
  await page.evaluate(() => {
    const surface = document.querySelector('[data-testid="minutes-editor"] .ProseMirror') as
      (Element & { editor?: PageEditor }) | null;
    surface?.editor?.commands.focus('end');
  });
  await page.waitForFunction(atEnd, undefined, { timeout: 2_000 });
}

/**
 * Presses End until the editor's own caret stands at the end of the block
 * containing `blockText`. The browser moves its caret at once, but the editor
 * takes it up on the next selection event, and a collaborator's change drawn
 * in between puts the editor's older caret back; a key pressed before then
 * (Enter, say) would act where the block was clicked.
 */
export async function moveCaretToEndOfBlock(page: Page, blockText: string): Promise<void> {
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.keyboard.press('End');
    const settled = await page
      .waitForFunction(
        (text) => {
          type Head = { parent: { textContent: string; content: { size: number } }; parentOffset: number };
          const surface = document.querySelector('[data-testid="minutes-editor"] .ProseMirror') as
            (Element & { editor?: { state: { selection: { $head: Head } } } }) | null;
          const head = surface?.editor?.state.selection.$head;
          return !!head && head.parent.textContent.includes(text) && head.parentOffset === head.parent.content.size;
        },
        blockText,
        { timeout: 2_000 },
      )
      .then(
        () => true,
        () => false,
      );
    if (settled) return;
  }
  // The click landed beside the block, or the block wraps and End stops at the end of a line: put the
  // caret where a click at the end of its text would, through the editor itself.
  const placed = await page.evaluate((text) => {
    type Node = { isTextblock: boolean; textContent: string; nodeSize: number };
    type Editor = {
      state: { doc: { descendants(f: (node: Node, pos: number) => boolean | void): void } };
      commands: { setTextSelection(pos: number): boolean; focus(): boolean };
    };
    const surface = document.querySelector('[data-testid="minutes-editor"] .ProseMirror') as
      (Element & { editor?: Editor }) | null;
    const editor = surface?.editor;
    if (!editor) return false;
    let end = -1;
    editor.state.doc.descendants((node, pos) => {
      if (end >= 0) return false;
      if (node.isTextblock && node.textContent.includes(text)) end = pos + node.nodeSize - 1;
    });
    return end >= 0 && editor.commands.setTextSelection(end) && editor.commands.focus();
  }, blockText);
  if (!placed) throw new Error(`The editor's caret did not reach the end of "${blockText}"`);
}
