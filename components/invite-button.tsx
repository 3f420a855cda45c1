'use client';

import { useActionState, useState } from 'react';
import { INITIAL_FORM_STATE, type FormState } from '../lib/form-state';
import { linkSharePayload } from '../lib/share';
import { SubmitButton } from './form-fields';
import { useI18n } from './i18n-provider';
import { ShareButtons } from './share-buttons';

type Action = (prev: FormState, formData: FormData) => Promise<FormState>;

/**
 * Creates a one-time link that sets a member's password and shows it once:
 * only its hash is stored, so the manager copies it now and sends it to the
 * member. For a member who has a password (`reset`), the link replaces it
 * and signs them out everywhere once used, so the manager confirms first;
 * the form then says so to the server (`reset`), which refuses without it.
 */
export function InviteButton({
  action,
  emailAction,
  memberName,
  reset,
}: {
  action: Action;
  /** Sends the link to the member's email instead of showing it; absent when this installation sends no mail. */
  emailAction?: Action;
  memberName: string;
  reset: boolean;
}) {
  const { t } = useI18n();
  const [state, formAction] = useActionState(action, INITIAL_FORM_STATE);
  const [mailState, mailAction] = useActionState(emailAction ?? action, INITIAL_FORM_STATE);
  const [confirming, setConfirming] = useState(false);
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
      {!link && !reset && (
        <form action={formAction}>
          <SubmitButton
            label={t('members.createInvite')}
            pendingLabel={t('forms.saving')}
            className="button button--small button--secondary"
            testId="invite-create"
          />
        </form>
      )}
      {!link && emailAction && mailState.status !== 'success' && (!reset || confirming) && (
        <form action={mailAction}>
          {reset && <input type="hidden" name="reset" value="true" />}
          <SubmitButton
            label={reset ? t('mail.sendReset') : t('mail.sendInvite')}
            pendingLabel={t('notice.sending')}
            className="button button--small button--secondary"
            testId="invite-email"
          />
        </form>
      )}
      {mailState.message && (
        <p role="status" data-testid="invite-email-status">
          {mailState.message}
        </p>
      )}
      {mailState.errors._ && (
        <p className="field__error" role="alert">
          {mailState.errors._}
        </p>
      )}
      {!link && reset && !confirming && (
        <button
          type="button"
          className="button button--small button--secondary"
          onClick={() => setConfirming(true)}
          data-testid="reset-link-start"
        >
          {t('members.createResetLink')}
        </button>
      )}
      {!link && reset && confirming && (
        <div className="notice notice--warning" role="alertdialog" data-testid="reset-link-confirmation">
          <p>{t('members.resetConfirm', { name: memberName })}</p>
          <form action={formAction} className="form-actions">
            <input type="hidden" name="reset" value="true" />
            <SubmitButton
              label={t('members.resetConfirmYes')}
              pendingLabel={t('forms.saving')}
              className="button button--small"
              testId="reset-link-confirm"
            />
            <button
              type="button"
              className="button button--small button--secondary"
              onClick={() => setConfirming(false)}
              data-testid="reset-link-cancel"
            >
              {t('forms.cancel')}
            </button>
          </form>
        </div>
      )}
      {state.errors._ && (
        <p className="field__error" role="alert">
          {state.errors._}
        </p>
      )}
      {link && (
        <div role="status">
          <p>
            {state.data?.purpose === 'reset'
              ? t('members.resetReady', { name: memberName })
              : t('members.inviteReady', { name: memberName })}
          </p>
          <output className="link-output" data-testid="invite-link">
            {link}
          </output>
          <div className="form-actions">
            <button type="button" className="button button--small" onClick={copy}>
              {copied ? t('members.copied') : t('members.copy')}
            </button>
          </div>
          {state.data?.qr && (
            <ShareButtons
              payload={linkSharePayload(t, {
                purpose: state.data.purpose === 'reset' ? 'reset' : 'invite',
                name: memberName,
                url: link,
              })}
              qrSrc={state.data.qr}
              testId="invite-share"
            />
          )}
        </div>
      )}
    </div>
  );
}
