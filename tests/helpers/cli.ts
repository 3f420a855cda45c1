import { spawn } from 'node:child_process';
import { entryPointArgs } from './entry-point';
import { PROJECT_ROOT } from './server';

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/**
 * Runs the operator CLI the way an operator does, in its own process, against
 * the SQLite database in `dataDir` (DATABASE_URL is removed unless `env` sets
 * it): the compiled CLI when it is built from the current source, the source
 * under tsx otherwise (see entry-point.ts).
 */
export function runCli(dataDir: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
  delete childEnv.DATABASE_URL;
  Object.assign(childEnv, env);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...entryPointArgs(PROJECT_ROOT, 'cli').args, ...args], {
      cwd: PROJECT_ROOT,
      env: childEnv,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, json: <T>() => JSON.parse(stdout) as T }));
  });
}
