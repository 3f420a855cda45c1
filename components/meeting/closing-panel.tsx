'use client';

import { useState } from 'react';
import { operationAction } from '../../app/actions/operation';
import { canAcknowledge } from '../../lib/policy';
import { formatInstant } from '../../lib/format';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { openBlanks } from '../../lib/minutes/blanks';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { useFactData } from './use-fact-data';
import { useLiveMap, useLiveSession } from './use-live-state';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';
import { ClosedVote, OpenVote } from './votes-panel';

const ROLES = ['chair', 'secretary'] as const;
type ConfirmRole = (typeof ROLES)[number];

/**
 * Closing (kết thúc): the minutes-taker reads the minutes back, the meeting
 * approves them by a vote taken right here, and after the meeting has ended
 * the chair and the minutes-taker each confirm. Before confirming, the lines
 * still holding a blank are listed and the confirmer decides. With both
 * confirmations the server seals the minutes.
 */
export function ClosingPanel() {
  const { t, locale, timeZone } = useI18n();
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const { readBackAt } = useLiveSession();
  const votes = useLiveMap(meetingDoc.votes);
  const ballots = useLiveMap(meetingDoc.ballots);
  const op = useOperation(t('errors.network'));

  const minutesVotes = [...votes.values()]
    .filter((v) => v.subject === 'minutes')
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const openVote = minutesVotes.find((v) => v.state === 'open');
  const lastClosed = minutesVotes.filter((v) => v.state === 'closed').at(-1);
  const approved = minutesVotes.some((v) => v.state === 'closed' && v.passed);

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
          {openVote ? (
            <OpenVote vote={openVote} ballots={ballots} />
          ) : lastClosed ? (
            <ClosedVote vote={lastClosed} />
          ) : (
            <p>{t('closing.minutesNotVoted')}</p>
          )}
          {status.chair && status.started && !approved && !openVote && (
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
          <Confirmations approved={approved} />
        </li>
      </ol>
      <OperationError message={op.error} />
    </section>
  );
}

/**
 * The two confirmations. Each step says once what it waits for: the vote,
 * the end of the meeting, or the other person, by name.
 */
function Confirmations({ approved }: { approved: boolean }) {
  const { t, locale, timeZone } = useI18n();
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const done = new Map(view.acknowledgments.map((a) => [a.role, a]));
  const nameOf = (id: string | null) => view.members.find((m) => m.userId === id)?.name ?? '…';
  const personFor: Record<ConfirmRole, string | null> = { chair: status.chairId, secretary: status.secretaryId };
  const mine = ROLES.filter((role) => !done.has(role) && canAcknowledge(view.subject, status, role));
  const waitingFor = ROLES.filter((role) => !done.has(role) && !mine.includes(role));

  let pending: string | null = null;
  if (!status.ended) pending = t('closing.acknowledgeLater');
  else if (!approved && done.size < ROLES.length) pending = t('closing.needsApproval');

  return (
    <>
      {ROLES.filter((role) => done.has(role)).map((role) => {
        const ack = done.get(role)!;
        return (
          <p key={role} data-testid={`acknowledged-${role}`}>
            {t(`closing.acknowledged.${role}`, { name: ack.name, time: formatInstant(ack.at, locale, timeZone) })}
          </p>
        );
      })}
      {pending && (
        <p className="muted" data-testid="acknowledge-waiting">
          {pending}
        </p>
      )}
      {!pending && !status.locked && mine.map((role) => <ConfirmButton key={role} role={role} />)}
      {!pending &&
        !status.locked &&
        done.size > 0 &&
        waitingFor.map((role) => (
          <p key={role} className="notice" data-testid={`acknowledge-waiting-${role}`}>
            {t(`closing.waitingFor.${role}`, { name: nameOf(personFor[role]) })}
          </p>
        ))}
    </>
  );
}

/**
 * Confirms the minutes in one role. Lines still holding a blank ("Khách mời:
 * …", a fact nobody set) are listed first; the confirmer fills them or
 * confirms anyway, and the server is told that this was seen.
 */
function ConfirmButton({ role }: { role: ConfirmRole }) {
  const { t } = useI18n();
  const { view, doc } = useLiveMeeting();
  const facts = useFactData();
  const op = useOperation(t('errors.network'));
  const [blanks, setBlanks] = useState<string[] | null>(null);

  const send = (acceptBlanks: boolean) =>
    void op
      .run(() =>
        operationAction('acknowledge', { meetingId: view.id, role, ...(acceptBlanks ? { acceptBlanks } : {}) }),
      )
      .then(() => setBlanks(null));

  function ask() {
    const open = doc ? openBlanks(meetingDoc.minutes(doc), facts) : [];
    if (open.length > 0) setBlanks(open);
    else send(false);
  }

  return (
    <div>
      {blanks === null ? (
        <button
          type="button"
          className="button button--large"
          disabled={op.pending}
          onClick={ask}
          data-testid={`acknowledge-${role}`}
        >
          {t(`closing.acknowledge.${role}`)}
        </button>
      ) : (
        <div className="notice notice--warning" role="alertdialog" data-testid="acknowledge-blanks">
          <p>{t('closing.blanksIntro', { count: blanks.length })}</p>
          <ul className="blank-list" data-testid="acknowledge-blank-lines">
            {blanks.map((line, i) => (
              <li key={i}>{line}</li>
            ))}
          </ul>
          <div className="form-actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setBlanks(null)}
              data-testid="acknowledge-fill-first"
            >
              {t('closing.fillFirst')}
            </button>
            <button
              type="button"
              className="button"
              disabled={op.pending}
              onClick={() => send(true)}
              data-testid="acknowledge-anyway"
            >
              {t('closing.confirmAnyway')}
            </button>
          </div>
        </div>
      )}
      <OperationError message={op.error} />
    </div>
  );
}
