'use client';

import { operationAction } from '../../app/actions/operation';
import { useI18n } from '../i18n-provider';
import { AttendanceRow } from './attendance-row';
import { AttendanceSummary } from './attendance-summary';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useAttendance } from './use-attendance';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';

/**
 * Roll call: every member with their mark, live for everyone. The
 * minutes-taker or the chair marks everyone present in one tap, then only
 * the exceptions, one line per member. Members absent several meetings in a
 * row are flagged so the cell can follow up with them.
 */
export function AttendancePanel() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const { record } = useMeetingStatus();
  const { marks, counts } = useAttendance();
  const op = useOperation(t('errors.network'));
  const unmarked = view.members.filter((m) => m.status !== 'exempted' && !marks.has(m.userId)).length;
  return (
    <section className="panel" aria-labelledby="attendance-heading" data-testid="attendance-panel">
      <h2 id="attendance-heading">{t('attendance.title')}</h2>
      <AttendanceSummary counts={counts} marks={marks} members={view.members} testId="attendance-counts" />
      {record && unmarked > 0 && (
        <div className="attendance-all">
          <button
            type="button"
            className="button button--large"
            disabled={op.pending}
            onClick={() => void op.run(() => operationAction('markAllPresent', { meetingId: view.id }))}
            data-testid="attendance-all-present"
          >
            {t('attendance.allPresent', { count: unmarked })}
          </button>
          <p className="muted">{t('attendance.allPresentHint')}</p>
          <OperationError message={op.error} />
        </div>
      )}
      <ul className="plain-list attendance-list">
        {view.members.map((member) => (
          <AttendanceRow
            key={member.userId}
            meetingId={view.id}
            member={member}
            mark={marks.get(member.userId)}
            canMark={record}
          />
        ))}
      </ul>
    </section>
  );
}
