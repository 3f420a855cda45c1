import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../server/config';
import { OUTBOX_FROM, parseMailSettings } from '../../server/mail/config';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'bienban-mail-config-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const env = (settings: Record<string, string> = {}, nodeEnv: 'production' | 'development' = 'production') => ({
  NODE_ENV: nodeEnv,
  DATA_DIR: dataDir,
  ...settings,
});

describe('the mail settings', () => {
  it('send through SMTP when SMTP_URL and MAIL_FROM are set', () => {
    const config = loadConfig(
      env({
        SMTP_URL: 'smtp://bienban:m%E1%BA%ADt@mail.example.vn:587',
        MAIL_FROM: 'Chi bộ Khu phố 3 <bienban@example.vn>',
      }),
    );
    expect(config.mail).toEqual({
      transport: 'smtp',
      url: 'smtp://bienban:m%E1%BA%ADt@mail.example.vn:587',
      from: 'Chi bộ Khu phố 3 <bienban@example.vn>',
      host: 'mail.example.vn',
    });
  });

  it('keep messages in the outbox in development, or anywhere with MAIL_OUTBOX=on, when no SMTP server is set', () => {
    expect(loadConfig(env({}, 'development')).mail).toEqual({ transport: 'outbox', from: OUTBOX_FROM });
    expect(loadConfig(env({ MAIL_OUTBOX: 'on', MAIL_FROM: 'bienban@example.vn' })).mail).toEqual({
      transport: 'outbox',
      from: 'bienban@example.vn',
    });
    expect(loadConfig(env({ MAIL_OUTBOX: 'off' }, 'development')).mail).toEqual({ transport: 'off' });
  });

  it('send nothing in production without them (no "send by email" button anywhere)', () => {
    expect(loadConfig(env()).mail).toEqual({ transport: 'off' });
  });

  it('stop the process with a sentence naming the variable when a value is wrong', () => {
    expect(() => loadConfig(env({ SMTP_URL: 'mail.example.vn', MAIL_FROM: 'a@b.vn' }))).toThrow(/SMTP_URL: not a URL/);
    expect(() => loadConfig(env({ SMTP_URL: 'https://mail.example.vn', MAIL_FROM: 'a@b.vn' }))).toThrow(
      /SMTP_URL: must start with smtp:\/\/ or smtps:\/\//,
    );
    expect(() => loadConfig(env({ SMTP_URL: 'smtp://mail.example.vn:587' }))).toThrow(
      /MAIL_FROM: required with SMTP_URL/,
    );
    expect(() => loadConfig(env({ MAIL_OUTBOX: 'yes' }))).toThrow(/MAIL_OUTBOX: must be on or off/);
    expect(() => loadConfig(env({ MAIL_OUTBOX: 'on', MAIL_FROM: 'not an address' }))).toThrow(
      /MAIL_FROM: must be an address/,
    );
  });

  it('never repeat the SMTP password in an error', () => {
    const { issues } = parseMailSettings({ SMTP_URL: 'ftp://user:s3cr3t-pass@mail.example.vn' }, false);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.join('\n')).not.toContain('s3cr3t-pass');
  });

  it('accept smtps:// and a plain address as the sender', () => {
    const { settings, issues } = parseMailSettings(
      { SMTP_URL: 'smtps://u:p@smtp.example.vn:465', MAIL_FROM: 'bienban@example.vn' },
      false,
    );
    expect(issues).toEqual([]);
    expect(settings.transport).toBe('smtp');
  });
});
