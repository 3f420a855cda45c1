import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { firstTab, WIDE_LAYOUT_QUERY, type TabSituation } from '../../lib/meeting-tabs';

const at = (stage: 'scheduled' | 'running' | 'ended' | 'sealed'): Omit<TabSituation, 'chair' | 'record'> => ({
  started: stage !== 'scheduled',
  ended: stage === 'ended' || stage === 'sealed',
  locked: stage === 'sealed',
});

describe('the first tab of the meeting page', () => {
  it('shows the chair the running meeting, the minutes-taker the minutes, a member the meeting', () => {
    expect(firstTab({ ...at('running'), chair: true, record: true })).toBe('now');
    expect(firstTab({ ...at('running'), chair: false, record: true })).toBe('minutes');
    expect(firstTab({ ...at('running'), chair: false, record: false })).toBe('now');
  });

  it('shows everyone the preparation before the start', () => {
    for (const chair of [true, false])
      expect(firstTab({ ...at('scheduled'), chair, record: !chair })).toBe('preparation');
  });

  it('takes the chair and the minutes-taker to the closing once the meeting ended, members to the minutes', () => {
    expect(firstTab({ ...at('ended'), chair: true, record: false })).toBe('closing');
    expect(firstTab({ ...at('ended'), chair: false, record: true })).toBe('closing');
    expect(firstTab({ ...at('ended'), chair: false, record: false })).toBe('minutes');
  });

  it('shows the sealed minutes to everyone', () => {
    expect(firstTab({ ...at('sealed'), chair: true, record: true })).toBe('minutes');
  });
});

describe('the width from which every part of the meeting page is in view', () => {
  it('is the one the style sheet switches the tabs at, so a part loads when the screen shows it', () => {
    const css = readFileSync('app/globals.css', 'utf8');
    const width = /^\(min-width: (\d+)em\)$/.exec(WIDE_LAYOUT_QUERY)?.[1];
    expect(width).toBeDefined();
    // Wide: no bar of tabs. Narrower: only the active part.
    expect(css).toMatch(
      new RegExp(`@media \\(min-width: ${width}em\\) \\{\\s*\\.meeting-tabbar \\{\\s*display: none;`),
    );
    expect(css).toMatch(
      new RegExp(
        `@media \\(max-width: ${Number(width) - 1}\\.99em\\) \\{[^@]*\\.meeting-tabpanel\\[data-active='false'\\] \\{\\s*display: none;`,
      ),
    );
  });
});
