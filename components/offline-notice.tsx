'use client';

import { useSyncExternalStore } from 'react';
import { useI18n } from './i18n-provider';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('online', onChange);
  window.addEventListener('offline', onChange);
  return () => {
    window.removeEventListener('online', onChange);
    window.removeEventListener('offline', onChange);
  };
}

/**
 * Says so when the browser has no network: the page shown is then the copy
 * the service worker kept, as of the member's last visit. Nothing on the
 * server (and nothing in the server's HTML) can know this, hence the browser.
 */
export function OfflineNotice({ messageKey }: { messageKey: string }) {
  const { t } = useI18n();
  const offline = useSyncExternalStore(
    subscribe,
    () => !navigator.onLine,
    () => false,
  );
  if (!offline) return null;
  return (
    <p className="notice notice--warning" role="status" data-testid="offline-notice">
      {t(messageKey)}
    </p>
  );
}
