import { describe, expect, it } from 'vitest';
import { firstTab, type TabSituation } from '../../lib/meeting-tabs';

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
