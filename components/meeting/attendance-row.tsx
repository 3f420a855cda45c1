'use client';

import type { ReactNode } from 'react';
import type { AttendanceEntry } from '../../lib/meeting-doc/layout';
import type { MeetingMember } from '../../lib/meeting-view';
import { useI18n } from '../i18n-provider';

/**
 * One member in the roll call, on one line: the name and the mark as
 * everyone sees it. Whoever records attendance gets the same line with a
 * picker in place of the mark (AttendanceMarkRow, loaded for them alone).
 */
export function AttendanceRow({
  member,
  mark,
  picker,
  reasonShown = true,
  children,
}: {
  member: MeetingMember;
  mark: AttendanceEntry | undefined;
  /** The control that changes the mark, and its id: the name is its label. */
  picker?: { id: string; control: ReactNode };
  /** False while a new reason is being typed below. */
  reasonShown?: boolean;
  /** Below the line: the form for the reason, and what went wrong. */
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const markText = mark ? t(`attendance.status.${mark.status}`) : t('attendance.unmarked');
  return (
    <li
      className="attendance-row"
      data-testid="attendance-row"
      data-user-id={member.userId}
      data-status={mark?.status ?? 'unmarked'}
    >
      <div className="attendance-row__line">
        <div className="attendance-row__who">
          {picker ? (
            <label htmlFor={picker.id}>
              <strong>{member.name}</strong>
            </label>
          ) : (
            <strong>{member.name}</strong>
          )}
          {member.status !== 'full' && <span className="badge">{t(`memberStatus.${member.status}`)}</span>}
          {member.absenceStreak !== null && (
            <span className="badge badge--warning" data-testid="absence-streak">
              {t('attendance.streak', { count: member.absenceStreak })}
            </span>
          )}
        </div>
        {picker?.control}
        <span className={picker ? 'visually-hidden' : 'attendance-row__mark'} data-testid="attendance-mark">
          {markText}
        </span>
      </div>
      {mark?.status === 'absent_with_reason' && mark.reason && reasonShown && (
        <p className="attendance-row__reason-text muted" data-testid="attendance-reason-text">
          {mark.reason}
        </p>
      )}
      {children}
    </li>
  );
}
