import type { SignInLimiter } from './auth/sign-in-limiter';
import type { MeetingOperations } from './meeting';
import type { Services } from './services';

/**
 * What the running process shares with the Next.js request handlers. Next
 * bundles app/ separately from server/, so a module-level singleton would be
 * instantiated twice; the process publishes one instance on globalThis and
 * app/ reads it here. Only types cross from server/ into Next's bundle.
 */
export interface Runtime {
  services: Services;
  authSecret: string;
  /** Applies permission changes to live collaboration connections. */
  collab: {
    /** Re-checks every live connection of a user (revoked session, removed member). */
    revalidateUser(userId: string): Promise<void>;
    /** Re-checks every live connection to a document (meeting locked). */
    revalidateDocument(docId: string): Promise<void>;
  };
  /** The meeting as a structured record: live operations, follow-up and read models. */
  meetings: MeetingOperations;
  /** Failed sign-ins per account and address. */
  signInLimiter: SignInLimiter;
  /** The organisation's time zone (TIME_ZONE). */
  timeZone: string;
  /** The organisation's language (LANGUAGE): the pages' language until a visitor picks one. */
  language: 'vi' | 'en';
}

const KEY = Symbol.for('bienban.runtime');

type WithRuntime = typeof globalThis & { [KEY]?: Runtime };

export function setRuntime(runtime: Runtime | undefined): void {
  (globalThis as WithRuntime)[KEY] = runtime;
}

/** The process runtime; throws when the app is not started through server/main.ts. */
export function getRuntime(): Runtime {
  const runtime = (globalThis as WithRuntime)[KEY];
  if (!runtime) throw new Error('Biên Bản must be started with server/main.ts (npm start / npm run dev).');
  return runtime;
}
