import type { BrowserContext, CDPSession, Page } from 'playwright-core';

/** What Chromium's network emulation is told (CDP Network.emulateNetworkConditions). */
export interface NetworkProfile {
  offline: boolean;
  /** Added to every round trip, in milliseconds. */
  latency: number;
  /** Bytes per second; -1 for no limit. */
  downloadThroughput: number;
  uploadThroughput: number;
}

/**
 * Mobile data in a village: about 400 kbit/s each way (50,000 bytes/s) and a
 * 400 ms round trip, the "slow 3G" of the issue on weak networks.
 */
export const SLOW_3G: NetworkProfile = {
  offline: false,
  latency: 400,
  downloadThroughput: 50_000,
  uploadThroughput: 50_000,
};

/** The same, for the TCP link of slow-link.ts, which shapes websocket frames too. */
export const SLOW_3G_LINK = { roundTripMs: SLOW_3G.latency, bytesPerSecond: SLOW_3G.downloadThroughput };

/** No emulation: the network as it is. */
export const FULL_SPEED: NetworkProfile = { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

/** The signal gone altogether (navigator.onLine false, every request and socket failing). */
export const NO_NETWORK: NetworkProfile = { offline: true, latency: 0, downloadThroughput: -1, uploadThroughput: -1 };

/**
 * One tab's network, set through the Chrome DevTools Protocol. Latency and
 * rate apply to what the page itself requests (documents, scripts, fetches),
 * not to a service worker's own fetches, and, in the Chromium these tests run,
 * not to websocket frames (see slow-link.ts); offline stops all of it.
 */
export class EmulatedNetwork {
  private constructor(private readonly session: CDPSession) {}

  static async of(context: BrowserContext, page: Page): Promise<EmulatedNetwork> {
    const session = await context.newCDPSession(page);
    await session.send('Network.enable');
    return new EmulatedNetwork(session);
  }

  async set(profile: NetworkProfile): Promise<void> {
    await this.session.send('Network.emulateNetworkConditions', { ...profile });
  }

  async detach(): Promise<void> {
    await this.session.detach().catch(() => undefined);
  }
}

/** Seconds since `start` (a performance.now() or Date.now() reading), for the test's output. */
export function secondsSince(start: number): string {
  return ((Date.now() - start) / 1000).toFixed(1);
}
