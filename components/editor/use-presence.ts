'use client';

import { useEffect, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import { safeColor } from '../../lib/collab/user-color';

export interface PresentUser {
  key: string;
  name: string;
  color: string;
  self: boolean;
}

const FALLBACK_COLOR = '#4b5563';

/**
 * Who has the document open, from awareness states. The server writes each
 * state's `user` from the signed-in account, so names can be trusted; one
 * person with two tabs open is listed once.
 */
export function usePresence(provider: WebsocketProvider | null): PresentUser[] {
  const [users, setUsers] = useState<PresentUser[]>([]);
  useEffect(() => {
    if (!provider) return;
    const awareness = provider.awareness;
    const update = () => {
      const byKey = new Map<string, PresentUser>();
      awareness.getStates().forEach((state, clientId) => {
        const user = (state as { user?: { id?: unknown; name?: unknown; color?: unknown } }).user;
        if (!user || typeof user.name !== 'string' || user.name.length === 0) return;
        const key = typeof user.id === 'string' ? user.id : `client-${clientId}`;
        const self = clientId === awareness.clientID;
        const existing = byKey.get(key);
        if (existing && !self) return;
        byKey.set(key, {
          key,
          name: user.name,
          color: safeColor(user.color) ?? FALLBACK_COLOR,
          self: self || existing?.self === true,
        });
      });
      const list = [...byKey.values()].sort((a, b) => Number(b.self) - Number(a.self) || a.name.localeCompare(b.name));
      setUsers(list);
    };
    awareness.on('change', update);
    update();
    return () => awareness.off('change', update);
  }, [provider]);
  return users;
}
