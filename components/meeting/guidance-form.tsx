'use client';

import { useId, useState } from 'react';
import { operationAction } from '../../app/actions/operation';
import { GUIDANCE_MAX } from '../../lib/meeting-limits';
import { meetingSchemas, refusalOf } from './form-check';
import type { SectionMenuEntry } from '../../lib/minutes/section-menu';
import { useI18n } from '../i18n-provider';
import { OperationError } from './operation-error';
import { useOperation } from './use-operation';

/** For the cell's overseers, under approved minutes: guidance on the whole record or on one section. */
export function GuidanceForm({ meetingId, sections }: { meetingId: string; sections: readonly SectionMenuEntry[] }) {
  const { t, has } = useI18n();
  const op = useOperation(t('errors.network'));
  const [sectionId, setSectionId] = useState('');
  const [body, setBody] = useState('');
  const [given, setGiven] = useState(false);
  const sectionField = useId();
  const bodyField = useId();

  async function submit() {
    setGiven(false);
    const parsed = (await meetingSchemas()).guidanceSchema.safeParse({
      meetingId,
      body,
      ...(sectionId ? { sectionId } : {}),
    });
    if (!parsed.success) {
      const refusal = await refusalOf(t, has, parsed.error);
      op.refuse(refusal.message, refusal.fields);
      return;
    }
    const result = await op.run(() => operationAction('giveGuidance', parsed.data));
    if (result?.ok) {
      setBody('');
      setGiven(true);
    }
  }

  return (
    <form
      className="form"
      data-testid="guidance-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <div className="field">
        <label htmlFor={sectionField}>{t('guidance.section')}</label>
        <select
          id={sectionField}
          value={sectionId}
          onChange={(event) => setSectionId(event.target.value)}
          data-testid="guidance-section-choice"
        >
          <option value="">{t('guidance.whole')}</option>
          {sections.map((s) => (
            <option key={s.sectionId} value={s.sectionId}>
              {`${'\u00a0\u00a0'.repeat(s.depth)}${s.title}`}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor={bodyField}>{t('guidance.body')}</label>
        <span className="field__hint">{t('guidance.hint')}</span>
        <textarea
          id={bodyField}
          rows={4}
          maxLength={GUIDANCE_MAX}
          value={body}
          onChange={(event) => setBody(event.target.value)}
          aria-invalid={op.fields.body ? true : undefined}
          data-testid="guidance-body-input"
        />
      </div>
      <OperationError message={op.error} />
      {given && (
        <p className="notice notice--success" role="status" data-testid="guidance-given">
          {t('guidance.given')}
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={op.pending} data-testid="guidance-submit">
          {t('guidance.submit')}
        </button>
      </div>
    </form>
  );
}
