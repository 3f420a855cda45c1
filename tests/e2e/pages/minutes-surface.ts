import type { Locator, Page } from 'playwright-core';
import { expect } from 'vitest';
import { parsePrometheusText, sumOf } from '../../helpers/prometheus';

/** XPath test for an element that is not a ProseMirror widget (a collaborator's caret, say). */
const NOT_A_WIDGET = 'not(contains(concat(" ", normalize-space(@class), " "), " ProseMirror-widget "))';

/** The block of the minutes (a child of the ProseMirror surface) that contains `inner`, or is it. */
function topBlockOf(inner: Locator): Locator {
  return inner.locator(
    `xpath=ancestor-or-self::*[parent::*[contains(concat(" ", normalize-space(@class), " "), " ProseMirror ")]][${NOT_A_WIDGET}]`,
  );
}

/** Where the editor's own selection stands, read from the editor state. */
interface EditorSelection {
  empty: boolean;
  /** The type of the node selected as a whole (a click on a block drawn by a view of its own), or null. */
  node: string | null;
  /** Text of the block holding the head, and the head's offset in it. */
  headBlock: string;
  headOffset: number;
  headBlockSize: number;
}

/**
 * The minutes as a keyboard and a mouse meet them: the blocks next to a given
 * block, the caret put at a block's start or end, a mouse drag across blocks,
 * and the notice a refused change brings. Keys are pressed as a person would
 * press them; the page decides what they do.
 */
export class MinutesSurface {
  readonly root: Locator;
  readonly surface: Locator;
  /** Shown when the server closed the connection (a refused change among others). */
  readonly connectionProblem: Locator;
  readonly reloadFromServer: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('minutes-editor');
    this.surface = this.root.locator('.ProseMirror');
    this.connectionProblem = page.getByTestId('connection-problem');
    this.reloadFromServer = page.getByTestId('reload-from-server');
  }

  /** The attendance block, as placed in the template. */
  get attendanceBlock(): Locator {
    return topBlockOf(this.root.getByTestId('attendance-block'));
  }

  /** The review of earlier meetings' tasks, as placed in the template. */
  get reviewBlock(): Locator {
    return topBlockOf(this.root.getByTestId('review-block'));
  }

  /** The whole block around `inner` (an opinion, a vote result…), as a child of the document. */
  block(inner: Locator): Locator {
    return topBlockOf(inner);
  }

  /** The block right above the one holding `inner` (other people's carets drawn between blocks are not blocks). */
  blockBefore(inner: Locator): Locator {
    return topBlockOf(inner).locator(`xpath=preceding-sibling::*[${NOT_A_WIDGET}][1]`);
  }

  /** The block right below the one holding `inner`. */
  blockAfter(inner: Locator): Locator {
    return topBlockOf(inner).locator(`xpath=following-sibling::*[${NOT_A_WIDGET}][1]`);
  }

  /** The tag name of a block, lower case: "p", "h3", "div" for a block with a view of its own. */
  async tagOf(block: Locator): Promise<string> {
    return block.evaluate((node) => node.tagName.toLowerCase());
  }

  /** A section heading of the minutes, by (part of) its text. */
  heading(text: string): Locator {
    return this.surface.locator(':scope > :is(h1, h2, h3, h4)', { hasText: text });
  }

  /**
   * Where the first or last editable character of `block` is drawn, in the
   * viewport, once the block is scrolled to the middle of the window (clear
   * of the sticky toolbar). Text in parts of a block's view that cannot be
   * edited (an opinion's attribution) and other people's carets are skipped.
   */
  async textPoint(block: Locator, where: 'start' | 'end', scroll = true): Promise<{ x: number; y: number }> {
    const point = await block.evaluate(
      (node, { side, scroll }) => {
        if (scroll) node.scrollIntoView({ block: 'center' });
        const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT, {
          acceptNode: (text) =>
            text.textContent &&
            !text.parentElement?.closest('[contenteditable="false"], .collaboration-carets__caret') &&
            text.parentElement?.closest('[contenteditable="true"]')
              ? NodeFilter.FILTER_ACCEPT
              : NodeFilter.FILTER_REJECT,
        });
        const texts: Text[] = [];
        for (let text = walker.nextNode(); text; text = walker.nextNode()) texts.push(text as Text);
        const range = document.createRange();
        if (texts.length === 0) {
          const box = node.getBoundingClientRect();
          return { x: box.left + 4, y: box.top + Math.min(10, box.height / 2) };
        }
        const text = side === 'start' ? texts[0]! : texts[texts.length - 1]!;
        const length = text.textContent!.length;
        range.setStart(text, side === 'start' ? 0 : length - 1);
        range.setEnd(text, side === 'start' ? 1 : length);
        const rects = range.getClientRects();
        const rect = rects[side === 'start' ? 0 : rects.length - 1]!;
        return { x: side === 'start' ? rect.left + 1 : rect.right - 1, y: rect.top + rect.height / 2 };
      },
      { side: where, scroll },
    );
    return point;
  }

  /**
   * The blocks of one section, below its heading (found by part of its text)
   * and above the next heading: each block's tag and its text, with line
   * breaks as "\n" and without anyone's caret. A block drawn by a view of its
   * own (an opinion, a vote result…) is named by its test id instead of "div".
   */
  async sectionBlocks(heading: string): Promise<{ tag: string; text: string }[]> {
    return this.surface.evaluate((surface, headingText) => {
      const blocks = Array.from(surface.children).filter((node) => !node.classList.contains('ProseMirror-widget'));
      const start = blocks.findIndex(
        (node) => /^H[1-4]$/.test(node.tagName) && node.textContent?.includes(headingText),
      );
      if (start < 0) throw new Error(`no heading "${headingText}" in the minutes`);
      const out: { tag: string; text: string }[] = [];
      for (const node of blocks.slice(start + 1)) {
        if (/^H[1-4]$/.test(node.tagName)) break;
        const copy = node.cloneNode(true) as Element;
        for (const caret of copy.querySelectorAll('.collaboration-carets__caret')) caret.remove();
        for (const br of copy.querySelectorAll('br:not(.ProseMirror-trailingBreak)')) br.replaceWith('\n');
        const view = node.querySelector('[data-testid]')?.getAttribute('data-testid');
        out.push({
          tag: node.tagName === 'DIV' && view ? view : node.tagName.toLowerCase(),
          text: copy.textContent ?? '',
        });
      }
      return out;
    }, heading);
  }

  /**
   * Clicks on the last character of `block` and waits until the editor's
   * own caret (an empty selection) stands at its end. The browser moves its
   * caret at once, but the editor takes it up on the next selection event: a
   * key pressed before then acts on the editor's previous selection.
   */
  async caretAtEnd(block: Locator, blockText: string): Promise<void> {
    const { x, y } = await this.textPoint(block, 'end');
    await this.page.mouse.click(x, y);
    await this.caretSettles('End', blockText, (selection) => selection.headOffset === selection.headBlockSize);
  }

  /** Clicks on the first character of `block` and waits until the editor's caret stands at its start. */
  async caretAtStart(block: Locator, blockText: string): Promise<void> {
    const { x, y } = await this.textPoint(block, 'start');
    await this.page.mouse.click(x, y);
    await this.caretSettles('Home', blockText, (selection) => selection.headOffset === 0);
  }

  /** Clicks into an empty block and waits until the editor's caret stands in it. */
  async caretIntoEmpty(block: Locator): Promise<void> {
    const { x, y } = await this.textPoint(block, 'start');
    await this.page.mouse.click(x, y);
    await this.caretSettles(null, '', (selection) => selection.headBlockSize === 0);
  }

  /** Clicks on a block drawn by a view of its own and waits until the editor has selected it whole. */
  async selectWhole(block: Locator, typeName: string): Promise<void> {
    await block.click();
    await expect
      .poll(async () => (await this.selection()).node, { message: `the editor did not select the ${typeName}` })
      .toBe(typeName);
  }

  private async caretSettles(
    key: string | null,
    blockText: string,
    there: (selection: EditorSelection) => boolean,
  ): Promise<void> {
    for (let attempt = 0; attempt < 20; attempt++) {
      if (key && attempt % 5 === 0) await this.page.keyboard.press(key);
      const selection = await this.selection();
      if (selection.empty && selection.headBlock.includes(blockText) && there(selection)) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`The editor's caret did not settle in "${blockText}"`);
  }

  /** Presses `key` `times` times, a short pause between presses as a person leaves. */
  async press(key: string, times = 1): Promise<void> {
    for (let i = 0; i < times; i++) {
      await this.page.keyboard.press(key);
      await this.page.waitForTimeout(50);
    }
  }

  /**
   * Drags the mouse from the start of `from`'s text to the end of `to`'s
   * text, selecting everything between, and waits until the editor holds a
   * selection that reaches into `to`.
   */
  async dragSelect(from: Locator, to: Locator, toText: string): Promise<void> {
    // `from` in the middle of the window, and `to` a few blocks below it, still inside.
    const start = await this.textPoint(from, 'start');
    const b = await this.textPoint(to, 'end', false);
    const height = this.page.viewportSize()?.height ?? 0;
    if (b.y >= height) throw new Error('the stretch to select does not fit in the window');
    await this.page.mouse.move(start.x, start.y);
    await this.page.mouse.down();
    await this.page.mouse.move((start.x + b.x) / 2, (start.y + b.y) / 2, { steps: 8 });
    await this.page.mouse.move(b.x, b.y, { steps: 4 });
    await this.page.mouse.up();
    for (let attempt = 0; attempt < 20; attempt++) {
      const selection = await this.selection();
      if (!selection.empty && selection.headBlock.includes(toText)) return;
      await this.page.waitForTimeout(100);
    }
    throw new Error(`The drag did not select into "${toText}"`);
  }

  /** The editor's own selection. */
  async selection(): Promise<EditorSelection> {
    return this.page.evaluate(() => {
      type Head = { parent: { textContent: string; content: { size: number } }; parentOffset: number };
      type Selection = { empty: boolean; $head: Head; node?: { type: { name: string } } };
      const surface = document.querySelector('[data-testid="minutes-editor"] .ProseMirror') as
        (Element & { editor?: { state: { selection: Selection } } }) | null;
      const selection = surface?.editor?.state.selection;
      if (!selection) return { empty: true, node: null, headBlock: '', headOffset: -1, headBlockSize: -1 };
      return {
        empty: selection.empty,
        node: selection.node?.type.name ?? null,
        headBlock: selection.$head.parent.textContent,
        headOffset: selection.$head.parentOffset,
        headBlockSize: selection.$head.parent.content.size,
      };
    });
  }
}

/** The number of document updates the collaboration server refused so far, from its /metrics page. */
export async function refusedUpdates(page: Page): Promise<number> {
  const response = await page.request.get('/metrics');
  const samples = parsePrometheusText(await response.text());
  if (!samples.some((s) => s.name === 'bienban_collab_updates_refused_total'))
    throw new Error('/metrics does not report refused updates');
  return sumOf(samples, 'bienban_collab_updates_refused_total');
}
