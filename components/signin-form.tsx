'use client';

import { getSession, signIn } from 'next-auth/react';
import { SIGN_IN_LIMITED } from '../lib/sign-in';
import { clearOfflineData } from './offline-data';
import { useId, useState, type FormEvent } from 'react';
import { useI18n } from './i18n-provider';

/**
 * Sign-in with an email or a phone number (a member known by phone only)
 * and a password, through next-auth's credentials provider. The form says
 * method="post" so that a submit before the page is interactive never puts
 * the password in the address bar. Every wrong name or password shows the
 * same sentence: it must not tell whether the account exists. Too many
 * failures say so, and when to try again.
 */
export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { t } = useI18n();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const login = String(data.get('login') ?? '').trim();
    const password = String(data.get('password') ?? '');
    if (!login || !password) {
      setError(t('signin.missing'));
      return;
    }
    setPending(true);
    setError(null);
    try {
      const result = await signIn('credentials', { redirect: false, login, password, callbackUrl });
      if (result?.ok && !result.error) {
        // Copies another member left on this device are theirs: removed before this member's pages load.
        const session = await getSession();
        const userId = (session?.user as { id?: string } | undefined)?.id;
        await clearOfflineData(userId ?? '');
        // A full load, so the header and every server component see the new session.
        window.location.assign(callbackUrl);
        return;
      }
      setError(result?.error === SIGN_IN_LIMITED ? t('signin.limited') : t('signin.failed'));
    } catch {
      setError(t('signin.network'));
    }
    setPending(false);
  }

  return (
    <form method="post" className="form card" onSubmit={onSubmit} data-testid="signin-form" noValidate>
      {error && (
        <div className="notice notice--error" role="alert" data-testid="signin-error">
          <p>{error}</p>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-login`}>{t('fields.login')}</label>
        {/* Text, not email: a phone number must be accepted as typed. */}
        <input id={`${id}-login`} name="login" type="text" autoComplete="username" autoCapitalize="none" required />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('fields.password')}</label>
        <input id={`${id}-password`} name="password" type="password" autoComplete="current-password" required />
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={pending} aria-busy={pending} data-testid="signin-submit">
          {pending ? t('signin.pending') : t('signin.submit')}
        </button>
      </div>
    </form>
  );
}
