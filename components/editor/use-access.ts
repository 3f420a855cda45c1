'use client';

import * as decoding from 'lib0/decoding';
import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type { DocumentAccess } from '../../lib/domain';
import { MESSAGE_ACCESS } from '../../lib/collab/messages';

export interface AccessChange {
  access: Exclude<DocumentAccess, 'none'>;
  /** messages/ key of the reason, as sent by the server. */
  reasonKey: string;
}

/**
 * The access the server announced on this connection (MESSAGE_ACCESS), e.g.
 * read-only once the minutes are approved and locked. Null until it says
 * anything; the page's own access applies until then.
 */
export function useAccessChange(provider: WebsocketProvider | null): AccessChange | null {
  const [change, setChange] = useState<AccessChange | null>(null);
  useEffect(() => {
    if (!provider) return;
    provider.messageHandlers[MESSAGE_ACCESS] = (_encoder, decoder) => {
      const access = decoding.readVarString(decoder);
      const reasonKey = decoding.readVarString(decoder);
      if (access === 'edit' || access === 'read') setChange({ access, reasonKey });
    };
    return () => {
      provider.messageHandlers[MESSAGE_ACCESS] = () => {};
    };
  }, [provider]);
  return change;
}
