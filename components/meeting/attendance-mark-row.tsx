'use client';

import { operationAction } from '../../app/actions/operation';
import { useId, useState } from 'react';
import type { AttendanceEntry } from '../../lib/meeting-doc/layout';
import { meetingSchemas, refusalOf } from './form-check';
import type { MeetingMember } from '../../lib/meeting-view';
import { ATTENDANCE_STATUSES, type AttendanceStatus } from '../../lib/rules/attendance';
import { useI18n } from '../i18n-provider';
import { AttendanceRow } from './attendance-row';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

/**
 * A member's line in the roll call for the minutes-taker and the chair, who
 * change the mark with one picker (after "everyone present", only the
 * exceptions need it). "Absent with reason" asks for the reason: the minutes
 * must state it.
 */
export function AttendanceMarkRow({
  meetingId,
  member,
  mark,
}: {
  meetingId: string;
  member: MeetingMember;
  mark: AttendanceEntry | undefined;
}) {
  const { t, has } = useI18n();
  const op = useOperation(t('errors.network'));
  const [askingReason, setAskingReason] = useState(false);
  const [reason, setReason] = useState(mark?.reason ?? '');
  const reasonId = useId();
  const selectId = useId();

  async function send(status: AttendanceStatus, withReason?: string) {
    const parsed = (await meetingSchemas()).attendanceMarkSchema.safeParse({
      meetingId,
      userId: member.userId,
      status,
      reason: withReason,
    });
    if (!parsed.success) {
      const refusal = await refusalOf(t, has, parsed.error);
      op.refuse(refusal.message, refusal.fields);
      return;
    }
    const result = await op.run(() => operationAction('markAttendance', parsed.data));
    if (result?.ok) setAskingReason(false);
  }

  const picker = (
    <select
      id={selectId}
      className="attendance-row__select"
      value={askingReason ? 'absent_with_reason' : (mark?.status ?? '')}
      disabled={op.pending}
      onChange={(event) => {
        op.clear();
        const status = event.target.value as AttendanceStatus;
        if (status === 'absent_with_reason') setAskingReason(true);
        else {
          setAskingReason(false);
          void send(status);
        }
      }}
      data-testid="attendance-select"
    >
      {!mark && <option value="">{t('attendance.unmarked')}</option>}
      {ATTENDANCE_STATUSES.map((status) => (
        <option key={status} value={status}>
          {t(`attendance.status.${status}`)}
        </option>
      ))}
    </select>
  );

  return (
    <AttendanceRow member={member} mark={mark} picker={{ id: selectId, control: picker }} reasonShown={!askingReason}>
      {askingReason && (
        <form
          className="attendance-row__reason"
          onSubmit={(event) => {
            event.preventDefault();
            void send('absent_with_reason', reason);
          }}
        >
          <label htmlFor={reasonId}>{t('attendance.reason')}</label>
          <input
            id={reasonId}
            type="text"
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            maxLength={500}
            autoFocus
            enterKeyHint="done"
            aria-invalid={op.fields.reason ? true : undefined}
            data-testid="attendance-reason"
          />
          <div className="form-actions">
            <button
              type="submit"
              className="button button--small"
              disabled={op.pending}
              data-testid="attendance-reason-save"
            >
              {t('attendance.saveReason')}
            </button>
            <button
              type="button"
              className="button button--secondary button--small"
              onClick={() => setAskingReason(false)}
            >
              {t('forms.cancel')}
            </button>
          </div>
        </form>
      )}
      <OperationError message={op.error} />
    </AttendanceRow>
  );
}
