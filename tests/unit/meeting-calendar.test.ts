import { describe, expect, it } from 'vitest';
import { calendarFileName, calendarUid, meetingCalendar, type CalendarMeeting } from '../../server/sharing/calendar';

const MEETING: CalendarMeeting = {
  id: '3f0c2b1a-0000-4000-8000-000000000001',
  title: 'Sinh hoạt chi bộ thường kỳ tháng 12',
  startsAt: '2026-12-05T19:30',
  timeZone: 'Asia/Ho_Chi_Minh',
  durationMinutes: 90,
  place: 'Nhà văn hóa khu phố 3, số 12; tầng 2',
  description: 'Nội dung: Kiểm điểm việc thực hiện nghị quyết tháng 11\nChi bộ Khu phố 3',
  url: 'https://bienban.example.vn/meetings/3f0c2b1a-0000-4000-8000-000000000001',
};

/** The properties of the file's one VEVENT, lines unfolded (RFC 5545 §3.1) and values unescaped. */
function parseEvent(text: string): Map<string, string> {
  const unfolded = text.replace(/\r\n[ \t]/g, '');
  const lines = unfolded.split('\r\n');
  const start = lines.indexOf('BEGIN:VEVENT');
  const end = lines.indexOf('END:VEVENT');
  expect(start).toBeGreaterThan(-1);
  expect(end).toBeGreaterThan(start);
  const props = new Map<string, string>();
  let depth = 0;
  for (const line of lines.slice(start + 1, end)) {
    if (line.startsWith('BEGIN:')) depth++;
    else if (line.startsWith('END:')) depth--;
    else if (depth === 0) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).split(';')[0]!;
      const value = line
        .slice(colon + 1)
        .replace(/\\n/gi, '\n')
        .replace(/\\([,;\\])/g, '$1');
      props.set(name, value);
    }
  }
  return props;
}

describe('a meeting as a calendar file', () => {
  it('starts at the meeting’s wall time in the organisation’s zone, written in UTC', () => {
    const event = parseEvent(meetingCalendar(MEETING));
    // 19:30 in Hồ Chí Minh City (UTC+7) is 12:30 UTC.
    expect(event.get('DTSTART')).toBe('20261205T123000Z');
    expect(event.get('DURATION')).toBe('PT90M');
  });

  it('follows another zone when the organisation is elsewhere', () => {
    const event = parseEvent(meetingCalendar({ ...MEETING, timeZone: 'Europe/Paris' }));
    expect(event.get('DTSTART')).toBe('20261205T183000Z');
  });

  it('carries a UID that is the same for every download of one meeting', () => {
    const first = parseEvent(meetingCalendar(MEETING));
    const second = parseEvent(meetingCalendar({ ...MEETING, place: 'Hội trường phường' }));
    expect(first.get('UID')).toBe(calendarUid(MEETING.id));
    expect(second.get('UID')).toBe(first.get('UID'));
    expect(parseEvent(meetingCalendar({ ...MEETING, id: '3f0c2b1a-0000-4000-8000-000000000002' })).get('UID')).not.toBe(
      first.get('UID'),
    );
  });

  it('names the meeting, its place, its agenda headline and its page, in Vietnamese intact', () => {
    const event = parseEvent(meetingCalendar(MEETING));
    expect(event.get('SUMMARY')).toBe(MEETING.title);
    expect(event.get('LOCATION')).toBe(MEETING.place);
    expect(event.get('DESCRIPTION')).toBe(MEETING.description);
    expect(event.get('URL')).toBe(MEETING.url);
  });

  it('is a whole iCalendar object with CRLF line ends', () => {
    const text = meetingCalendar(MEETING);
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(text.trimEnd().endsWith('END:VCALENDAR')).toBe(true);
    expect(text).toContain('VERSION:2.0');
    expect(text.replace(/\r\n/g, '')).not.toContain('\n');
  });

  it('refuses a start that is not a stored date-time', () => {
    expect(() => meetingCalendar({ ...MEETING, startsAt: 'tối thứ Bảy' })).toThrow(/bad start/);
  });

  it('gives the download an ASCII file name with the day', () => {
    expect(calendarFileName('2026-12-05T19:30')).toBe('hop-chi-bo-2026-12-05.ics');
  });
});
