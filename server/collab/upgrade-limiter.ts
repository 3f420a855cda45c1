/**
 * Counts websocket upgrade attempts per remote address in fixed one-minute
 * windows, so one address retrying in a loop cannot exhaust the server.
 */
export function createUpgradeLimiter(maxPerMinute: number) {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    allow(address: string): boolean {
      const now = Date.now();
      const window = windows.get(address);
      if (!window || now - window.start >= 60_000) {
        windows.set(address, { start: now, count: 1 });
        return true;
      }
      window.count++;
      return window.count <= maxPerMinute;
    },
    /** Forgets windows that have ended. */
    sweep(): void {
      const now = Date.now();
      for (const [address, window] of windows) if (now - window.start >= 60_000) windows.delete(address);
    },
  };
}
