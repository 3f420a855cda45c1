'use client';

import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n-provider';

/**
 * Around a part of the meeting page whose code is fetched when it first
 * renders (next/dynamic). Without a network that fetch fails, and the
 * failure would take the whole page, the minutes included, to the error
 * page; here only the part says that it could not be loaded.
 */
export class PartLoadBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  state = { failed: false };

  static getDerivedStateFromError(): { failed: boolean } {
    return { failed: true };
  }

  render(): ReactNode {
    return this.state.failed ? <PartNotLoaded /> : this.props.children;
  }
}

function PartNotLoaded() {
  const { t } = useI18n();
  return (
    <p className="notice notice--warning" role="status" data-testid="part-not-loaded">
      {t('meetingTabs.partNotLoaded')}
    </p>
  );
}
