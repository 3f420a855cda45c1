'use client';

import { createContext, useContext, useState, type ReactNode } from 'react';
import { meetingDoc } from '../../lib/meeting-doc/layout';
import { firstTab, MEETING_TABS, type MeetingTab } from '../../lib/meeting-tabs';
import { useI18n } from '../i18n-provider';
import { useLiveMeeting } from './live-meeting-provider';
import { useAttendance } from './use-attendance';
import { useLiveMap } from './use-live-state';
import { PartLoadBoundary } from './part-load-boundary';
import { useMeetingStatus } from './use-meeting-status';
import { useWideLayout } from './use-wide-layout';

const ActiveTab = createContext<MeetingTab>('minutes');
/** Whether the part around has been on screen; outside a tab panel, everything is. */
const TabShown = createContext(true);

/**
 * The meeting page's parts as tabs on a phone (lib/meeting-tabs.ts). The
 * first tab follows the meeting: when it starts or ends, each person is
 * taken to what they need next, unless they chose a tab since. Every part
 * stays mounted (the minutes keep their editor and caret); only the active
 * one is shown on a narrow screen, and all of them on a wide one (CSS).
 */
export function MeetingTabs({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const status = useMeetingStatus();
  const suggested = firstTab(status);
  const [choice, setChoice] = useState<{ tab: MeetingTab; when: MeetingTab } | null>(null);
  // A choice holds until the meeting moves on and suggests another tab.
  const active = choice && choice.when === suggested ? choice.tab : suggested;
  const badges = useTabBadges();

  return (
    <ActiveTab.Provider value={active}>
      <div className="meeting-tabs" data-active-tab={active}>
        {children}
        <nav className="meeting-tabbar no-print" aria-label={t('meetingTabs.label')} data-testid="meeting-tabbar">
          <div role="tablist" className="meeting-tabbar__list">
            {MEETING_TABS.map((tab) => (
              <button
                key={tab}
                type="button"
                role="tab"
                id={`meeting-tab-${tab}`}
                aria-selected={tab === active}
                aria-controls={`meeting-panel-${tab}`}
                className="meeting-tabbar__tab"
                onClick={() => {
                  setChoice({ tab, when: suggested });
                  window.scrollTo({ top: 0 });
                }}
                data-testid={`meeting-tab-${tab}`}
              >
                <span>{t(`meetingTabs.${tab}`)}</span>
                {badges[tab] ? (
                  <span className="meeting-tabbar__badge" data-testid={`meeting-tab-badge-${tab}`}>
                    {badges[tab]}
                  </span>
                ) : null}
              </button>
            ))}
          </div>
        </nav>
      </div>
    </ActiveTab.Provider>
  );
}

/** One part of the meeting page; on a phone it is shown while its tab is active. */
export function TabPanel({ tab, children }: { tab: MeetingTab; children: ReactNode }) {
  const active = useContext(ActiveTab) === tab;
  const wide = useWideLayout();
  // Once shown, a part stays mounted: the fields and the agenda editor in it survive a change of tab.
  const [shown, setShown] = useState(active);
  if ((active || wide) && !shown) setShown(true);
  return (
    <TabShown.Provider value={shown}>
      <div
        id={`meeting-panel-${tab}`}
        role="tabpanel"
        aria-labelledby={`meeting-tab-${tab}`}
        className="meeting-tabpanel"
        data-active={active ? 'true' : 'false'}
        data-testid={`meeting-panel-${tab}`}
      >
        {children}
      </div>
    </TabShown.Provider>
  );
}

/**
 * Renders its children once their tab panel has been on screen: active on a
 * phone, or at all on a wide screen, where every part is in view. Around
 * parts whose code is loaded when they render (next/dynamic), it makes a
 * phone fetch a tab's code when the member opens the tab, not with the page.
 * The server renders them only in the tab a person starts on. Opened without
 * a network, such a part says it cannot load rather than failing the page.
 */
export function WhenTabShown({ children }: { children: ReactNode }) {
  return useContext(TabShown) ? <PartLoadBoundary>{children}</PartLoadBoundary> : null;
}

/** What waits in a tab: an open vote in "now", members left unmarked for whoever marks, the vote on the minutes. */
function useTabBadges(): Partial<Record<MeetingTab, number>> {
  const { view } = useLiveMeeting();
  const status = useMeetingStatus();
  const votes = useLiveMap(meetingDoc.votes);
  const speakers = useLiveMap(meetingDoc.speakers);
  const { marks } = useAttendance();
  const open = [...votes.values()].filter((v) => v.state === 'open');
  const waiting = status.chair ? [...speakers.values()].filter((r) => r.state === 'waiting').length : 0;
  const live = status.started && !status.ended;
  return {
    now: open.filter((v) => v.subject !== 'minutes').length + waiting,
    attendance:
      status.record && live ? view.members.filter((m) => m.status !== 'exempted' && !marks.has(m.userId)).length : 0,
    closing: open.filter((v) => v.subject === 'minutes').length,
  };
}
