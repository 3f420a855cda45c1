import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienban-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const env = (settings: Record<string, string> = {}) => ({
  NODE_ENV: 'production' as const,
  DATA_DIR: dataDir,
  ...settings,
});

describe('the metrics settings are validated at start-up', () => {
  it('takes an instance name and a scrape token', () => {
    const config = loadConfig(
      env({ INSTANCE_ID: 'web-2.hanoi:3000', METRICS_TOKEN: 'kB1s2Jr8dQ0x9wZ7vT4cN6mL3pH5yF0a' }),
    );
    expect(config.instanceId).toBe('web-2.hanoi:3000');
    expect(config.metricsToken).toBe('kB1s2Jr8dQ0x9wZ7vT4cN6mL3pH5yF0a');
  });

  it('leaves both unset by default (hostname:port, and /metrics from this machine only)', () => {
    const config = loadConfig(env());
    expect(config.instanceId).toBeUndefined();
    expect(config.metricsToken).toBeUndefined();
  });

  it('refuses an instance name that is not a short plain word, naming the variable', () => {
    for (const bad of ['', 'web 2', 'web"2', '-web', 'x'.repeat(101)]) {
      expect(() => loadConfig(env({ INSTANCE_ID: bad })), bad).toThrow(/INSTANCE_ID/);
    }
  });

  it('refuses a short token or one with spaces, naming the variable', () => {
    expect(() => loadConfig(env({ METRICS_TOKEN: 'short' }))).toThrow(/METRICS_TOKEN/);
    expect(() => loadConfig(env({ METRICS_TOKEN: 'a'.repeat(20) + ' ' + 'b'.repeat(20) }))).toThrow(/METRICS_TOKEN/);
  });
});
