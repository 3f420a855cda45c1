import { describe, expect, it } from 'vitest';
import { formatDueDate, isCalendarDate, parseDueDate } from '../../lib/due-date';
import { dueDateSchema } from '../../lib/meeting-schemas';

const read = (typed: string) => parseDueDate(typed);

describe('reading a typed due date', () => {
  // The field used to take only 2026-12-31: a secretary's "15/12/2026" was refused.
  it('reads day first, as people here write it, with or without leading zeros', () => {
    expect(read('15/12/2026')).toEqual({ ok: true, iso: '2026-12-15' });
    expect(read('5/1/2027')).toEqual({ ok: true, iso: '2027-01-05' });
    expect(read('05/01/2027')).toEqual({ ok: true, iso: '2027-01-05' });
    expect(read('  31/12/2026 ')).toEqual({ ok: true, iso: '2026-12-31' });
  });

  it('takes "-" and "." between day, month and year as well as "/"', () => {
    expect(read('15-12-2026')).toEqual({ ok: true, iso: '2026-12-15' });
    expect(read('15.12.2026')).toEqual({ ok: true, iso: '2026-12-15' });
    expect(read('15 / 12 / 2026')).toEqual({ ok: true, iso: '2026-12-15' });
  });

  it('still reads the stored form, year first', () => {
    expect(read('2026-12-31')).toEqual({ ok: true, iso: '2026-12-31' });
    expect(read('2027-1-5')).toEqual({ ok: true, iso: '2027-01-05' });
  });

  it('refuses a day the calendar does not have, and says so apart from an unreadable one', () => {
    expect(read('31/02/2026')).toEqual({ ok: false, reason: 'no_such_day' });
    expect(read('29/02/2026')).toEqual({ ok: false, reason: 'no_such_day' });
    expect(read('31/04/2026')).toEqual({ ok: false, reason: 'no_such_day' });
    expect(read('15/13/2026')).toEqual({ ok: false, reason: 'no_such_day' });
    expect(read('0/12/2026')).toEqual({ ok: false, reason: 'no_such_day' });
    expect(read('2026-02-30')).toEqual({ ok: false, reason: 'no_such_day' });
    expect(read('15/12/0226')).toEqual({ ok: false, reason: 'no_such_day' });
  });

  it('knows leap years', () => {
    expect(read('29/02/2028')).toEqual({ ok: true, iso: '2028-02-29' });
    expect(read('29/02/2000')).toEqual({ ok: true, iso: '2000-02-29' });
    expect(read('29/02/2100')).toEqual({ ok: false, reason: 'no_such_day' });
  });

  it('refuses what is not a whole date', () => {
    for (const typed of [
      '',
      'mai',
      '15/12',
      '15/12/26',
      '15/12-2026',
      '15,12,2026',
      '2026-12-31T00:00',
      '1512/2026',
      '15/12/2026 x',
    ]) {
      expect(read(typed), typed).toEqual({ ok: false, reason: 'unreadable' });
    }
  });

  it('gives only dates the server accepts when it projects tasks', () => {
    for (const typed of ['1/1/1900', '15/12/2026', '29/02/2028', '31/12/9999', '2026-12-31']) {
      const reading = read(typed);
      expect(reading.ok, typed).toBe(true);
      if (reading.ok) expect(dueDateSchema.safeParse(reading.iso).success, typed).toBe(true);
    }
  });
});

describe('showing a stored due date', () => {
  it('writes it day first, as it is typed, and reads back to the same date', () => {
    expect(formatDueDate('2027-01-05')).toBe('05/01/2027');
    expect(parseDueDate(formatDueDate('2026-12-31'))).toEqual({ ok: true, iso: '2026-12-31' });
  });

  it('shows a stored value that is not a date as it is, so it can be seen and corrected', () => {
    expect(formatDueDate('2026-13-01x')).toBe('2026-13-01x');
  });
});

describe('calendar dates', () => {
  it('has 30 days in April, June, September and November and 31 in the other long months', () => {
    expect(isCalendarDate(2026, 4, 30)).toBe(true);
    expect(isCalendarDate(2026, 4, 31)).toBe(false);
    expect(isCalendarDate(2026, 1, 31)).toBe(true);
    expect(isCalendarDate(2026, 12, 32)).toBe(false);
  });
});
