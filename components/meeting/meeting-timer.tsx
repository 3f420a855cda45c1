'use client';

import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { useLiveSession } from './use-live-state';
import { useNow } from './use-now';

const pad = (n: number) => String(n).padStart(2, '0');

/** "1:05:09": hours, minutes, seconds. */
function clock(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 3600)}:${pad(Math.floor((total % 3600) / 60))}:${pad(total % 60)}`;
}

/**
 * Time since the chair opened the meeting, against the minimum for its kind
 * (90 minutes, 120 for a combined meeting): the chair sees how much is still
 * missing before closing.
 */
export function MeetingTimer() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const { startedAt, endedAt } = useLiveSession();
  const running = Boolean(startedAt) && !endedAt;
  const now = useNow(running ? 1000 : null);
  const minimum = view.minimumMinutes;

  if (!startedAt) {
    return (
      <div className="timer" data-testid="timer" data-state="not_started" role="timer">
        <p className="timer__clock">{t('timer.notStarted')}</p>
        {minimum > 0 && <p className="muted">{t('timer.minimum', { minutes: minimum })}</p>}
      </div>
    );
  }

  const end = endedAt ? Date.parse(endedAt) : now;
  const elapsedMs = Math.max(0, end - Date.parse(startedAt));
  const elapsedMinutes = Math.floor(elapsedMs / 60_000);
  const shortBy = Math.max(0, minimum - elapsedMinutes);
  return (
    <div
      className={`timer ${shortBy > 0 ? 'timer--short' : 'timer--met'}`}
      data-testid="timer"
      data-state={endedAt ? 'ended' : 'running'}
      data-elapsed-minutes={elapsedMinutes}
      data-short-by={shortBy}
      role="timer"
    >
      <p className="timer__clock">
        <span className="timer__label">{endedAt ? t('timer.lasted') : t('timer.elapsed')}</span>{' '}
        <strong>{clock(elapsedMs)}</strong>
      </p>
      {minimum > 0 && (
        <p className="timer__minimum" data-testid="timer-minimum">
          {shortBy === 0
            ? t('timer.met', { minimum })
            : endedAt
              ? t('timer.endedShort', { minutes: shortBy, minimum })
              : t('timer.shortBy', { minutes: shortBy, minimum })}
        </p>
      )}
    </div>
  );
}
