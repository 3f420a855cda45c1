import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledArgs, isCompiledFresh } from '../helpers/entry-point';
import { parsePrometheusText } from '../helpers/prometheus';
import { makeDataDir, PROJECT_ROOT, removeDataDir, startServer, type RunningServer } from '../helpers/server';
import { signIn } from '../helpers/session';

const run = promisify(execFile);
const PASSWORD = 'mật khẩu đủ dài';
const RECORDER = pathToFileURL(path.join(PROJECT_ROOT, 'tests', 'helpers', 'record-modules.mjs')).href;

/** The environment an operator's shell gives: nothing preloaded through NODE_OPTIONS. */
function operatorEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  delete env.NODE_OPTIONS;
  return env;
}

/**
 * What production runs (`npm start`, `npm run cli`): the bundles of
 * server/build-server.mjs, with nothing preloaded. They find what they read
 * from the checkout (the templates, public/, .next/, the PDF's fonts in
 * node_modules) from dist/, and load neither tsx nor TypeScript and one copy
 * of yjs. Builds the bundles first when they are older than the source; the
 * pages need `next build`.
 */
describe('the compiled server', () => {
  let dataDir: string;
  let workDir: string;
  let server: RunningServer;
  let meetingId: string;
  let cookie: string;

  const cli = async (...args: string[]) => {
    const { stdout } = await run(process.execPath, [...compiledArgs('cli'), ...args], {
      cwd: PROJECT_ROOT,
      env: operatorEnv({ DATA_DIR: dataDir, LOG_LEVEL: 'error' }),
    });
    return JSON.parse(stdout) as Record<string, string>;
  };

  beforeAll(async () => {
    if (!isCompiledFresh(PROJECT_ROOT, 'server') || !isCompiledFresh(PROJECT_ROOT, 'cli')) {
      await run(process.execPath, ['server/build-server.mjs'], { cwd: PROJECT_ROOT });
    }
    dataDir = makeDataDir();
    workDir = makeDataDir('bienban-modules-');
    // The compiled CLI seeds the templates from server/templates and creates the meeting from its kind's.
    const { cellId } = await cli(
      ...['setup', '--admin-name', 'Quản trị', '--email', 'admin@test.vn', '--password', PASSWORD],
      ...['--committee', 'Đảng bộ phường Tân Định', '--cell', 'Chi bộ khu phố 3'],
    );
    await cli(
      ...['add-member', '--cell', cellId!, '--name', 'Nguyễn Văn An', '--email', 'an@test.vn'],
      ...['--role', 'secretary', '--status', 'full', '--password', PASSWORD],
    );
    const meeting = await cli(
      ...['create-meeting', '--cell', cellId!, '--kind', 'regular'],
      ...['--starts-at', '2026-12-05T19:30', '--place', 'Nhà văn hóa'],
    );
    expect(meeting.title).toBe('Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026');
    meetingId = meeting.id!;
    server = await startServer({
      dataDir,
      withNext: true,
      program: 'compiled',
      nodeOptions: ['--import', RECORDER],
      env: { NODE_OPTIONS: undefined, RECORD_MODULES_FILE: path.join(workDir, 'modules.txt') },
    });
    cookie = (await signIn(server.url, 'an@test.vn', PASSWORD))!;
    expect(cookie).toBeTruthy();
  });

  afterAll(async () => {
    await server?.stop();
    removeDataDir(dataDir);
    removeDataDir(workDir);
  });

  it('serves the pages of the .next build and the files of public/, each under its route', async () => {
    const signin = await fetch(`${server.url}/signin`);
    expect(signin.status).toBe(200);
    expect(await signin.text()).toContain('<html');
    const worker = await fetch(`${server.url}/sw.js`);
    expect(worker.status).toBe(200);
    expect(worker.headers.get('cache-control')).toContain('no-cache');
    // The route table is read from public/ and .next/ as well: these two are not counted as "unmatched".
    const routes = parsePrometheusText(await (await fetch(`${server.url}/metrics`)).text())
      .filter((s) => s.name === 'bienban_http_request_duration_seconds_count')
      .map((s) => s.labels.route);
    expect(routes).toEqual(expect.arrayContaining(['/signin', '/sw.js']));
  });

  it("opens the meeting created from its kind's template for its secretary", async () => {
    const page = await fetch(`${server.url}/meetings/${meetingId}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Sinh hoạt chi bộ thường kỳ tháng 12 năm 2026');
  });

  it('exports the draft minutes as a PDF with its font embedded', async () => {
    const pdf = await fetch(`${server.url}/meetings/${meetingId}/export/pdf`, { headers: { cookie } });
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    const text = Buffer.from(await pdf.arrayBuffer()).toString('latin1');
    expect(text.startsWith('%PDF-')).toBe(true);
    expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+Tinos/);
  });

  it('loaded neither tsx nor TypeScript, and one copy of yjs', async () => {
    expect(await server.stop()).toBe(0);
    const loaded = [...new Set(readFileSync(path.join(workDir, 'modules.txt'), 'utf8').split('\n').filter(Boolean))];
    expect(loaded).toContain(pathToFileURL(path.join(PROJECT_ROOT, 'dist', 'server', 'main.js')).href);
    expect(loaded.filter((file) => /\/node_modules\/(tsx|typescript|esbuild|@esbuild)\//.test(file))).toEqual([]);
    expect(loaded.filter((file) => /\.tsx?$/.test(file))).toEqual([]);
    expect(loaded.filter((file) => /\/node_modules\/yjs\//.test(file))).toHaveLength(1);
    expect(server.logs()).not.toContain('Yjs was already imported');
  });
});
