import { z } from 'zod';
import { linkPurpose } from '../../lib/password-links';
import { cellSchema, emailSchema, meetingSchema, memberSchema, passwordSchema, setupSchema } from '../../lib/schemas';
import type { Meeting } from '../db/schema';
import { notFound } from '../errors';
import type { Services } from '../services';
import { parseFlags, str, validate, type Flags, type FlagSpec } from './args';
import { AUDIT_ACTIONS, AUDIT_PAGE_SIZE } from '../services/audit';
import { seedDemo } from './seed-demo';
import { readVerifyInput } from './verify-input';
import { verifyExport, type VerifyResult } from '../export/verify';
import { EXIT_FAILURE, EXIT_OK } from './errors';
import { rebuildSearchIndex } from '../search/service';
import type { StorageLocation } from '../config';
import { createBackup } from '../backup/backup';
import { restoreBackup } from '../backup/restore';
import { importMemberList } from '../operations/member-import';
import { importReport, readImportFile } from './import-file';

/** What a command may need of the configuration besides the database. */
export interface CliContext {
  /** The organisation's time zone (TIME_ZONE). */
  timeZone: string;
}

/**
 * One CLI command: `prepare` validates the flags before anything is opened,
 * then `run` does the work with the services, or `runOnStorage` with the
 * data's location alone, and returns what is printed as JSON.
 */
interface CommandBase<I> {
  name: string;
  summary: string;
  flags: FlagSpec;
  prepare(flags: Flags): I;
  /** The flags bare leading arguments fill, in order (`verify <file or hash>`, `import-members <cell> <file>`). */
  positional?: string | readonly string[];
  /** The exit code for a result (default 0): a check that failed says so to scripts too. */
  exitCode?(result: unknown): number;
}

/** A command on the database, opened and migrated as the server does. */
export interface ServiceCommand<I = unknown> extends CommandBase<I> {
  run(services: Services, input: I, context: CliContext): Promise<unknown>;
}

/**
 * A command on the data directory's files (backup, restore): opening the
 * services would create, migrate or lock the very database it copies or
 * replaces, so it gets DATA_DIR and DATABASE_URL only.
 */
export interface StorageCommand<I = unknown> extends CommandBase<I> {
  runOnStorage(location: StorageLocation, input: I): Promise<unknown>;
}

export type Command<I = unknown> = ServiceCommand<I> | StorageCommand<I>;

const define = <I>(command: Command<I>): Command => command as Command;

const idSchema = cellSchema.shape.committeeId;
const required = { type: 'string', required: true } as const;
const optional = { type: 'string' } as const;

function meetingJson(meeting: Meeting) {
  const { id, cell_id: cellId, kind, title, starts_at: startsAt, place, state } = meeting;
  return { id, cellId, kind, title, startsAt, place, state };
}

async function requireCell(services: Services, cellId: string) {
  const cell = await services.organisations.getCell(cellId);
  if (!cell) throw notFound('cell_not_found');
  return cell;
}

async function requireUser(services: Services, userId: string) {
  const user = await services.accounts.getUser(userId);
  if (!user) throw notFound('user_not_found');
  return user;
}

const idInput = (flags: Flags, flag: string) =>
  validate(z.object({ id: idSchema }), { id: str(flags, flag) }, { id: flag }).id;

export const COMMANDS: readonly Command[] = [
  define({
    name: 'setup',
    summary: 'First-run setup: the administrator, the first đảng bộ and chi bộ',
    flags: { 'admin-name': required, email: required, password: required, committee: required, cell: required },
    prepare: (f) =>
      validate(
        setupSchema,
        {
          adminName: str(f, 'admin-name'),
          email: str(f, 'email'),
          password: str(f, 'password'),
          committeeName: str(f, 'committee'),
          cellName: str(f, 'cell'),
        },
        { committeeName: 'committee', cellName: 'cell' },
      ),
    run: (services, input) => services.organisations.completeSetup(input),
  }),
  define({
    name: 'create-user',
    summary: 'Creates a user (without a password they sign in through an invite)',
    flags: { email: required, name: required, password: optional, admin: { type: 'boolean' } },
    prepare: (f) => ({
      ...validate(
        z.object({ email: emailSchema, name: memberSchema.shape.name, password: passwordSchema.optional() }),
        { email: str(f, 'email'), name: str(f, 'name'), password: str(f, 'password') },
      ),
      isAdmin: f.admin === true,
    }),
    run: (services, input) => services.accounts.createUser(input),
  }),
  define({
    name: 'create-committee',
    summary: 'Creates a đảng bộ (the parent of cells)',
    flags: { name: required },
    prepare: (f) => validate(z.object({ name: setupSchema.shape.committeeName }), { name: str(f, 'name') }),
    run: async (services, input) => {
      const { id, name } = await services.organisations.createCommittee(input.name);
      return { id, name };
    },
  }),
  define({
    name: 'create-cell',
    summary: 'Creates a chi bộ under a đảng bộ',
    flags: { committee: required, name: required },
    prepare: (f) =>
      validate(cellSchema, { committeeId: str(f, 'committee'), name: str(f, 'name') }, { committeeId: 'committee' }),
    run: async (services, input) => {
      const {
        id,
        name,
        parent_id: committeeId,
      } = await services.organisations.createCell(input.committeeId, input.name);
      return { id, name, committeeId };
    },
  }),
  define({
    name: 'add-member',
    summary: 'Adds a person to a chi bộ (creating the user if the email is new)',
    flags: { cell: required, name: required, email: required, role: required, status: required, password: optional },
    prepare: (f) =>
      validate(
        memberSchema.extend({ cellId: idSchema, password: passwordSchema.optional() }),
        {
          cellId: str(f, 'cell'),
          name: str(f, 'name'),
          email: str(f, 'email'),
          role: str(f, 'role'),
          status: str(f, 'status'),
          password: str(f, 'password'),
        },
        { cellId: 'cell' },
      ),
    run: async (services, { cellId, password, ...input }) => {
      const member = await services.organisations.addMember(cellId, input);
      if (password === undefined) return member;
      await services.accounts.setPassword(member.userId, password);
      return { ...member, hasPassword: true };
    },
  }),
  define({
    name: 'invite',
    summary: 'Creates a one-time link for a user to set their password (a first one, or a new one if they have one)',
    flags: { user: required, 'base-url': optional },
    prepare: (f) =>
      validate(
        z.object({ userId: idSchema, baseUrl: z.url() }),
        { userId: str(f, 'user'), baseUrl: str(f, 'base-url') ?? process.env.NEXTAUTH_URL ?? 'http://localhost:3000' },
        { userId: 'user' },
      ),
    run: async (services, input) => {
      const user = await requireUser(services, input.userId);
      const { token, expiresAt } = await services.accounts.createInvite(user.id, null);
      const link = `${input.baseUrl.replace(/\/+$/, '')}/invite/${token}`;
      return { userId: user.id, email: user.email, purpose: linkPurpose(user), token, link, expiresAt };
    },
  }),
  define({
    name: 'create-meeting',
    summary: 'Schedules a meeting; its minutes start from the kind’s template',
    flags: { cell: required, kind: required, 'starts-at': required, place: required, title: optional },
    prepare: (f) =>
      validate(
        meetingSchema.extend({ cellId: idSchema }),
        {
          cellId: str(f, 'cell'),
          kind: str(f, 'kind'),
          startsAt: str(f, 'starts-at'),
          place: str(f, 'place'),
          title: str(f, 'title'),
        },
        { cellId: 'cell' },
      ),
    run: async (services, { cellId, ...meeting }) =>
      meetingJson(await services.meetings.createMeeting(cellId, meeting, null)),
  }),
  define({
    name: 'list-cells',
    summary: 'Lists every chi bộ with its đảng bộ',
    flags: {},
    prepare: () => undefined,
    run: (services) => services.organisations.cellsFor({ userId: '', isAdmin: true, memberships: [], oversees: [] }),
  }),
  define({
    name: 'list-members',
    summary: 'Lists the members of a chi bộ',
    flags: { cell: required },
    prepare: (f) => idInput(f, 'cell'),
    run: async (services, cellId) => {
      await requireCell(services, cellId);
      return services.organisations.listMembers(cellId);
    },
  }),
  define({
    name: 'list-meetings',
    summary: 'Lists the meetings of a chi bộ, newest first',
    flags: { cell: required },
    prepare: (f) => idInput(f, 'cell'),
    run: async (services, cellId) => {
      await requireCell(services, cellId);
      return (await services.meetings.listMeetings(cellId)).map(meetingJson);
    },
  }),
  define({
    name: 'revoke-sessions',
    summary: 'Signs a user out everywhere (a running server closes their live connections when it re-checks them)',
    flags: { user: required },
    prepare: (f) => idInput(f, 'user'),
    run: async (services, userId) => {
      await requireUser(services, userId);
      await services.accounts.revokeSessions(userId);
      const user = await requireUser(services, userId);
      return { userId, sessionVersion: user.sessionVersion };
    },
  }),
  define({
    name: 'audit',
    summary: 'Prints the audit log, newest first (sign-ins, reads of approved minutes, changes of roles and members…)',
    flags: { cell: optional, action: optional, before: optional, limit: optional },
    prepare: (f) =>
      validate(
        z.object({
          cellId: idSchema.optional(),
          action: z.enum(AUDIT_ACTIONS, 'invalid_choice').optional(),
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(10_000).default(AUDIT_PAGE_SIZE),
        }),
        { cellId: str(f, 'cell'), action: str(f, 'action'), before: str(f, 'before'), limit: str(f, 'limit') },
        { cellId: 'cell' },
      ),
    run: (services, input) =>
      services.audit.list({
        cells: input.cellId ? [input.cellId] : null,
        ...(input.action ? { action: input.action } : {}),
        ...(input.before ? { before: input.before } : {}),
        limit: input.limit,
      }),
  }),
  define({
    name: 'verify',
    summary:
      'Says whether an exported minutes file (DOCX or PDF) or a seal hash matches approved, sealed minutes: matches, does_not_match or unknown (exit 1 unless it matches)',
    flags: { input: required },
    positional: 'input',
    prepare: (f) => readVerifyInput(str(f, 'input') ?? ''),
    run: (services, input) => verifyExport(services, input),
    exitCode: (result) => ((result as VerifyResult).result === 'matches' ? EXIT_OK : EXIT_FAILURE),
  }),
  define({
    name: 'import-members',
    summary:
      'Reads a member list (CSV) and prints what importing it into the chi bộ would do, row by row, with every problem; --apply saves it when no row has a problem (exit 1 when the file or a row has one)',
    flags: { cell: required, file: required, apply: { type: 'boolean' } },
    positional: ['cell', 'file'],
    prepare: (f) => ({ ...readImportFile(str(f, 'file') ?? ''), cellId: idInput(f, 'cell'), apply: f.apply === true }),
    run: async (services, input) => {
      await requireCell(services, input.cellId);
      if (!input.decoded.ok) return { cellId: input.cellId, file: input.file, problem: input.decoded.problem };
      const outcome = await importMemberList(
        services,
        { cellId: input.cellId, text: input.decoded.text, apply: input.apply },
        { actorId: null, address: null },
      );
      return { cellId: input.cellId, file: input.file, ...importReport(outcome) };
    },
    exitCode: (result) =>
      'problem' in (result as object) || (result as { counts: { problem: number } }).counts.problem > 0
        ? EXIT_FAILURE
        : EXIT_OK,
  }),
  define({
    name: 'reindex',
    summary: 'Rebuilds the full-text search index from the stored text of every meeting',
    flags: {},
    prepare: () => undefined,
    run: async (services) => {
      const started = performance.now();
      const { meetings } = await rebuildSearchIndex(services.db);
      return { meetings, ms: Math.round(performance.now() - started), indexBytes: await services.search.sizeBytes() };
    },
  }),
  define({
    name: 'backup',
    summary:
      'Writes one archive of the installation (an online copy of the SQLite database, attachments included, and the session secret) while the server runs; --force replaces an existing file. PostgreSQL: see the README',
    flags: { file: required, force: { type: 'boolean' } },
    positional: 'file',
    prepare: (f) => ({ file: str(f, 'file') ?? '', force: f.force === true }),
    runOnStorage: (location, input) => createBackup(location, input.file, { force: input.force }),
  }),
  define({
    name: 'restore',
    summary:
      'Checks a backup completely, then makes it the data directory (DATA_DIR), keeping the old one beside it. Stop the server first: it refuses while a process has the database open, and over an existing database without --force',
    flags: { file: required, force: { type: 'boolean' } },
    positional: 'file',
    prepare: (f) => ({ file: str(f, 'file') ?? '', force: f.force === true }),
    runOnStorage: (location, input) => restoreBackup(location, input.file, { force: input.force }),
  }),
  define({
    name: 'seed-demo',
    summary: 'Creates a demo đảng bộ of three chi bộ with a year of meetings (prints the existing one if present)',
    flags: {},
    prepare: () => undefined,
    run: (services, _input, context) => seedDemo(services, new Date(), context.timeZone),
  }),
];

/** The command of that name, if there is one. */
export function findCommand(name: string): Command | undefined {
  return COMMANDS.find((command) => command.name === name);
}

/** Parses and validates a command's flags; throws UsageError or InputError. */
export function prepareCommand(command: Command, args: readonly string[]): unknown {
  const names = command.positional === undefined ? [] : [command.positional].flat();
  const withFlags: string[] = [];
  let index = 0;
  for (const name of names) {
    const value = args[index];
    if (value === undefined || value.startsWith('--')) break;
    withFlags.push(`--${name}`, value);
    index += 1;
  }
  return command.prepare(parseFlags([...withFlags, ...args.slice(index)], command.flags));
}
