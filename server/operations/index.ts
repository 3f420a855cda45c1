import type { z } from 'zod';
import { forbidden, invalidInput } from '../errors';
import { log } from '../log';
import type { SessionUser } from '../services/accounts';
import { accountOperations } from './account';
import { cellOperations } from './cells';
import { createKeyedQueue, type Caller, type OperationDeps, type OperationGroup, type OperationSpec } from './define';
import { floorOperations } from './meeting-floor';
import { followUpOperations } from './meeting-follow-up';
import { memberImportOperations } from './member-import';
import { sessionOperations } from './meeting-session';
import { versionOperations } from './meeting-versions';
import { voteOperations } from './meeting-votes';
import { sharingOperations } from './sharing';
import { taskOperations } from './tasks';

/**
 * Every operation that changes a meeting, a task or a cell, by name. Pages
 * call them through one server action (app/actions/operation.ts) and forms'
 * actions, the CLI's demo seed and the tests call them here; all go through
 * the same runner, so all meet the same schema and the same policy.
 */
export const OPERATIONS = {
  ...sessionOperations,
  ...floorOperations,
  ...voteOperations,
  ...followUpOperations,
  ...versionOperations,
  ...taskOperations,
  ...cellOperations,
  ...memberImportOperations,
  ...sharingOperations,
  ...accountOperations,
};

export type OperationName = keyof typeof OPERATIONS;
type Spec<N extends OperationName> = (typeof OPERATIONS)[N];
export type OperationOutput<N extends OperationName> =
  Spec<N> extends OperationSpec<infer _C, infer _I, infer O, infer _G> ? O : never;

/** Whether a page showing what the operation changes should render again after it. */
export function refreshesPage(name: OperationName): boolean {
  const spec: { refresh?: boolean } = OPERATIONS[name];
  return spec.refresh === true;
}

export function isOperationName(name: unknown): name is OperationName {
  return typeof name === 'string' && Object.hasOwn(OPERATIONS, name);
}

/** Parses input against a schema; a failure is a 400 with field errors (message keys), and a log line. */
function parseInput<T>(schema: z.ZodType<T, unknown>, input: unknown, name: string, userId: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: Record<string, string> = {};
  for (const issue of result.error.issues) details[issue.path.join('.') || '_'] ??= issue.message;
  log.warn('operation.input_refused', { operation: name, userId, details });
  throw invalidInput(details);
}

type Facade<G extends OperationGroup> = {
  [N in OperationName as Spec<N>['group'] extends G ? N : never]: (
    user: SessionUser,
    input: unknown,
  ) => Promise<OperationOutput<N>>;
};

/**
 * The runner: parse the input, load what the policy needs, ask it, and only
 * then run, one at a time per meeting (or task, or account).
 */
export function createOperations(deps: OperationDeps) {
  const queue = createKeyedQueue();

  async function run<N extends OperationName>(name: N, caller: Caller, input: unknown): Promise<OperationOutput<N>> {
    // One spec, typed loosely here: each spec's own types were checked where it was defined.
    const spec = OPERATIONS[name] as unknown as OperationSpec<{ subject: never }, unknown, OperationOutput<N>>;
    const parsed = parseInput(spec.schema, input, name, caller.user.id);
    const attempt = async () => {
      const ctx = await spec.load(deps, caller, parsed);
      if (!spec.allowed(ctx, parsed, caller)) {
        log.warn('operation.forbidden', { operation: name, userId: caller.user.id });
        throw forbidden();
      }
      return spec.run(deps, ctx, parsed, caller);
    };
    const key = spec.serialise?.(parsed);
    return key ? queue(key, attempt) : attempt();
  }

  function facade<G extends OperationGroup>(group: G): Facade<G> {
    const out: Record<string, (user: SessionUser, input: unknown) => Promise<unknown>> = {};
    for (const name of Object.keys(OPERATIONS) as OperationName[]) {
      if (OPERATIONS[name].group === group) out[name] = (user, input) => run(name, { user, address: null }, input);
    }
    return out as Facade<G>;
  }

  return {
    run,
    /** The live meeting's operations, called as `live.openVote(user, input)` (CLI seed, tests). */
    live: facade('live'),
    /** Follow-up, preparation and administration. */
    followUp: facade('followUp'),
  };
}

export type Operations = ReturnType<typeof createOperations>;
