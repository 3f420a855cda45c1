'use client';

import { operationAction } from '../../app/actions/operation';
import { canAcknowledge } from '../../lib/policy';
import { formatInstant } from '../../lib/format';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useLiveMap, useLiveSession } from './use-live-state';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';

const ROLES = ['chair', 'secretary'] as const;

/**
 * Closing (kết thúc): the minutes-taker reads the minutes back, the meeting
 * approves them by a vote on the minutes, and after the meeting has ended the
 * chair and the minutes-taker each confirm. With both confirmations the
 * server seals the minutes.
 */
export function ClosingPanel() {
  const { t, locale, timeZone } = useI18n();
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const { readBackAt } = useLiveSession();
  const votes = useLiveMap(meetingDoc.votes);
  const op = useOperation(t('errors.network'));

  const minutesVotes = [...votes.values()].filter((v) => v.subject === 'minutes');
  const approved = minutesVotes.some((v) => v.state === 'closed' && v.passed);
  const voting = minutesVotes.some((v) => v.state === 'open');

  return (
    <section className="panel" aria-labelledby="closing-heading" data-testid="closing-panel">
      <h2 id="closing-heading">{t('closing.title')}</h2>
      <ol className="closing-steps">
        <li data-testid="closing-read-back" data-done={readBackAt ? 'true' : 'false'}>
          {readBackAt ? (
            <p data-testid="read-back-done">
              {t('closing.readBackAt', { time: formatInstant(readBackAt, locale, timeZone) })}
            </p>
          ) : (
            <p>{t('closing.readBackPending')}</p>
          )}
          {status.record && status.started && !readBackAt && (
            <button
              type="button"
              className="button button--large"
              disabled={op.pending}
              onClick={() => void op.run(() => operationAction('markReadBack', { meetingId: view.id }))}
              data-testid="read-back"
            >
              {t('closing.readBack')}
            </button>
          )}
        </li>
        <li data-testid="closing-minutes-vote" data-approved={approved ? 'true' : 'false'}>
          <p>
            {approved
              ? t('closing.minutesApproved')
              : voting
                ? t('closing.minutesVoting')
                : t('closing.minutesNotVoted')}
          </p>
          {status.chair && status.started && !approved && !voting && (
            <button
              type="button"
              className="button button--secondary"
              disabled={op.pending}
              onClick={() =>
                void op.run(() =>
                  operationAction('openVote', {
                    meetingId: view.id,
                    subject: 'minutes',
                    title: t('closing.minutesVoteTitle'),
                    method: 'show_of_hands',
                  }),
                )
              }
              data-testid="vote-open-minutes"
            >
              {t('closing.openMinutesVote')}
            </button>
          )}
        </li>
        <li data-testid="closing-acknowledge">
          {!status.ended && <p>{t('closing.acknowledgeLater')}</p>}
          {ROLES.map((role) => {
            const done = view.acknowledgments.find((a) => a.role === role);
            if (done) {
              return (
                <p key={role} data-testid={`acknowledged-${role}`}>
                  {t(`closing.acknowledged.${role}`, {
                    name: done.name,
                    time: formatInstant(done.at, locale, timeZone),
                  })}
                </p>
              );
            }
            if (!status.ended || status.locked || !canAcknowledge(view.subject, status, role)) return null;
            if (!approved) {
              return (
                <p key={role} className="muted" data-testid={`acknowledge-${role}-waiting`}>
                  {t('closing.needsApproval')}
                </p>
              );
            }
            return (
              <div key={role}>
                <button
                  type="button"
                  className="button button--large"
                  disabled={op.pending}
                  onClick={() => void op.run(() => operationAction('acknowledge', { meetingId: view.id, role }))}
                  data-testid={`acknowledge-${role}`}
                >
                  {t(`closing.acknowledge.${role}`)}
                </button>
              </div>
            );
          })}
        </li>
      </ol>
      <OperationError message={op.error} />
    </section>
  );
}
