import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { PROJECT_ROOT } from './server';

/** axe-core's browser build, read once: injected into each page as a script. */
let source: string | undefined;
function axeSource(): string {
  source ??= readFileSync(
    createRequire(path.join(PROJECT_ROOT, 'package.json')).resolve('axe-core/axe.min.js'),
    'utf8',
  );
  return source;
}

/** The impacts a test refuses: what keeps someone from using the page, not advice. */
const REFUSED_IMPACTS = new Set(['serious', 'critical']);

export interface AxeViolation {
  id: string;
  impact: string;
  help: string;
  /** Each offending element's selector and axe's summary of what to fix. */
  nodes: { target: string; summary: string }[];
}

/**
 * Runs axe-core (WCAG 2.x A and AA rules and axe's best practices) on the
 * page as it stands and returns the violations of impact serious or critical.
 * The page's own scripts are untouched.
 */
export async function seriousViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the debugging protocol rather than added as a <script>: the app's
  // Content-Security-Policy refuses inline scripts, as it should.
  const loaded = await page.evaluate(() => 'axe' in window);
  if (!loaded) await page.evaluate(`${axeSource()}\n;true`);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<unknown> } }).axe;
    const result = (await axe.run(document, { resultTypes: ['violations'] })) as {
      violations: {
        id: string;
        impact: string | null;
        help: string;
        nodes: { target: unknown[]; failureSummary?: string }[];
      }[];
    };
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact ?? '',
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' '), summary: n.failureSummary ?? '' })),
    }));
  });
  return violations.filter((v) => REFUSED_IMPACTS.has(v.impact));
}

/** Violations as lines a failed assertion can show: rule, impact, and each element with what is wrong. */
export function describeViolations(where: string, violations: readonly AxeViolation[]): string[] {
  return violations.flatMap((v) => [
    `${where}: ${v.id} (${v.impact}) ${v.help}`,
    ...v.nodes.slice(0, 5).map((n) => `    ${n.target}: ${n.summary.replace(/\s+/g, ' ')}`),
  ]);
}
