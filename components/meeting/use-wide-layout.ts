'use client';

import { useSyncExternalStore } from 'react';
import { WIDE_LAYOUT_QUERY } from '../../lib/meeting-tabs';

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(WIDE_LAYOUT_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * Whether the meeting page shows all its parts side by side (a wide screen)
 * rather than one tab at a time. False on the server, which cannot know: the
 * page is rendered as on a phone and corrected once it runs in the browser.
 */
export function useWideLayout(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => window.matchMedia(WIDE_LAYOUT_QUERY).matches,
    () => false,
  );
}
