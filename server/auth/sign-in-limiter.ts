import { limitsFromEnv } from '../limits-from-env';

/**
 * Limits on guessing passwords: sign-in attempts that did not succeed are
 * counted per account and per client address over a sliding window; past the
 * limit, attempts are refused without checking the password (so a flood
 * costs no hashing either) until the oldest leaves the window. Each limit is a named default an operator may
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

/** An attempt let through: say how it went once the password has been checked. */
export interface SignInAttempt {
  allowed: true;
  settle(succeeded: boolean): void;
}

export type SignInDecision = SignInAttempt | { allowed: false; retryAfterMs: number; by: 'account' | 'address' };

/**
 * An attempt counts against the limits from the moment it is let through,
 * not when it has failed: twenty wrong passwords sent at once would
 * otherwise all pass the check before the first failure was counted. A
 * successful sign-in takes its own attempt back and clears the account's.
 */
export function createSignInLimiter(limits: SignInLimits, now: () => number = Date.now) {
  const attempts = new Map<string, number[]>();

  function recent(key: string): number[] {
    const cutoff = now() - limits.FAILURE_WINDOW_MS;
    const times = (attempts.get(key) ?? []).filter((t) => t > cutoff);
    if (times.length === 0) attempts.delete(key);
    else attempts.set(key, times);
    return times;
  }

  function over(key: string, max: number): number | null {
    const times = recent(key);
    if (times.length < max) return null;
    return times[times.length - max]! + limits.FAILURE_WINDOW_MS - now();
  }

  function forget(key: string, at: number): void {
    const times = attempts.get(key);
    const index = times?.indexOf(at) ?? -1;
    if (times && index >= 0) times.splice(index, 1);
  }

  return {
    /** Lets an attempt for `email` from `address` through, counting it, or refuses it unchecked. */
    attempt(email: string, address: string): SignInDecision {
      const accountKey = `account:${email}`;
      const addressKey = `address:${address}`;
      const account = over(accountKey, limits.MAX_FAILURES_PER_ACCOUNT);
      if (account !== null) return { allowed: false, retryAfterMs: account, by: 'account' };
      const from = over(addressKey, limits.MAX_FAILURES_PER_ADDRESS);
      if (from !== null) return { allowed: false, retryAfterMs: from, by: 'address' };
      const at = now();
      attempts.set(accountKey, [...recent(accountKey), at]);
      attempts.set(addressKey, [...recent(addressKey), at]);
      return {
        allowed: true,
        settle(succeeded) {
          if (!succeeded) return;
          attempts.delete(accountKey);
          forget(addressKey, at);
        },
      };
    },
    /** Forgets windows that have passed; called now and then so the map does not grow. */
    sweep(): void {
      for (const key of Array.from(attempts.keys())) recent(key);
    },
  };
}

export type SignInLimiter = ReturnType<typeof createSignInLimiter>;
