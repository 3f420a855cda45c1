'use client';

import { operationAction } from '../../app/actions/operation';
import { useI18n } from '../i18n-provider';
import { AttendanceMarkRow } from './attendance-mark-row';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useAttendance } from './use-attendance';
import { useOperation } from './use-operation';

/**
 * The roll call as the minutes-taker or the chair takes it: everyone marked
 * present in one tap, then only the exceptions, one line per member.
 */
export function AttendanceMarking() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const { marks } = useAttendance();
  const op = useOperation(t('errors.network'));
  const unmarked = view.members.filter((m) => m.status !== 'exempted' && !marks.has(m.userId)).length;
  return (
    <>
      {unmarked > 0 && (
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
          <AttendanceMarkRow key={member.userId} meetingId={view.id} member={member} mark={marks.get(member.userId)} />
        ))}
      </ul>
    </>
  );
}
