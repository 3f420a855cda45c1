import { describe, expect, it } from 'vitest';
import { addDays, nextMeeting, tasksComingDue } from '../../lib/reminders';

describe('what the home page reminds a member of', () => {
  it('is the soonest meeting still to be held, from today on', () => {
    const meetings = [
      { id: 'held', startsAt: '2026-11-05T19:30', state: 'approved' },
      { id: 'january', startsAt: '2027-01-05T19:30', state: 'scheduled' },
      { id: 'december', startsAt: '2026-12-05T19:30', state: 'scheduled' },
      { id: 'not-held', startsAt: '2026-12-01T19:30', state: 'not_held' },
      { id: 'yesterday', startsAt: '2026-11-29T19:30', state: 'scheduled' },
    ];
    expect(nextMeeting(meetings, '2026-11-30')?.id).toBe('december');
    expect(nextMeeting(meetings, '2027-02-01')).toBeNull();
  });

  it('keeps a meeting under way today', () => {
    expect(nextMeeting([{ id: 'now', startsAt: '2026-11-30T08:00', state: 'in_progress' }], '2026-11-30')?.id).toBe(
      'now',
    );
  });

  it('lists unfinished tasks overdue or due within the week, overdue first', () => {
    const tasks = [
      { id: 'late', status: 'in_progress', dueDate: '2026-11-20' },
      { id: 'done', status: 'done', dueDate: '2026-11-29' },
      { id: 'soon', status: 'not_started', dueDate: '2026-12-07' },
      { id: 'later', status: 'not_started', dueDate: '2026-12-08' },
      { id: 'no-date', status: 'not_started', dueDate: null },
      { id: 'today', status: 'carried_over', dueDate: '2026-11-30' },
    ];
    const due = tasksComingDue(tasks, '2026-11-30', 7);
    expect(due.map((t) => [t.id, t.overdue])).toEqual([
      ['late', true],
      ['today', false],
      ['soon', false],
    ]);
  });

  it('counts days across months and years', () => {
    expect(addDays('2026-12-28', 7)).toBe('2027-01-04');
    expect(addDays('2028-02-27', 2)).toBe('2028-02-29');
  });
});
