/**
 * Message types on the /collab websocket. 0–3 are the y-websocket protocol;
 * higher numbers are this product's additions, sent only to clients that ask
 * for them with a query parameter, so plain y-websocket clients never see one.
 */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * Server → client: the state vector of what the server has durably stored
 * (varUint type, then varUint8Array state vector). A client whose own state
 * vector is covered by it has "all changes saved".
 */
export const MESSAGE_SAVED = 100;
/**
 * Server → client: the connection's access changed (varUint type, varString
 * "edit" | "read", varString reason key). Sent when a meeting is locked.
 */
export const MESSAGE_ACCESS = 101;

/** Query parameter that opts a client in to MESSAGE_SAVED and MESSAGE_ACCESS. */
export const EXTENSIONS_PARAM = 'ext';
/** The websocket path prefix: /collab/<documentId>. */
export const COLLAB_PATH = '/collab';

/** True when every client clock in `local` is covered by `saved`. */
export function isCoveredBy(local: Map<number, number>, saved: Map<number, number>): boolean {
  for (const [client, clock] of local) {
    if ((saved.get(client) ?? 0) < clock) return false;
  }
  return true;
}
