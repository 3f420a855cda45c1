import type { MemberRole } from '../domain';
import type { AttendanceCounts } from '../rules/attendance';

/**
 * Facts of the meeting the minutes state in their own words: when it began
 * and ended, who chaired and who kept the minutes, how many attended. The
 * template puts a `fact` node where each goes ("Chủ trì: đồng chí {@chair}");
 * its text is drawn from the meeting's data as it happens, so the minutes
 * are filled, and in step, without anyone typing over a blank. Until a fact
 * is known it shows as a blank ("…"), which sealing lists.
 */
const FACT_NAMES = ['startTime', 'startDate', 'endTime', 'chair', 'secretary', 'presenter', 'attendance'] as const;
export type FactName = (typeof FACT_NAMES)[number];

export const isFactName = (name: unknown): name is FactName =>
  typeof name === 'string' && (FACT_NAMES as readonly string[]).includes(name);

/** The language a document is written in (its template's), not the reader's. */
export type DocumentLanguage = 'vi' | 'en';

export interface FactData {
  timeZone: string;
  /** The scheduled start as typed, local "YYYY-MM-DDTHH:mm": shown until the meeting starts. */
  scheduledStart: string;
  startedAt?: string | undefined;
  endedAt?: string | undefined;
  chair?: { name: string; role: MemberRole } | null | undefined;
  secretary?: { name: string } | null | undefined;
  presenter?: { name: string } | null | undefined;
  /** Null until anyone has been marked. */
  attendance?: AttendanceCounts | null | undefined;
}

/** What an unknown fact shows, the blank a secretary would otherwise have left. */
export const BLANK = '…';

const ROLE_TITLES: Record<DocumentLanguage, Record<MemberRole, string>> = {
  vi: {
    secretary: 'Bí thư chi bộ',
    deputy_secretary: 'Phó Bí thư chi bộ',
    committee_member: 'Chi ủy viên',
    member: '',
  },
  en: {
    secretary: 'Secretary',
    deputy_secretary: 'Deputy Secretary',
    committee_member: 'Committee member',
    member: '',
  },
};

/** Hour, minute and date of an instant in a time zone, or of a local "YYYY-MM-DDTHH:mm" as typed. */
function clockOf(value: { instant: string } | { local: string }, timeZone: string) {
  if ('local' in value) {
    const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/.exec(value.local);
    if (!match) return null;
    const [, y, mo, d, h, mi] = match;
    return { y: y!, mo: mo!, d: d!, h: h!, mi: mi! };
  }
  const date = new Date(value.instant);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { y: get('year'), mo: get('month'), d: get('day'), h: get('hour'), mi: get('minute') };
}

const timeIn = (clock: NonNullable<ReturnType<typeof clockOf>>, lang: DocumentLanguage) =>
  lang === 'vi' ? `${clock.h} giờ ${clock.mi} phút` : `${clock.h}:${clock.mi}`;

function attendanceSentence(c: AttendanceCounts, lang: DocumentLanguage): string {
  const absent = c.absentWithReason + c.absentWithoutReason;
  if (lang === 'vi') {
    return (
      `tổng số ${c.total} đồng chí; miễn sinh hoạt ${c.exempted} đồng chí; phải dự ${c.expected} đồng chí; ` +
      `có mặt ${c.present} đồng chí; vắng ${absent} đồng chí (có lý do ${c.absentWithReason}, không lý do ${c.absentWithoutReason}).`
    );
  }
  return (
    `${c.total} members; ${c.exempted} exempted; ${c.expected} expected; ${c.present} present; ` +
    `${absent} absent (${c.absentWithReason} with apologies, ${c.absentWithoutReason} without).`
  );
}

/** The text of a fact in the document's language, or null while the meeting does not know it yet. */
export function factText(name: FactName, lang: DocumentLanguage, data: FactData): string | null {
  const start = data.startedAt
    ? clockOf({ instant: data.startedAt }, data.timeZone)
    : clockOf({ local: data.scheduledStart }, data.timeZone);
  switch (name) {
    case 'startTime':
      return start ? timeIn(start, lang) : null;
    case 'startDate':
      return start ? `${start.d}/${start.mo}/${start.y}` : null;
    case 'endTime': {
      const end = data.endedAt ? clockOf({ instant: data.endedAt }, data.timeZone) : null;
      return end ? timeIn(end, lang) : null;
    }
    case 'chair': {
      if (!data.chair) return null;
      const title = ROLE_TITLES[lang][data.chair.role];
      return title ? `${data.chair.name}, ${title}` : data.chair.name;
    }
    case 'secretary':
      return data.secretary?.name ?? null;
    case 'presenter':
      return data.presenter?.name ?? null;
    case 'attendance':
      return data.attendance ? attendanceSentence(data.attendance, lang) : null;
  }
}
