import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli, type CliRun } from '../helpers/cli';

const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bienban-cli-'));
  dirs.push(dir);
  return dir;
}

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Runs the CLI the way an operator does, against the SQLite database in `dataDir`. */
const cli = (dataDir: string, ...args: string[]): Promise<CliRun> => runCli(dataDir, args);

const UUID = /^[0-9a-f-]{36}$/;
const SLOW = { timeout: 60_000 };

describe('operator CLI', () => {
  const dataDir = tempDir();
  let cellId = '';

  it('sets up the installation and prints the new ids as JSON', SLOW, async () => {
    const run = await cli(
      dataDir,
      ...['setup', '--admin-name', 'Quản trị', '--email', 'Admin@Test.vn', '--password', 'mật khẩu đủ dài'],
      ...['--committee', 'Đảng bộ phường Tân Định', '--cell', 'Chi bộ khu phố 3'],
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const ids = run.json<{ adminId: string; committeeId: string; cellId: string }>();
    expect(ids.adminId).toMatch(UUID);
    expect(ids.committeeId).toMatch(UUID);
    expect(ids.cellId).toMatch(UUID);
    cellId = ids.cellId;
  });

  it('refuses to set up twice with exit code 1', SLOW, async () => {
    const run = await cli(
      dataDir,
      ...[
        'setup',
        '--admin-name',
        'Khác',
        '--email',
        'other@test.vn',
        '--password',
        'mật khẩu đủ dài',
        '--committee',
        'X',
        '--cell',
        'Y',
      ],
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('setup has already been completed');
  });

  it('adds a member and prints the membership and user ids', SLOW, async () => {
    const run = await cli(
      dataDir,
      ...[
        'add-member',
        '--cell',
        cellId,
        '--name',
        'Nguyễn Văn An',
        '--email',
        'an@test.vn',
        '--role',
        'secretary',
        '--status',
        'full',
      ],
      ...['--password', 'mật khẩu của An'],
    );
    expect(run.code).toBe(0);
    expect(run.json()).toMatchObject({ email: 'an@test.vn', role: 'secretary', status: 'full', hasPassword: true });
    expect(run.json().membershipId).toMatch(UUID);
    expect(run.json().userId).toMatch(UUID);
  });

  it('refuses an unknown role with exit code 1 and names the flag and the choices', SLOW, async () => {
    const run = await cli(
      dataDir,
      'add-member',
      '--cell',
      cellId,
      '--name',
      'B',
      '--email',
      'b@test.vn',
      '--role',
      'chairman',
      '--status',
      'full',
    );
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('--role must be one of: secretary, deputy_secretary, committee_member, member');
  });

  it('creates a meeting from the template and lists it', SLOW, async () => {
    const created = await cli(
      dataDir,
      'create-meeting',
      '--cell',
      cellId,
      '--kind',
      'regular',
      '--starts-at',
      '2026-12-05T19:30',
      '--place',
      'Nhà văn hóa',
    );
    expect(created.code).toBe(0);
    const meeting = created.json<{ id: string; title: string; state: string }>();
    expect(meeting).toMatchObject({ title: 'Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026', state: 'scheduled' });
    expect(meeting.id).toMatch(UUID);
    const listed = await cli(dataDir, 'list-meetings', '--cell', cellId);
    expect(listed.json<{ id: string }[]>().map((m) => m.id)).toEqual([meeting.id]);
  });

  it('prints an invite token and a link to the invite page', SLOW, async () => {
    const members = (await cli(dataDir, 'list-members', '--cell', cellId)).json<{ userId: string; email: string }[]>();
    const an = members.find((m) => m.email === 'an@test.vn')!;
    const run = await cli(dataDir, 'invite', '--user', an.userId, '--base-url', 'https://bienban.example.vn/');
    expect(run.code).toBe(0);
    const invite = run.json<{ token: string; link: string }>();
    expect(invite.link).toBe(`https://bienban.example.vn/invite/${invite.token}`);
  });

  it('reports an unknown cell as an error, not a crash', SLOW, async () => {
    const run = await cli(dataDir, 'list-members', '--cell', '6f0b8a9e-3c1d-4e2f-9a7b-1c2d3e4f5a6b');
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('no cell (chi bộ) has this id');
  });

  it(
    'treats an unknown flag or command as a usage error, exit code 2, before touching the database',
    SLOW,
    async () => {
      const fresh = path.join(tempDir(), 'never-created');
      const flag = await cli(fresh, 'list-cells', '--verbose');
      expect(flag.code).toBe(2);
      expect(flag.stderr).toContain('--verbose');
      const command = await cli(fresh, 'drop-everything');
      expect(command.code).toBe(2);
      expect(command.stderr).toContain('unknown command "drop-everything"');
      const missing = await cli(fresh, 'create-cell', '--name', 'X');
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('missing --committee');
      expect(existsSync(fresh)).toBe(false);
    },
  );

  it('prints help on stdout', SLOW, async () => {
    const run = await cli(dataDir, 'help');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('seed-demo');
    expect(run.stdout).toContain('reindex');
  });
});

describe('seed-demo on an empty installation', () => {
  const dataDir = tempDir();

  // Three cells' years of meetings, twice through a fresh process: more room than the other commands.
  it(
    'creates the demo with its administrator, then reports the same demo when run again',
    { timeout: 240_000 },
    async () => {
      const first = await cli(dataDir, 'seed-demo');
      expect(first.stderr).toBe('');
      expect(first.code).toBe(0);
      const created = first.json<{
        created: boolean;
        cellId: string;
        admin: { email: string } | null;
        members: unknown[];
        meetings: { state: string; sealedHash: string | null }[];
        cells: { name: string }[];
      }>();
      expect(created).toMatchObject({ created: true, admin: { email: 'admin@demo.bienban.vn' } });
      expect(created.members).toHaveLength(11);
      // Next month's meeting, then twelve regular and four thematic meetings, all sealed.
      expect(created.meetings.map((m) => m.state)).toEqual(['scheduled', ...Array<string>(16).fill('approved')]);
      for (const meeting of created.meetings.slice(1)) expect(meeting.sealedHash).toMatch(/^[0-9a-f]{64}$/);
      expect(created.cells).toHaveLength(3);

      const second = await cli(dataDir, 'seed-demo');
      expect(second.code).toBe(0);
      expect(second.json()).toEqual({ ...created, created: false });
    },
  );

  it('rebuilds the search index from the stored text of the demo meetings', SLOW, async () => {
    const run = await cli(dataDir, 'reindex');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const result = run.json<{ meetings: number; ms: number; indexBytes: number }>();
    // The seed held and sealed 47 meetings across the three cells (each projected); the scheduled ones and the
    // one recorded as not held have no stored text, as nobody edited them.
    expect(result.meetings).toBe(47);
    expect(result.indexBytes).toBeGreaterThan(0);
  });
});
