import type { z } from 'zod';
import { AppError, invalidInput } from '../errors';
import { log } from '../log';

/** Parses an operation's input; a failure is a 400 with field errors (message keys), and a log line. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown, operation: string, userId: string): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details: Record<string, string> = {};
  for (const issue of result.error.issues) details[issue.path.join('.') || '_'] ??= issue.message;
  log.warn('meeting.input_refused', { operation, userId, details });
  throw invalidInput(details);
}

/** Refuses an operation whose input was well-formed but not acceptable now (422), and logs why. */
export function refuse(code: string, operation: string, userId: string, fields: Record<string, unknown> = {}): never {
  log.warn('meeting.operation_refused', { operation, userId, code, ...fields });
  throw new AppError(code, 422);
}
