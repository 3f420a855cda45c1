import type { WebsocketProvider } from 'y-websocket';

interface AwarenessChanges {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * Makes the provider send the server this client's own presence only.
 * y-websocket's provider sends every awareness change it hears, everyone
 * else's too, straight back to the server, which drops them (it has them
 * already): a member who only watches the minutes being typed uploaded as
 * much as they downloaded, about 2 MiB in a 90-minute meeting, on a phone's
 * data plan. Replacing the provider's own handler keeps its behaviour for
 * this client's state (changes, renewals, removal on leaving) and lets
 * destroy() remove the replacement.
 */
export function sendOwnPresenceOnly(provider: WebsocketProvider): void {
  const { awareness } = provider;
  const own = awareness.clientID;
  const sendChanges = provider._awarenessUpdateHandler;
  awareness.off('update', sendChanges);
  provider._awarenessUpdateHandler = (changes: AwarenessChanges, origin: unknown) => {
    const mine = (clients: number[]) => clients.filter((client) => client === own);
    const ownChanges = { added: mine(changes.added), updated: mine(changes.updated), removed: mine(changes.removed) };
    if (ownChanges.added.length + ownChanges.updated.length + ownChanges.removed.length === 0) return;
    sendChanges(ownChanges, origin);
  };
  awareness.on('update', provider._awarenessUpdateHandler);
}
