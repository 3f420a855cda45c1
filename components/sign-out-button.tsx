'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';
import { useI18n } from './i18n-provider';
import { PAGE_CACHE } from '../lib/offline';

/**
 * Signs out and goes to the sign-in page. Pages cached for offline use were
 * rendered for this user, so they are dropped; unsent minutes in IndexedDB
 * stay, or signing out offline would lose them.
 */
export function SignOutButton() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  async function onClick() {
    setBusy(true);
    try {
      if ('caches' in window) await caches.delete(PAGE_CACHE);
      await signOut({ redirect: false });
    } finally {
      // next-auth builds its own redirect from NEXTAUTH_URL; the local path is always right.
      window.location.assign('/signin?notice=signedOut');
    }
  }
  return (
    <button
      type="button"
      className="button button--small button--ghost"
      onClick={onClick}
      disabled={busy}
      data-testid="sign-out"
    >
      {t('header.signOut')}
    </button>
  );
}
