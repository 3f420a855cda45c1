'use client';

import { operationAction } from '../../app/actions/operation';
import { useState } from 'react';
import { formatDay, todayIso } from '../../lib/format';
import type { DurationCheck } from '../../lib/rules/duration';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useLiveSession } from './use-live-state';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';

/**
 * The chair opens and closes the meeting. Closing before the minimum length
 * asks once more, saying how many minutes are missing; the server records
 * the end either way and reports the duration.
 */
export function SessionControls() {
  const { t, locale, timeZone } = useI18n();
  const { view } = useLiveMeeting();
  const { startedAt } = useLiveSession();
  const status = useMeetingStatus();
  const op = useOperation(t('errors.network'));
  const [confirmShortBy, setConfirmShortBy] = useState<number | null>(null);
  const [duration, setDuration] = useState<DurationCheck | null>(null);
  const [confirmOtherDay, setConfirmOtherDay] = useState<{ scheduled: string; today: string } | null>(null);

  if (!status.chair && !duration) return null;

  async function end() {
    setConfirmShortBy(null);
    const result = await op.run(() => operationAction('end', { meetingId: view.id }));
    if (result?.ok) setDuration(result.data);
  }

  function start() {
    setConfirmOtherDay(null);
    void op.run(() => operationAction('start', { meetingId: view.id }));
  }

  /** A meeting started on another day than planned is usually a slip of the finger: ask once. */
  function askToStart() {
    const scheduled = view.startsAt.slice(0, 10);
    const today = todayIso(timeZone);
    if (scheduled !== today) setConfirmOtherDay({ scheduled, today });
    else start();
  }

  function askToEnd() {
    const elapsed = startedAt ? Math.floor((Date.now() - Date.parse(startedAt)) / 60_000) : 0;
    const shortBy = Math.max(0, view.minimumMinutes - elapsed);
    if (shortBy > 0) setConfirmShortBy(shortBy);
    else void end();
  }

  return (
    <div className="session-controls" data-testid="session-controls">
      {status.chair && !status.started && !status.secretaryId && (
        <p className="muted" data-testid="no-secretary">
          {t('session.noSecretary')}
        </p>
      )}
      {status.chair && !status.started && confirmOtherDay === null && (
        <button
          type="button"
          className="button button--large"
          disabled={op.pending}
          onClick={askToStart}
          data-testid="meeting-start"
        >
          {t('session.start')}
        </button>
      )}
      {status.chair && !status.started && confirmOtherDay !== null && (
        <div
          className="notice notice--warning"
          role="alertdialog"
          aria-labelledby="start-other-day-text"
          data-testid="meeting-start-other-day"
        >
          <p id="start-other-day-text">
            {t('session.startOtherDay', {
              scheduled: formatDay(confirmOtherDay.scheduled, locale),
              today: formatDay(confirmOtherDay.today, locale),
            })}
          </p>
          <div className="form-actions">
            <button
              type="button"
              className="button"
              disabled={op.pending}
              onClick={start}
              data-testid="meeting-start-confirm"
            >
              {t('session.startAnyway')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setConfirmOtherDay(null)}
              data-testid="meeting-start-cancel"
            >
              {t('session.notYet')}
            </button>
          </div>
        </div>
      )}
      {status.chair && status.started && !status.ended && confirmShortBy === null && (
        <button
          type="button"
          className="button button--large button--danger"
          disabled={op.pending}
          onClick={askToEnd}
          data-testid="meeting-end"
        >
          {t('session.end')}
        </button>
      )}
      {confirmShortBy !== null && (
        <div
          className="notice notice--warning"
          role="alertdialog"
          aria-labelledby="end-short-text"
          data-testid="meeting-end-short"
        >
          <p id="end-short-text">{t('session.endShort', { minutes: confirmShortBy, minimum: view.minimumMinutes })}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button--danger"
              disabled={op.pending}
              onClick={() => void end()}
              data-testid="meeting-end-confirm"
            >
              {t('session.endAnyway')}
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setConfirmShortBy(null)}
              data-testid="meeting-end-cancel"
            >
              {t('session.continue')}
            </button>
          </div>
        </div>
      )}
      {duration && (
        <div
          className={`notice ${duration.met ? 'notice--success' : 'notice--warning'}`}
          role="status"
          data-testid="meeting-duration"
        >
          <p>
            {duration.met
              ? t('session.endedMet', { minutes: duration.elapsedMinutes })
              : t('session.endedShort', { minutes: duration.elapsedMinutes, minimum: duration.minimumMinutes })}
          </p>
        </div>
      )}
      <OperationError message={op.error} />
    </div>
  );
}
