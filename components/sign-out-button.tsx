'use client';

import { useState } from 'react';
import { endSession } from './end-session';
import { useI18n } from './i18n-provider';
import { clearOfflineData } from './offline-data';

/**
 * Signs out and goes to the sign-in page. What this member kept on the device
 * (offline copies of minutes, cached pages) is removed once the server has
 * ended the session: on a shared computer the next person must find nothing.
 * Signing out needs the network, so unsent changes had their chance to leave.
 */
export function SignOutButton() {
  const { t } = useI18n();
  const [busy, setBusy] = useState(false);
  async function onClick() {
    setBusy(true);
    try {
      await endSession();
      await clearOfflineData();
    } finally {
      // The local path is always right (next-auth would build its redirect from NEXTAUTH_URL).
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
