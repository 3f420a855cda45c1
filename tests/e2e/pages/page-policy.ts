import type { BrowserContext, Response } from 'playwright-core';

/**
 * The security headers of one response as the browser received them, with
 * the Content-Security-Policy split into its directives
 * (`script-src` → ["'self'", "'nonce-…'", …]).
 */
export interface PagePolicy {
  headers: Record<string, string>;
  directives: Record<string, string[]>;
  /** The value of the script-src nonce, or null when there is none. */
  nonce: string | null;
}

export function policyOf(response: Response): PagePolicy {
  const headers = response.headers();
  const directives: Record<string, string[]> = {};
  for (const part of (headers['content-security-policy'] ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) directives[name] = values;
  }
  const nonceSource = (directives['script-src'] ?? []).find((source) => /^'nonce-.+'$/.test(source));
  return { headers, directives, nonce: nonceSource ? nonceSource.slice("'nonce-".length, -1) : null };
}

/** The opening tags of every <script> in a page's HTML. */
export function scriptTags(html: string): string[] {
  return html.match(/<script\b[^>]*>/g) ?? [];
}

declare global {
  interface Window {
    __e2eReportViolation?: (text: string) => void;
  }
}

/**
 * Every Content-Security-Policy violation in one browser profile, across
 * navigations and frames: the `securitypolicyviolation` events the pages
 * fire, and the refusals Chromium writes to the console.
 */
export class PolicyViolations {
  private readonly seen: string[] = [];

  private constructor() {}

  /** Starts watching a profile; call before its first page loads. */
  static async watch(context: BrowserContext): Promise<PolicyViolations> {
    const watch = new PolicyViolations();
    await context.exposeBinding('__e2eReportViolation', (_source, text: string) => {
      watch.seen.push(text);
    });
    await context.addInitScript(() => {
      document.addEventListener(
        'securitypolicyviolation',
        (event) => {
          window.__e2eReportViolation?.(
            `event: ${event.effectiveDirective} refused ${event.blockedURI || 'inline code'} in ${event.documentURI}` +
              ` (from ${event.sourceFile || 'the page'}:${event.lineNumber}:${event.columnNumber})`,
          );
        },
        true,
      );
    });
    context.on('console', (message) => {
      if (/content security policy/i.test(message.text())) watch.seen.push(`console: ${message.text()}`);
    });
    return watch;
  }

  /** What was reported so far. */
  list(): string[] {
    return [...this.seen];
  }
}
