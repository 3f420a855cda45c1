import { limitsFromEnv } from '../limits-from-env';

/**
 * Limits on guessing passwords: failed sign-ins are counted per account and
 * per client address over a sliding window; past the limit, attempts are
 * refused without checking the password (so a flood costs no hashing
 * either) until the oldest failure leaves the window. A successful sign-in
 * clears the account's count. Each limit is a named default an operator may
 * override with SIGNIN_<NAME>.
 *
 * Counts live in this process's memory: they reset when it restarts, and
 * several instances each count their own share.
 */
export interface SignInLimits extends Record<string, number> {
  /** Failed attempts for one account within the window before it is refused for a while. */
  MAX_FAILURES_PER_ACCOUNT: number;
  /** Failed attempts from one address (every account together) within the window. */
  MAX_FAILURES_PER_ADDRESS: number;
  /** The window, in ms. */
  FAILURE_WINDOW_MS: number;
}

export const DEFAULT_SIGN_IN_LIMITS: Readonly<SignInLimits> = {
  MAX_FAILURES_PER_ACCOUNT: 5,
  MAX_FAILURES_PER_ADDRESS: 20,
  FAILURE_WINDOW_MS: 15 * 60 * 1000,
};

/** Defaults overridden by SIGNIN_<NAME> environment variables; a bad value throws at start-up. */
export function signInLimitsFromEnv(env: Record<string, string | undefined> = process.env): SignInLimits {
  return limitsFromEnv(DEFAULT_SIGN_IN_LIMITS, 'SIGNIN_', env);
}

export type SignInDecision = { allowed: true } | { allowed: false; retryAfterMs: number; by: 'account' | 'address' };

export function createSignInLimiter(limits: SignInLimits, now: () => number = Date.now) {
  const failures = new Map<string, number[]>();

  function recent(key: string): number[] {
    const cutoff = now() - limits.FAILURE_WINDOW_MS;
    const times = (failures.get(key) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) failures.delete(key);
    else failures.set(key, times);
    return times;
  }

  function over(key: string, max: number): number | null {
    const times = recent(key);
    if (times.length < max) return null;
    return times[times.length - max]! + limits.FAILURE_WINDOW_MS - now();
  }

  return {
    /** Whether an attempt for `email` from `address` may be checked now. */
    check(email: string, address: string): SignInDecision {
      const account = over(`account:${email}`, limits.MAX_FAILURES_PER_ACCOUNT);
      if (account !== null) return { allowed: false, retryAfterMs: account, by: 'account' };
      const from = over(`address:${address}`, limits.MAX_FAILURES_PER_ADDRESS);
      if (from !== null) return { allowed: false, retryAfterMs: from, by: 'address' };
      return { allowed: true };
    },
    failed(email: string, address: string): void {
      for (const key of [`account:${email}`, `address:${address}`]) failures.set(key, [...recent(key), now()]);
    },
    succeeded(email: string): void {
      failures.delete(`account:${email}`);
    },
    /** Forgets windows that have passed; called now and then so the map does not grow. */
    sweep(): void {
      for (const key of Array.from(failures.keys())) recent(key);
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
