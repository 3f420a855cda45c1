'use client';

import { useEffect } from 'react';
import { useLiveMeeting } from './live-meeting-provider';
import { fetchPreparationCode } from './preparation-controls-loader';

/** How long after the minutes first synced the preparation's code is fetched: after all the page needs now. */
const WARM_UP_AFTER_MS = 5000;

/**
 * Fetches the code of the parts a phone loads only when their tab is opened
 * (the preparation), a while after the minutes have synced, for a member who
 * keeps the meeting on the device: without it, the installed app opened
 * without a network could not show a tab its owner never opened online. The
 * page's first load stays what it needs now; these few KiB come after, and
 * the service worker keeps them with the rest. Parts that depend on a role
 * (vote setup, the roll call's controls) load when the role is given, which
 * takes a network anyway.
 */
export function OfflinePartsWarmup() {
  const { view, session } = useLiveMeeting();
  const keep = view.permissions.keepOffline;
  const provider = session?.provider ?? null;
  useEffect(() => {
    if (!keep || !provider) return;
    let timer: number | undefined;
    const schedule = () => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        // Offline, a failed fetch would leave nothing better; the parts load when opened instead.
        if (navigator.onLine) void fetchPreparationCode().catch(() => undefined);
      }, WARM_UP_AFTER_MS);
    };
    if (provider.synced) schedule();
    else provider.once('sync', schedule);
    return () => {
      window.clearTimeout(timer);
      provider.off('sync', schedule);
    };
  }, [keep, provider]);
  return null;
}
