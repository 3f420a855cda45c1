'use client';

import { useEffect, useState } from 'react';
import * as Y from 'yjs';
import { isCoveredBy } from '../../lib/collab/messages';
import { loadSavedVector, storeSavedVector } from '../../lib/collab/saved-vector';
import type { CollabSession } from './use-collab-session';

/**
 * True when every change in the local document is durably stored on the
 * server: the local state vector is covered by the last MESSAGE_SAVED state
 * vector. Recomputed on every document update and every saved message.
 */
export function useSaved(session: CollabSession | null, userId: string, meetingId: string): boolean {
  const [saved, setSaved] = useState(false);
  const doc = session?.doc;
  const notices = session?.notices;

  useEffect(() => {
    if (!doc || !notices) return;
    const stored = loadSavedVector(userId, meetingId);
    let savedVector: Map<number, number> | null = stored ? Y.decodeStateVector(stored) : null;
    let seen: Uint8Array | null = null;
    const recompute = () => {
      if (notices.saved && notices.saved !== seen) {
        seen = notices.saved;
        savedVector = Y.decodeStateVector(seen);
        storeSavedVector(userId, meetingId, seen);
      }
      setSaved(savedVector !== null && isCoveredBy(Y.decodeStateVector(Y.encodeStateVector(doc)), savedVector));
    };
    const unsubscribe = notices.subscribe(recompute);
    doc.on('update', recompute);
    recompute();
    return () => {
      unsubscribe();
      doc.off('update', recompute);
    };
  }, [doc, notices, userId, meetingId]);

  return saved;
}
