import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { InputError, UsageError } from './errors';

/** The flags a command takes. */
export type FlagSpec = Readonly<Record<string, { type: 'string' | 'boolean'; required?: boolean }>>;

export type Flags = Record<string, string | boolean | undefined>;

/**
 * Parses `--name value` flags strictly: an unknown flag, a stray positional
 * argument or a missing required flag is a usage error, reported before the
 * database is opened.
 */
export function parseFlags(args: readonly string[], spec: FlagSpec): Flags {
  const options = Object.fromEntries(Object.entries(spec).map(([name, { type }]) => [name, { type }]));
  let values: Flags;
  try {
    values = parseArgs({ args: [...args], options, strict: true, allowPositionals: false }).values as Flags;
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const missing = Object.entries(spec)
    .filter(([name, { required }]) => required && values[name] === undefined)
    .map(([name]) => `--${name}`);
  if (missing.length > 0) throw new UsageError(`missing ${missing.join(', ')}`);
  return values;
}

/** A string flag's value (parseFlags has already checked the required ones). */
export function str(flags: Flags, name: string): string | undefined {
  const value = flags[name];
  return typeof value === 'string' ? value : undefined;
}

/** Operator-facing wording of the message keys used in lib/schemas.ts. */
const ISSUE_SENTENCES: Record<string, string> = {
  required: 'is required',
  too_long: 'is too long',
  invalid_email: 'is not a valid email address',
  password_too_short: 'must be at least 10 characters long',
  invalid_datetime: 'must be a local date and time such as 2026-12-05T19:30',
  invalid_id: 'must be an id (a UUID, as printed by the other commands)',
};

const kebab = (field: string) => field.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());

function describeIssue(issue: z.core.$ZodIssue): string {
  if ('values' in issue && Array.isArray(issue.values)) return `must be one of: ${issue.values.join(', ')}`;
  return ISSUE_SENTENCES[issue.message] ?? issue.message;
}

/**
 * Validates flag values with one of the shared zod schemas. Problems name the
 * flag, not the schema field: `flagNames` maps fields whose flag is not their
 * kebab-case form (committeeName → committee).
 */
export function validate<S extends z.ZodType>(
  schema: S,
  input: Record<string, unknown>,
  flagNames: Readonly<Record<string, string>> = {},
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw new InputError(
    result.error.issues.map((issue) => {
      const field = String(issue.path[0] ?? '');
      return `--${flagNames[field] ?? kebab(field)} ${describeIssue(issue)}`;
    }),
  );
}
