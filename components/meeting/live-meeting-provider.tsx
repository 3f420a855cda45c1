'use client';

import { useRouter } from 'next/navigation';
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import type * as Y from 'yjs';
import type { DocumentAccess } from '../../lib/domain';
import type { MeetingView } from '../../lib/meeting-view';
import { useAccessChange } from '../editor/use-access';
import { useCollabSession, type CollabSession } from '../editor/use-collab-session';

/** The reason key the server sends when it seals the minutes. */
const LOCKED_REASON_KEY = 'collab.access.locked';

export interface LiveMeeting {
  view: MeetingView;
  session: CollabSession | null;
  /** The meeting's live document; null until it is opened in the browser. */
  doc: Y.Doc | null;
  /** The access the page was rendered with, overridden by what the server announces live. */
  access: Exclude<DocumentAccess, 'none'>;
  /** messages/ key of the server's reason for the current access, when it gave one. */
  accessReasonKey: string | null;
  /** The minutes are sealed: known from the page, or announced live by the server. */
  locked: boolean;
}

const LiveMeetingContext = createContext<LiveMeeting | null>(null);

/**
 * Opens the meeting's live document once for the whole page: the minutes
 * editor, the agenda editor and every panel observe the same Y.Doc. When the
 * server announces that the minutes were sealed, the page is rendered again
 * so the seal, its hash and the amendment form appear without a reload.
 */
export function LiveMeetingProvider({
  view,
  access,
  wsPath,
  children,
}: {
  view: MeetingView;
  access: Exclude<DocumentAccess, 'none'>;
  wsPath: string;
  children: ReactNode;
}) {
  const router = useRouter();
  const session = useCollabSession({
    meetingId: view.id,
    userId: view.me.id,
    wsPath,
    keepOffline: view.permissions.keepOffline,
  });
  const change = useAccessChange(session?.notices ?? null);
  const lockedLive = change?.reasonKey === LOCKED_REASON_KEY;

  useEffect(() => {
    if (lockedLive && !view.sealed) router.refresh();
  }, [lockedLive, view.sealed, router]);

  const value = useMemo<LiveMeeting>(
    () => ({
      view,
      session,
      doc: session?.doc ?? null,
      access: change?.access ?? access,
      accessReasonKey: change?.reasonKey ?? null,
      locked: view.sealed || lockedLive,
    }),
    [view, session, change, access, lockedLive],
  );
  return <LiveMeetingContext.Provider value={value}>{children}</LiveMeetingContext.Provider>;
}

/** The live meeting of this page; only inside <LiveMeetingProvider>. */
export function useLiveMeeting(): LiveMeeting {
  const value = useContext(LiveMeetingContext);
  if (!value) throw new Error('useLiveMeeting must be used inside <LiveMeetingProvider>');
  return value;
}
