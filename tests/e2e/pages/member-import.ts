import type { Locator, Page } from 'playwright-core';
import { waitUntilInteractive } from './interactive';

/** The cell page's member import: choose a file, read the preview, import. */
export class MemberImportPanel {
  readonly root: Locator;
  readonly rows: Locator;
  readonly summary: Locator;
  readonly applyButton: Locator;
  readonly notice: Locator;
  readonly fixFirst: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('member-import');
    this.rows = this.root.getByTestId('import-row');
    this.summary = this.root.getByTestId('import-summary');
    this.applyButton = this.root.getByTestId('import-apply');
    this.notice = this.root.getByTestId('import-notice');
    this.fixFirst = this.root.getByTestId('import-fix-first');
  }

  /** Chooses a CSV file with these lines (UTF-8 with a BOM, as Excel saves it) and waits for the preview. */
  async choose(name: string, lines: readonly string[]): Promise<void> {
    const input = this.root.getByTestId('import-file');
    await waitUntilInteractive(input);
    await input.setInputFiles({
      name,
      mimeType: 'text/csv',
      buffer: Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8'),
    });
    await this.summary.waitFor();
  }

  /** The preview's row for the file's row `row` (as a spreadsheet numbers it). */
  row(row: number, text: string): Locator {
    return this.rows.filter({ hasText: text }).filter({ hasText: String(row) });
  }

  async apply(): Promise<void> {
    await this.applyButton.click();
    await this.notice.waitFor();
  }
}
