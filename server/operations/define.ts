import type { z } from 'zod';
import type { Subject } from '../../lib/policy';
import type { MeetingDocs } from '../meeting/docs';
import type { Projector } from '../meeting/projector';
import type { SealResult } from '../meeting/seal';
import type { Services } from '../services';
import type { AuditEntry } from '../services/audit';
import type { SessionUser } from '../services/accounts';

/** What operations reach: the services, the live documents, and the server's reactions to changes. */
export interface OperationDeps {
  services: Services;
  docs: MeetingDocs;
  projector: Projector;
  /** The organisation's time zone, in which the minutes state times. */
  timeZone: string;
  /** Seals the minutes once both confirmations are in. */
  seal(meetingId: string, sealedBy: string): Promise<SealResult>;
  /** Applies the policy again to a user's (or a document's) live connections, after a change of who may do what. */
  revalidateUser(userId: string): Promise<void>;
  revalidateDocument(docId: string): Promise<void>;
}

/** Who asks, and from where (for the audit log). */
export interface Caller {
  user: SessionUser;
  /** The client's address as the HTTP server determined it; null outside a request (CLI, tests). */
  address: string | null;
}

/**
 * One operation, defined once: its name, its input schema, what it needs to
 * know to ask the policy (`load`), the policy's question (`allowed`), and
 * what it does (`run`). The runner parses, loads, asks, and only then runs:
 * every refusal of the policy comes before anything is read from the live
 * document or written anywhere. `run` makes its own checks of the current
 * state (a vote already closed…) before it writes, and the runner serialises
 * operations on one meeting so those checks still hold when it writes.
 */
export type OperationGroup = 'live' | 'followUp';

export interface OperationSpec<C extends { subject: Subject }, I, O, G extends OperationGroup = OperationGroup> {
  /** Which facade lists it (the live panels, or follow-up and administration). */
  group: G;
  schema: z.ZodType<I, unknown>;
  /** Loads the context the policy needs; throws 404 when the caller may not know the thing exists. */
  load(deps: OperationDeps, caller: Caller, input: NoInfer<I>): Promise<C>;
  /** The policy's answer for this caller and context (a function of lib/policy.ts). */
  allowed(ctx: NoInfer<C>, input: NoInfer<I>, caller: Caller): boolean;
  run(deps: OperationDeps, ctx: NoInfer<C>, input: NoInfer<I>, caller: Caller): Promise<O>;
  /** A key that operations touching the same thing share; they run one at a time. */
  serialise?(input: NoInfer<I>): string;
  /** The page renders what this changes (state, roles, records): re-render it after success. */
  refresh?: boolean;
}

/** Appends to the audit log what `caller` just did, with who and from where filled in. */
export function auditAs(
  deps: OperationDeps,
  caller: Caller,
  entry: Omit<AuditEntry, 'actorId' | 'address'>,
): Promise<void> {
  return deps.services.audit.record({ ...entry, actorId: caller.user.id, address: caller.address });
}

/** Defines an operation with its types inferred. */
export function operation<C extends { subject: Subject }, I, O, G extends OperationGroup>(
  spec: OperationSpec<C, I, O, G>,
): OperationSpec<C, I, O, G> {
  return spec;
}

/** Operations that share a key run one after another; others run freely. */
export function createKeyedQueue() {
  const tails = new Map<string, Promise<unknown>>();
  return function runAfter<T>(key: string, task: () => Promise<T>): Promise<T> {
    const previous = tails.get(key) ?? Promise.resolve();
    const next = previous.then(task);
    const tail = next.catch(() => undefined);
    tails.set(key, tail);
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return next;
  };
}
