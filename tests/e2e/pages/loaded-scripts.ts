import type { Page, Response } from 'playwright-core';

/**
 * Every script file a tab downloads, with its text, from the moment it is
 * watched. Build files carry hashed names, so which code a file holds is told
 * by what is in it: a component's test ids stay in its compiled code as
 * string literals (e.g. "vote-open-form" is only in the vote setup form).
 */
export class LoadedScripts {
  private readonly files = new Map<string, Promise<string>>();

  constructor(page: Page) {
    page.on('response', (response: Response) => {
      if (response.request().resourceType() !== 'script') return;
      const url = response.url();
      if (!this.files.has(url))
        this.files.set(
          url,
          response.text().catch(() => ''),
        );
    });
  }

  /** The addresses downloaded so far. */
  urls(): string[] {
    return [...this.files.keys()];
  }

  /** The addresses among `urls` whose code contains `marker` as a string literal. */
  async holding(marker: string, urls: readonly string[] = this.urls()): Promise<string[]> {
    const quoted = [`"${marker}"`, `'${marker}'`];
    const found: string[] = [];
    for (const url of urls) {
      const text = (await this.files.get(url)) ?? '';
      if (quoted.some((literal) => text.includes(literal))) found.push(url);
    }
    return found;
  }
}
