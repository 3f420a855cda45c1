'use client';

import { useActionState, useState } from 'react';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { SubmitButton } from './form-fields';
import { useI18n } from './i18n-provider';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * Creates a one-time invite link and shows it once: only its hash is stored,
 * so the manager copies it now and sends it to the member.
 */
export function InviteButton({ action, memberName }: { action: Action; memberName: string }) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const [copied, setCopied] = useState(false);
  const link = state.data?.link;

  async function copy() {
    if (!link) return;
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      // Clipboard access can be refused (plain http); the link stays visible to copy by hand.
    }
  }

  return (
    <div className="invite">
      {!link && (
        <form action={formAction}>
          <SubmitButton
            label={t('members.createInvite')}
            pendingLabel={t('forms.saving')}
            className="button button--small button--secondary"
          />
        </form>
      )}
      {state.errors._ && (
        <p className="field__error" role="alert">
          {state.errors._}
        </p>
      )}
      {link && (
        <div role="status">
          <p>{t('members.inviteReady', { name: memberName })}</p>
          <output className="link-output" data-testid="invite-link">
            {link}
          </output>
          <div className="form-actions">
            <button type="button" className="button button--small" onClick={copy}>
              {copied ? t('members.copied') : t('members.copy')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
