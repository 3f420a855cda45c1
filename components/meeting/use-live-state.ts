'use client';

import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import { meetingDoc, type ReviewItem, type SessionState } from '../../lib/meeting-doc/layout';
import { useLiveMeeting } from './live-meeting-provider';

const EMPTY_MAP: ReadonlyMap<string, never> = new Map<string, never>();
const EMPTY_LIST: readonly never[] = [];

/**
 * A snapshot of one of the document's maps, renewed on every change to it,
 * local or remote. `pick` must be a stable function (the meetingDoc accessors are).
 */
export function useLiveMap<T>(pick: (doc: Y.Doc) => Y.Map<T>): ReadonlyMap<string, T> {
  const { doc } = useLiveMeeting();
  const [value, setValue] = useState<ReadonlyMap<string, T>>(EMPTY_MAP);
  useEffect(() => {
    if (!doc) {
      setValue(EMPTY_MAP);
      return;
    }
    const map = pick(doc);
    const update = () => setValue(new Map(map.entries()));
    update();
    map.observe(update);
    return () => map.unobserve(update);
  }, [doc, pick]);
  return value;
}

/** The session record: start and end times, chair and minutes-taker, read-back, current section. */
export function useLiveSession(): SessionState {
  const entries = useLiveMap(meetingDoc.session);
  return useMemo(() => Object.fromEntries(entries) as SessionState, [entries]);
}

/** The review list: unfinished tasks of earlier meetings, as the server keeps it. */
export function useLiveReview(): readonly ReviewItem[] {
  const { doc } = useLiveMeeting();
  const [items, setItems] = useState<readonly ReviewItem[]>(EMPTY_LIST);
  useEffect(() => {
    if (!doc) {
      setItems(EMPTY_LIST);
      return;
    }
    const review = meetingDoc.review(doc);
    const update = () => setItems(review.toArray());
    update();
    review.observe(update);
    return () => review.unobserve(update);
  }, [doc]);
  return items;
}
