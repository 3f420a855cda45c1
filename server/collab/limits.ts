import { limitsFromEnv as readLimits } from '../limits-from-env';

/**
 * Limits of the collaboration server, each a named default that an operator
 * may override through the environment variable of the same name prefixed
 * with COLLAB_ (e.g. COLLAB_MAX_MESSAGE_BYTES).
 */
export interface CollabLimits extends Record<string, number> {
  /** Largest websocket frame accepted; larger ones close the socket with 1009. */
  MAX_MESSAGE_BYTES: number;
  /** Largest document, measured as stored size plus updates since load; beyond it edits are refused (4413). */
  MAX_DOCUMENT_BYTES: number;
  /** Open sockets per document; further upgrades get HTTP 503. */
  MAX_CONNECTIONS_PER_DOCUMENT: number;
  /** Open sockets of one user to one document (tabs, devices); further upgrades get HTTP 429. */
  MAX_CONNECTIONS_PER_USER_PER_DOCUMENT: number;
  /** Sustained messages per second per connection (token bucket refill rate). */
  MAX_MESSAGES_PER_SECOND: number;
  /** Burst allowance on top of the rate above. */
  MESSAGE_BURST: number;
  /** Upgrade attempts per remote address per minute; further attempts get HTTP 429. */
  MAX_UPGRADES_PER_ADDRESS_PER_MINUTE: number;
  /** Largest awareness state (JSON) of one client. */
  MAX_AWARENESS_STATE_BYTES: number;
  /**
   * Entries in one awareness frame. Every client echoes the presence it hears,
   * a whole room's on joining, so this must exceed the room size; more closes
   * the connection (1008).
   */
  MAX_AWARENESS_ENTRIES: number;
  /** Awareness client ids one connection may own (an editor uses one); claiming more closes it (1008). */
  MAX_AWARENESS_CLIENTS_PER_CONNECTION: number;
  /** A connection that was sent nothing for this long gets an empty awareness message (client timeout is 30 s). */
  KEEPALIVE_AFTER_MS: number;
  /** Websocket ping interval; a peer that misses a pong is terminated. */
  PING_INTERVAL_MS: number;
  /** How long a document with no connections stays loaded. */
  UNLOAD_GRACE_MS: number;
  /** How often sessions and access of live connections are re-checked against the database. */
  REVALIDATE_INTERVAL_MS: number;
  /** Log rows of one document after which they are merged into its snapshot. */
  COMPACT_AFTER_UPDATES: number;
  /** Bytes a socket may have queued before it is closed as a slow consumer. */
  MAX_BUFFERED_BYTES: number;
  /** How long an update that builds on content the client has not sent yet is held before it is refused (4422). */
  INCOMPLETE_UPDATE_TIMEOUT_MS: number;
  /**
   * With several instances: how long an update another instance published
   * waits for that instance's notice that it is stored before this one
   * stores it itself (the other died, or Redis went away).
   */
  ADOPT_AFTER_MS: number;
  /**
   * A document stored with at least this many bytes is answered to a client
   * that has nothing yet from its stored bytes, before it is built here.
   */
  EARLY_ANSWER_MIN_BYTES: number;
  /** How long building such a document waits for its waiting clients' first messages. */
  EARLY_ANSWER_WAIT_MS: number;
  /**
   * How long an update waits for others to be committed with it (one
   * transaction for every document's updates of that span, and one saved
   * notice per document instead of one per update). 0 commits at the next
   * turn of the event loop. Sealing, draining and shutting down commit at once.
   */
  SAVE_BATCH_MS: number;
}

export const DEFAULT_LIMITS: Readonly<CollabLimits> = {
  MAX_MESSAGE_BYTES: 2 * 1024 * 1024,
  MAX_DOCUMENT_BYTES: 32 * 1024 * 1024,
  MAX_CONNECTIONS_PER_DOCUMENT: 500,
  MAX_CONNECTIONS_PER_USER_PER_DOCUMENT: 8,
  MAX_MESSAGES_PER_SECOND: 200,
  MESSAGE_BURST: 400,
  MAX_UPGRADES_PER_ADDRESS_PER_MINUTE: 600,
  MAX_AWARENESS_STATE_BYTES: 16 * 1024,
  MAX_AWARENESS_ENTRIES: 1000,
  MAX_AWARENESS_CLIENTS_PER_CONNECTION: 4,
  KEEPALIVE_AFTER_MS: 10_000,
  PING_INTERVAL_MS: 30_000,
  UNLOAD_GRACE_MS: 30_000,
  REVALIDATE_INTERVAL_MS: 60_000,
  COMPACT_AFTER_UPDATES: 500,
  MAX_BUFFERED_BYTES: 16 * 1024 * 1024,
  INCOMPLETE_UPDATE_TIMEOUT_MS: 10_000,
  ADOPT_AFTER_MS: 3_000,
  EARLY_ANSWER_MIN_BYTES: 64 * 1024,
  EARLY_ANSWER_WAIT_MS: 1_000,
  SAVE_BATCH_MS: 250,
};

/** Defaults overridden by COLLAB_<NAME> environment variables; a bad value throws at start-up. */
export function limitsFromEnv(env: Record<string, string | undefined> = process.env): CollabLimits {
  const limits = readLimits(DEFAULT_LIMITS, 'COLLAB_', env);
  if (limits.MAX_AWARENESS_ENTRIES < limits.MAX_CONNECTIONS_PER_DOCUMENT)
    throw new Error('COLLAB_MAX_AWARENESS_ENTRIES must be at least COLLAB_MAX_CONNECTIONS_PER_DOCUMENT');
  return limits;
}
