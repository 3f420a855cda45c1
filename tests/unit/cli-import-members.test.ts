import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';

const SLOW = { timeout: 60_000 };
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienban-cli-import-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const cli = (...args: string[]) => runCli(dataDir, args);

function file(name: string, lines: string[]): string {
  const target = path.join(dataDir, name);
  writeFileSync(target, `\uFEFF${lines.join('\r\n')}\r\n`);
  return target;
}

const HEADER = 'Họ và tên;Email;Điện thoại;Trạng thái;Chức vụ;Ngày vào Đảng;Ngày chính thức';
const GOOD = [
  HEADER,
  'Nguyễn Văn An;an@test.vn;;Chính thức;Bí thư;19/05/1990;19/05/1991',
  'Trần Thị Bình;;0987 654 321;dự bị;;03/02/2026;',
];

interface Report {
  saved: boolean;
  counts: Record<string, number>;
  rows: { row: number; action: string; problems: { code: string }[] }[];
}

describe('operator CLI: import-members', () => {
  let cellId = '';

  it('prints the preview of a file with a problem, saves nothing, and exits 1', SLOW, async () => {
    const setup = await cli(
      ...['setup', '--admin-name', 'Quản trị', '--email', 'admin@test.vn', '--password', 'mật khẩu đủ dài'],
      ...['--committee', 'Đảng bộ phường', '--cell', 'Chi bộ khu phố 3'],
    );
    cellId = setup.json<{ cellId: string }>().cellId;
    const bad = file('bad.csv', [...GOOD, 'Lê Văn Cường;;;chính thức;;31/02/1980;']);
    const run = await cli('import-members', cellId, bad, '--apply');
    expect(run.code).toBe(1);
    const report = run.json<Report>();
    expect(report).toMatchObject({ saved: false, counts: { new: 2, problem: 1 } });
    expect(report.rows[2]).toMatchObject({
      row: 4,
      action: 'problem',
      problems: [{ code: 'contact_missing' }, { code: 'joined_invalid' }],
    });
    expect((await cli('list-members', '--cell', cellId)).json<unknown[]>()).toHaveLength(0);
  });

  it('imports a file without problems with --apply, and finds it unchanged the second time', SLOW, async () => {
    const good = file('good.csv', GOOD);
    const preview = await cli('import-members', cellId, good);
    expect(preview.code).toBe(0);
    expect(preview.json<Report>()).toMatchObject({ saved: false, counts: { new: 2 } });
    const applied = await cli('import-members', cellId, good, '--apply');
    expect(applied.json<Report>()).toMatchObject({ saved: true, counts: { new: 2 } });
    const again = await cli('import-members', cellId, good, '--apply');
    expect(again.code).toBe(0);
    expect(again.json<Report>()).toMatchObject({ saved: false, counts: { new: 0, unchanged: 2 } });
    const members = (await cli('list-members', '--cell', cellId)).json<{ name: string; phone: string | null }[]>();
    expect(members.map((m) => [m.name, m.phone])).toEqual([
      ['Nguyễn Văn An', null],
      ['Trần Thị Bình', '0987654321'],
    ]);
  });

  it('reports a file that is not UTF-8 and a missing file', SLOW, async () => {
    const latin = path.join(dataDir, 'latin.csv');
    writeFileSync(latin, Buffer.from([0x48, 0xf5, 0x3b, 0x45, 0x0a]));
    const run = await cli('import-members', cellId, latin);
    expect(run.code).toBe(1);
    expect(run.json()).toMatchObject({ problem: 'not_utf8' });
    const missing = await cli('import-members', cellId, path.join(dataDir, 'none.csv'));
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('cannot read');
  });
});
