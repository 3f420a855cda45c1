'use client';

import { operationAction } from '../../app/actions/operation';
import type { BallotChoice } from '../../lib/meeting-doc/layout';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

const CHOICES: BallotChoice[] = ['for', 'against', 'other'];

/**
 * A present member confirms their own vote on their device (method
 * "confirmation"). Pressing another choice changes it until the chair closes
 * the vote.
 */
export function BallotButtons({
  meetingId,
  voteId,
  mine,
}: {
  meetingId: string;
  voteId: string;
  mine: BallotChoice | undefined;
}) {
  const { t } = useI18n();
  const op = useOperation(t('errors.network'));
  return (
    <div className="ballot" data-testid="ballot" data-choice={mine ?? ''}>
      <p>{mine ? t('votes.ballotCast', { choice: t(`votes.choice.${mine}`) }) : t('votes.ballotAsk')}</p>
      <div className="ballot__buttons" role="group" aria-label={t('votes.ballotAsk')}>
        {CHOICES.map((choice) => (
          <button
            key={choice}
            type="button"
            className={`button button--large ${mine === choice ? '' : 'button--secondary'}`}
            aria-pressed={mine === choice}
            disabled={op.pending}
            onClick={() => void op.run(() => operationAction('castBallot', { meetingId, voteId, choice }))}
            data-testid={`ballot-${choice}`}
          >
            {t(`votes.choice.${choice}`)}
          </button>
        ))}
      </div>
      <OperationError message={op.error} />
    </div>
  );
}
