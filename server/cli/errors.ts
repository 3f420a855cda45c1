import { isAppError } from '../errors';

/** Exit codes of the operator CLI. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The command line itself is wrong: unknown command or flag, a required flag missing. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A flag's value was refused by its schema (bad email, unknown role…). */
export class InputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
    this.name = 'InputError';
  }
}

/** Sentences for the service error codes an operator can run into. */
const APP_ERROR_MESSAGES: Record<string, string> = {
  setup_closed: 'setup has already been completed on this installation',
  email_taken: 'a user with this email already exists',
  already_member: 'this person is already a member of the cell',
  cell_not_found: 'no cell (chi bộ) has this id',
  committee_not_found: 'no committee (đảng bộ) has this id',
  user_not_found: 'no user has this id',
  meeting_not_found: 'no meeting has this id',
  template_not_found: 'no template exists for this meeting kind',
  invite_invalid: 'the invite is invalid, used or expired',
};

/** Turns any error into the line printed on stderr and the process exit code. */
export function describeError(error: unknown): { message: string; exitCode: number } {
  if (error instanceof UsageError) {
    return {
      message: `error: ${error.message}\nRun "npm run cli -- help" for the list of commands.`,
      exitCode: EXIT_USAGE,
    };
  }
  if (error instanceof InputError) {
    return { message: error.problems.map((p) => `error: ${p}`).join('\n'), exitCode: EXIT_FAILURE };
  }
  if (isAppError(error)) {
    const sentence = APP_ERROR_MESSAGES[error.code] ?? error.code;
    return { message: `error: ${sentence} (${error.code})`, exitCode: EXIT_FAILURE };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { message: `error: ${message}`, exitCode: EXIT_FAILURE };
}
