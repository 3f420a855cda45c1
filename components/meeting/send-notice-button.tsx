'use client';

import { useActionState } from 'react';
import { INITIAL_FORM_STATE, type FormState } from '../../lib/form-state';
import { SubmitButton } from '../form-fields';
import { useI18n } from '../i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/** "Gửi thông báo qua email", for the cell's managers when this installation sends mail. */
export function SendNoticeButton({ action }: { action: Action }) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  return (
    <form action={formAction} data-testid="send-notice">
      <SubmitButton
        label={t('notice.sendEmail')}
        pendingLabel={t('notice.sending')}
        className="button button--small button--secondary"
        testId="send-notice-button"
      />
      {state.message && (
        <p role="status" data-testid="send-notice-status">
          {state.message}
        </p>
      )}
      {state.errors._ && (
        <p className="field__error" role="alert">
          {state.errors._}
        </p>
      )}
    </form>
  );
}
