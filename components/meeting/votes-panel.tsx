'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { operationAction } from '../../app/actions/operation';
import { meetingDoc, type Ballot, type VoteRecord } from '../../lib/meeting-doc/layout';
import { useI18n } from '../i18n-provider';
import { BallotButtons } from './ballot-buttons';
import { useLiveMeeting } from './live-meeting-provider';
import { OperationError } from './operation-error';
import { PartLoadBoundary } from './part-load-boundary';
import { useAttendance } from './use-attendance';
import { useLiveMap } from './use-live-state';
import { useMeetingStatus } from './use-meeting-status';
import { useOperation } from './use-operation';
import { VoteSummary } from './vote-summary';

// Only the chair opens a vote and only whoever records the meeting enters a show of hands: their forms
// are loaded when first rendered for them (server-rendered when the page is), so a member's phone never
// downloads them. Everyone else sees the votes and their results.
const VoteOpenForm = dynamic(() => import('./vote-open-form').then((m) => m.VoteOpenForm));
const VoteCountsForm = dynamic(() => import('./vote-counts-form').then((m) => m.VoteCountsForm));

/**
 * Votes (biểu quyết): the chair opens one, the minutes-taker enters the show
 * of hands, or present members confirm on their own devices; the chair closes
 * it and the result, measured by the cell's rule, is shown to everyone.
 */
export function VotesPanel() {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const votes = useLiveMap(meetingDoc.votes);
  const ballots = useLiveMap(meetingDoc.ballots);
  // The vote on the minutes is taken where the closing happens (ClosingPanel), not listed twice.
  const all = [...votes.values()]
    .filter((v) => v.subject !== 'minutes')
    .sort((a, b) => a.openedAt.localeCompare(b.openedAt));
  const open = all.filter((v) => v.state === 'open');
  const closed = all.filter((v) => v.state === 'closed').reverse();

  return (
    <section className="panel" aria-labelledby="votes-heading" data-testid="votes-panel">
      <h2 id="votes-heading">{t('votes.title')}</h2>
      <p className="muted" data-testid="vote-rule">
        {t('votes.ruleLine', {
          threshold: t(`votes.threshold.${view.voteRule.threshold}`),
          base: t(`votes.ruleBase.${view.voteRule.base}`),
        })}
      </p>
      {/* The open vote first: on a phone it is what the chair and the members act on now. */}
      {open.map((vote) => (
        <OpenVote key={vote.id} vote={vote} ballots={ballots} />
      ))}
      {status.chair && status.started && (
        <PartLoadBoundary>
          <VoteOpenForm meetingId={view.id} />
        </PartLoadBoundary>
      )}
      {closed.length > 0 && <h3>{t('votes.closedTitle')}</h3>}
      {closed.map((vote) => (
        <ClosedVote key={vote.id} vote={vote} />
      ))}
      {all.length === 0 && <p className="muted">{t('votes.none')}</p>}
    </section>
  );
}

export function OpenVote({ vote, ballots }: { vote: VoteRecord; ballots: ReadonlyMap<string, Ballot> }) {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const { marks, counts } = useAttendance();
  const op = useOperation(t('errors.network'));
  const [confirmingShortfall, setConfirmingShortfall] = useState(false);
  const byConfirmation = vote.method === 'confirmation';
  const cast = [...ballots.values()].filter((b) => b.voteId === vote.id);
  const mine = ballots.get(`${vote.id}:${view.me.id}`)?.choice;
  const myMark = marks.get(view.me.id)?.status;
  const iAmPresent = myMark === 'present' || myMark === 'late';
  // Hands counted in the room are the record; confirmations stand in only when nobody counted.
  const shortfall = byConfirmation && !vote.counts && cast.length < counts.present;

  const close = (acceptIncomplete: boolean) =>
    void op
      .run(() =>
        operationAction('closeVote', {
          meetingId: view.id,
          voteId: vote.id,
          ...(acceptIncomplete ? { acceptIncomplete } : {}),
        }),
      )
      .then(() => setConfirmingShortfall(false));

  return (
    <article className="vote-item vote-item--open" data-testid="vote-item" data-vote-id={vote.id} data-state="open">
      <VoteSummary vote={vote} testId="vote-result" />
      {byConfirmation && (
        <p data-testid="vote-ballot-count" data-count={cast.length} data-present={counts.present}>
          {t('votes.ballotCount', { count: cast.length, present: counts.present })}
        </p>
      )}
      {byConfirmation && status.participate && iAmPresent && (
        <BallotButtons meetingId={view.id} voteId={vote.id} mine={mine} />
      )}
      {byConfirmation && status.participate && !iAmPresent && <p className="muted">{t('votes.ballotNotPresent')}</p>}
      {status.record && (
        <PartLoadBoundary>
          {/* Remounted when the recorded counts change elsewhere, so the fields show them. */}
          <VoteCountsForm
            key={JSON.stringify(vote.counts ?? null)}
            meetingId={view.id}
            vote={vote}
            present={counts.present}
          />
        </PartLoadBoundary>
      )}
      {status.chair && !confirmingShortfall && (
        <div className="form-actions">
          <button
            type="button"
            className="button button--large"
            disabled={op.pending}
            onClick={() => (shortfall ? setConfirmingShortfall(true) : close(false))}
            data-testid="vote-close"
          >
            {t('votes.close')}
          </button>
        </div>
      )}
      {status.chair && confirmingShortfall && (
        <div className="notice notice--warning" role="alertdialog" data-testid="vote-close-shortfall">
          <p>{t('votes.shortfall', { count: cast.length, present: counts.present })}</p>
          <div className="form-actions">
            <button
              type="button"
              className="button button--secondary"
              onClick={() => setConfirmingShortfall(false)}
              data-testid="vote-close-wait"
            >
              {t('votes.keepOpen')}
            </button>
            <button
              type="button"
              className="button"
              disabled={op.pending}
              onClick={() => close(true)}
              data-testid="vote-close-anyway"
            >
              {t('votes.closeAnyway')}
            </button>
          </div>
        </div>
      )}
      <OperationError message={op.error} testId="vote-close-error" />
    </article>
  );
}

/** A closed vote; the chair may reopen it until the minutes are approved (closed by mistake). */
export function ClosedVote({ vote }: { vote: VoteRecord }) {
  const { t } = useI18n();
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const op = useOperation(t('errors.network'));
  return (
    <article className="vote-item" data-testid="vote-item" data-vote-id={vote.id} data-state="closed">
      <VoteSummary vote={vote} testId="vote-result" />
      {status.chair && (
        <div className="form-actions">
          <button
            type="button"
            className="button button--secondary button--small"
            disabled={op.pending}
            onClick={() => void op.run(() => operationAction('reopenVote', { meetingId: view.id, voteId: vote.id }))}
            data-testid="vote-reopen"
          >
            {t('votes.reopen')}
          </button>
        </div>
      )}
      <OperationError message={op.error} testId="vote-reopen-error" />
    </article>
  );
}
