import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** Encodes a state vector in the layout Y.encodeStateVector writes: a count, then client and clock pairs. */
function encodeVector(vector: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  const entries = Array.from(vector).filter(([, clock]) => clock > 0);
  encoding.writeVarUint(encoder, entries.length);
  for (const [client, clock] of entries) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, clock);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * A state vector lowered so that it claims nothing of `unsaved`: for every
 * client an unsaved update writes for, the vector stops where that update
 * starts. What is left is known to be in the database. Conservative: a
 * client's later, saved changes count as unsaved until its earlier ones are
 * saved too (a client's own changes always are, in order).
 */
export function withoutUnsaved(stateVector: Uint8Array, unsaved: readonly Uint8Array[]): Uint8Array {
  if (unsaved.length === 0) return stateVector;
  const vector = Y.decodeStateVector(stateVector);
  let lowered = false;
  for (const update of unsaved) {
    for (const [client, from] of Y.parseUpdateMeta(update).from) {
      const clock = vector.get(client);
      if (clock !== undefined && clock > from) {
        vector.set(client, from);
        lowered = true;
      }
    }
  }
  return lowered ? encodeVector(vector) : stateVector;
}
