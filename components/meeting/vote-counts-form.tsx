'use client';

import { operationAction } from '../../app/actions/operation';
import { useId, useState } from 'react';
import type { VoteRecord } from '../../lib/meeting-doc/layout';
import { meetingSchemas, refusalOf } from './form-check';
import { checkVoteCounts } from '../../lib/rules/votes';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

type CountField = 'for' | 'against' | 'other';
const COUNT_FIELDS: CountField[] = ['for', 'against', 'other'];

/**
 * The minutes-taker writes down a show of hands. Counts that cannot be right
 * (not whole, nobody voting, more votes than members present) are refused
 * here with the server's own words before anything is sent.
 */
export function VoteCountsForm({ meetingId, vote, present }: { meetingId: string; vote: VoteRecord; present: number }) {
  const { t, has } = useI18n();
  const op = useOperation(t('errors.network'));
  const [values, setValues] = useState<Record<CountField, string>>({
    for: vote.counts ? String(vote.counts.for) : '',
    against: vote.counts ? String(vote.counts.against) : '0',
    other: vote.counts ? String(vote.counts.other) : '0',
  });
  const [otherOpinions, setOtherOpinions] = useState(vote.otherOpinions ?? '');
  const baseId = useId();

  async function save() {
    const parsed = (await meetingSchemas()).voteCountsSchema.safeParse({
      meetingId,
      voteId: vote.id,
      ...values,
      otherOpinions: otherOpinions || undefined,
    });
    if (!parsed.success) {
      const refusal = await refusalOf(t, has, parsed.error);
      op.refuse(refusal.message, refusal.fields);
      return;
    }
    const refused = checkVoteCounts(
      { for: parsed.data.for, against: parsed.data.against, other: parsed.data.other },
      present,
    );
    if (refused) {
      op.refuse(t(`errors.${refused}`));
      return;
    }
    await op.run(() => operationAction('recordCounts', parsed.data));
  }

  return (
    <form
      className="form vote-counts-form"
      data-testid="vote-counts-form"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <p className="muted" data-testid="vote-present">
        {t('votes.presentNow', { count: present })}
      </p>
      <div className="form-row form-row--counts">
        {COUNT_FIELDS.map((field) => (
          <div className="field" key={field}>
            <label htmlFor={`${baseId}-${field}`}>{t(`votes.count.${field}`)}</label>
            <input
              id={`${baseId}-${field}`}
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={values[field]}
              onChange={(e) => setValues((v) => ({ ...v, [field]: e.target.value }))}
              aria-invalid={op.fields[field] ? true : undefined}
              data-testid={`vote-count-${field}`}
            />
          </div>
        ))}
      </div>
      <div className="field">
        <label htmlFor={`${baseId}-opinions`}>{t('votes.otherOpinions')}</label>
        <textarea
          id={`${baseId}-opinions`}
          rows={2}
          maxLength={2000}
          value={otherOpinions}
          onChange={(e) => setOtherOpinions(e.target.value)}
          data-testid="vote-other-opinions"
        />
      </div>
      <OperationError message={op.error} testId="vote-counts-error" />
      <div className="form-actions">
        <button type="submit" className="button" disabled={op.pending} data-testid="vote-counts-save">
          {vote.counts ? t('votes.updateCounts') : t('votes.saveCounts')}
        </button>
      </div>
      {vote.counts && (
        <p className="notice notice--success" data-testid="vote-counts-recorded">
          {t('votes.countsRecorded', { for: vote.counts.for, against: vote.counts.against, other: vote.counts.other })}
        </p>
      )}
    </form>
  );
}
