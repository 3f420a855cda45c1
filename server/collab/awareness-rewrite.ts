import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { userColor } from '../../lib/collab/user-color';

const utf8 = new TextDecoder();

/** The identity the server writes into every awareness state of a connection. */
export interface AwarenessIdentity {
  id: string;
  name: string;
  color: string;
}

/** A user's colour, the same one the browser uses for its own caret. */
export const colorFor = userColor;

export interface RewrittenAwareness {
  /** The update to apply, with identities rewritten; null when no entry survived. */
  update: Uint8Array | null;
  /** Awareness client ids this update claims (states set or removed). */
  clientIds: number[];
}

/**
 * Rewrites an awareness update from a connection so that every state carries
 * the authenticated user's identity, whatever the client wrote: nobody can
 * appear as someone else. Entries for client ids that another connection owns
 * (`isForeign`) and oversized or non-object states are dropped.
 */
export function rewriteAwarenessUpdate(
  update: Uint8Array,
  identity: AwarenessIdentity,
  isForeign: (clientId: number) => boolean,
  maxStateBytes: number,
  maxEntries: number = Number.POSITIVE_INFINITY,
): RewrittenAwareness {
  const decoder = decoding.createDecoder(update);
  const count = decoding.readVarUint(decoder);
  if (count > maxEntries) throw new AwarenessLimitError(`${count} entries in one awareness frame`);
  const entries: { clientId: number; clock: number; state: string }[] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    // The state is decoded only when this connection may set it: every client echoes each presence
    // update it hears back to the server, so most entries that arrive are someone else's.
    const bytes = decoding.readVarUint8Array(decoder);
    if (isForeign(clientId) || bytes.length > maxStateBytes) continue;
    const json = utf8.decode(bytes);
    if (json === 'null') {
      entries.push({ clientId, clock, state: json });
      continue;
    }
    let state: unknown;
    try {
      state = JSON.parse(json);
    } catch {
      continue;
    }
    if (typeof state !== 'object' || state === null || Array.isArray(state)) continue;
    const rewritten = { ...(state as Record<string, unknown>), user: { ...identity } };
    entries.push({ clientId, clock, state: JSON.stringify(rewritten) });
  }
  if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  if (entries.length === 0) return { update: null, clientIds: [] };
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, entry.state);
  }
  return { update: encoding.toUint8Array(encoder), clientIds: entries.map((e) => e.clientId) };
}

/** An awareness frame beyond the limits: the connection is closed (1008). */
export class AwarenessLimitError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AwarenessLimitError';
  }
}
