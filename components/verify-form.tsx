'use client';

import Link from 'next/link';
import { useActionState, useId } from 'react';
import { verifyAction } from '../app/verify/actions';
import { INITIAL_FORM_STATE } from '../lib/form-state';
import { useI18n } from './i18n-provider';

/** Paste the seal hash printed on the minutes, or choose the file; the server answers matches / does not match / unknown. */
export function VerifyForm() {
  const { t } = useI18n();
  const [state, action, pending] = useActionState(verifyAction, INITIAL_FORM_STATE);
  const hashId = useId();
  const fileId = useId();
  const result = state.data?.result;
  return (
    <form className="form" action={action} method="post" encType="multipart/form-data" data-testid="verify-form">
      <div className="field">
        <label htmlFor={hashId}>{t('verify.hashLabel')}</label>
        <input
          id={hashId}
          name="hash"
          defaultValue={state.values.hash ?? ''}
          autoComplete="off"
          spellCheck={false}
          data-testid="verify-hash"
        />
        {state.errors.hash && <p className="field__error">{state.errors.hash}</p>}
      </div>
      <div className="field">
        <label htmlFor={fileId}>{t('verify.fileLabel')}</label>
        <input
          id={fileId}
          name="file"
          type="file"
          accept=".docx,.pdf,application/pdf,application/vnd.openxmlformats-officedocument.wordprocessingml.document"
          data-testid="verify-file"
        />
        {state.errors.file && <p className="field__error">{state.errors.file}</p>}
      </div>
      {state.errors._ && <p className="field__error">{state.errors._}</p>}
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending} data-testid="verify-submit">
          {t('verify.submit')}
        </button>
      </div>
      {result && (
        <div
          className={`notice ${result === 'matches' ? 'notice--success' : 'notice--warning'}`}
          role="status"
          data-testid="verify-result"
          data-result={result}
        >
          <p>
            <strong>{state.message}</strong>
          </p>
          {state.data?.document && <p>{state.data.document}</p>}
          {state.data?.reason && <p>{state.data.reason}</p>}
          {state.data?.meeting && (
            <p>
              <Link href={`/meetings/${state.data.meetingId}`}>{state.data.meeting}</Link>
            </p>
          )}
          {state.data?.sealedAt && <p>{state.data.sealedAt}</p>}
        </div>
      )}
    </form>
  );
}
