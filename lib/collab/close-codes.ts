/**
 * Websocket close codes of the collaboration server, shared with the browser
 * so it can say what happened. The y-websocket 3.x client stops reconnecting
 * on 4400–4499, so codes in that range are reserved for "retrying will not
 * help" (signed out, forbidden, bad document id).
 */
export const CLOSE_CODES = {
  /** Normal shutdown or a server restart: the client reconnects. */
  goingAway: 1001,
  /** A frame the server could not decode, or an unknown message type. */
  protocolError: 1002,
  /** Presence beyond its limits (too many entries in one frame, too many client ids). */
  policyViolation: 1008,
  /** A frame larger than MAX_MESSAGE_BYTES. */
  messageTooBig: 1009,
  /** An unexpected server error while handling this connection. */
  internalError: 1011,
  /** Too many messages per second: the client reconnects after a pause. */
  rateLimited: 4029,
  /** The session expired or was revoked while connected: sign in again. */
  unauthorized: 4401,
  /** The user lost access to this document while connected. */
  forbidden: 4403,
  /** The document id is not a valid id. */
  invalidDocument: 4404,
  /** The document grew past MAX_DOCUMENT_BYTES. */
  documentTooLarge: 4413,
  /**
   * An update wrote what only the server writes (attendance, votes, the
   * speaker of an opinion, a vote result in the minutes…) and was refused
   * whole: the client's copy now holds a change nobody else has, so it must
   * start again from the server's.
   */
  updateRefused: 4422,
} as const;

/** The messages/ key that explains a close code to the user; undefined for routine closes. */
export function closeReasonKey(code: number): string | undefined {
  switch (code) {
    case CLOSE_CODES.unauthorized:
      return 'collab.closed.unauthorized';
    case CLOSE_CODES.forbidden:
      return 'collab.closed.forbidden';
    case CLOSE_CODES.invalidDocument:
      return 'collab.closed.invalidDocument';
    case CLOSE_CODES.documentTooLarge:
      return 'collab.closed.documentTooLarge';
    case CLOSE_CODES.updateRefused:
      return 'collab.closed.updateRefused';
    case CLOSE_CODES.messageTooBig:
      return 'collab.closed.messageTooBig';
    case CLOSE_CODES.rateLimited:
      return 'collab.closed.rateLimited';
    case CLOSE_CODES.protocolError:
    case CLOSE_CODES.policyViolation:
      return 'collab.closed.protocolError';
    default:
      return undefined;
  }
}
