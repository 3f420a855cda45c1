'use client';

import { useSyncExternalStore } from 'react';
import type { AccessChange, ServerNotices } from './server-notices';

export type { AccessChange } from './server-notices';

const noSubscription = () => () => {};

/**
 * The access the server announced on this connection (MESSAGE_ACCESS), e.g.
 * read-only once the minutes are approved and locked. Null until it says
 * anything; the page's own access applies until then.
 */
export function useAccessChange(notices: ServerNotices | null): AccessChange | null {
  return useSyncExternalStore(
    notices?.subscribe ?? noSubscription,
    () => notices?.access ?? null,
    () => null,
  );
}
