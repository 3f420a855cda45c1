'use client';

import { useId, useState } from 'react';
import { operationAction } from '../../app/actions/operation';
import { NOT_HELD_REASONS, type NotHeldReason } from '../../lib/domain';
import { NOT_HELD_NOTE_MAX } from '../../lib/meeting-limits';
import { meetingSchemas, refusalOf } from './form-check';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

/**
 * For the cell's managers before the meeting: records that it did not take
 * place (postponed or cancelled) and why. Asks once more before sending,
 * because the meeting cannot be started afterwards.
 */
export function NotHeldForm({ meetingId }: { meetingId: string }) {
  const { t, has } = useI18n();
  const op = useOperation(t('errors.network'));
  const [reason, setReason] = useState<NotHeldReason>('postponed');
  const [note, setNote] = useState('');
  const [confirming, setConfirming] = useState(false);
  const reasonId = useId();
  const noteId = useId();

  async function check() {
    const parsed = (await meetingSchemas()).notHeldSchema.safeParse({ meetingId, reason, note });
    if (!parsed.success) {
      const refusal = await refusalOf(t, has, parsed.error);
      op.refuse(refusal.message, refusal.fields);
      return null;
    }
    return parsed.data;
  }

  async function send() {
    const input = await check();
    if (!input) return;
    // The page renders again with the meeting recorded as not held (the operation refreshes it).
    await op.run(() => operationAction('markNotHeld', input));
    setConfirming(false);
  }

  return (
    <section className="card" aria-labelledby={`${reasonId}-title`} data-testid="not-held-form">
      <h3 id={`${reasonId}-title`}>{t('notHeld.formTitle')}</h3>
      <p className="muted">{t('notHeld.formHint')}</p>
      <form
        className="form"
        onSubmit={(event) => {
          event.preventDefault();
          void check().then((input) => input && setConfirming(true));
        }}
      >
        <div className="field">
          <label htmlFor={reasonId}>{t('notHeld.reasonLabel')}</label>
          <select
            id={reasonId}
            value={reason}
            onChange={(event) => setReason(event.target.value as NotHeldReason)}
            data-testid="not-held-reason"
          >
            {NOT_HELD_REASONS.map((r) => (
              <option key={r} value={r}>
                {t(`notHeld.reason.${r}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={noteId}>{t('notHeld.noteLabel')}</label>
          <textarea
            id={noteId}
            rows={2}
            maxLength={NOT_HELD_NOTE_MAX}
            value={note}
            placeholder={t('notHeld.notePlaceholder')}
            onChange={(event) => {
              setNote(event.target.value);
              setConfirming(false);
            }}
            aria-invalid={op.fields.note ? true : undefined}
            data-testid="not-held-note"
          />
        </div>
        <OperationError message={op.error} />
        {confirming ? (
          <div className="notice notice--warning" role="alert" data-testid="not-held-confirmation">
            <p>{t('notHeld.confirm')}</p>
            <div className="form-actions">
              <button
                type="button"
                className="button button--danger"
                disabled={op.pending}
                onClick={() => void send()}
                data-testid="not-held-confirm"
              >
                {t('notHeld.submit')}
              </button>
              <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
                {t('forms.cancel')}
              </button>
            </div>
          </div>
        ) : (
          <div className="form-actions">
            <button type="submit" className="button button--secondary" data-testid="not-held-submit">
              {t('notHeld.submit')}
            </button>
          </div>
        )}
      </form>
    </section>
  );
}
