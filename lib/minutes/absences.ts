import type { Translate } from '../i18n';

/** An absent member as the attendance report names them; the reason is as the minutes-taker typed it. */
export interface Absentee {
  name: string;
  reason?: string | null | undefined;
}

export type AbsenceKind = 'withReason' | 'withoutReason';

/** A letter with the marks written after it (an "ố" typed as o + ◌̂ + ◌́ is one letter). */
const FIRST_TWO_LETTERS = /^(\p{L}\p{M}*)(\p{L}\p{M}*)?/u;

const isUpperCase = (letter: string) => letter !== letter.toLowerCase() && letter === letter.toUpperCase();

/**
 * A reason for absence as it reads inside the sentence, in brackets after a
 * name: "Đi công tác" becomes "đi công tác". Only the first letter is
 * lowered, and not when the second is a capital too: that is an acronym
 * ("UBND triệu tập"), which keeps its case.
 */
export function reasonInSentence(reason: string): string {
  const text = reason.trim();
  const match = FIRST_TWO_LETTERS.exec(text);
  if (!match) return text;
  const [, first = '', second] = match;
  if (second !== undefined && isUpperCase(second)) return text;
  return first.toLowerCase() + text.slice(first.length);
}

const COUNT_KEYS: Record<AbsenceKind, string> = {
  withReason: 'attendance.counts.absentWithReason',
  withoutReason: 'attendance.counts.absentWithoutReason',
};

/**
 * One line of the attendance report for the absent: how many, then who,
 * "Vắng có lý do 1 đồng chí: Huỳnh Thị Ngọc Ánh (đi công tác)". The count is
 * the attendance rules' (countAttendance), the names those it counted.
 */
export function absenceLine(t: Translate, kind: AbsenceKind, count: number, absentees: readonly Absentee[]): string {
  const head = t(COUNT_KEYS[kind], { count });
  if (absentees.length === 0) return head;
  const names = absentees.map(({ name, reason }) => {
    const written = reason ? reasonInSentence(reason) : '';
    return written ? t('attendance.nameWithReason', { name, reason: written }) : name;
  });
  // Reasons may hold commas of their own; a semicolon keeps one person's apart from the next.
  return `${head}: ${names.join(kind === 'withReason' ? '; ' : ', ')}`;
}
