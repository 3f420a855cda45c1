'use client';

import * as decoding from 'lib0/decoding';
import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { MESSAGE_SAVED, isCoveredBy } from '../../lib/collab/messages';
import { loadSavedVector, storeSavedVector } from '../../lib/collab/saved-vector';
import type { CollabSession } from './use-collab-session';

/**
 * True when every change in the local document is durably stored on the
 * server: the local state vector is covered by the last MESSAGE_SAVED state
 * vector. Recomputed on every document update and every saved message.
 */
export function useSaved(session: CollabSession | null, meetingId: string): boolean {
  const [saved, setSaved] = useState(false);
  const doc = session?.doc;
  const provider = session?.provider;

  useEffect(() => {
    if (!doc || !provider) return;
    const stored = loadSavedVector(meetingId);
    let savedVector: Map<number, number> | null = stored ? Y.decodeStateVector(stored) : null;
    const recompute = () => {
      setSaved(savedVector !== null && isCoveredBy(Y.decodeStateVector(Y.encodeStateVector(doc)), savedVector));
    };
    provider.messageHandlers[MESSAGE_SAVED] = (_encoder, decoder) => {
      const raw = decoding.readVarUint8Array(decoder);
      savedVector = Y.decodeStateVector(raw);
      storeSavedVector(meetingId, raw);
      recompute();
    };
    doc.on('update', recompute);
    recompute();
    return () => {
      doc.off('update', recompute);
      provider.messageHandlers[MESSAGE_SAVED] = ignoreMessage;
    };
  }, [doc, provider, meetingId]);

  return saved;
}

/** Reads nothing and answers nothing: the provider logs unknown message types as errors. */
function ignoreMessage(): void {}
