import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import en from '../../messages/en.json';
import vi from '../../messages/vi.json';
import { CLOSE_CODES, closeReasonKey } from '../../lib/collab/close-codes';
import { MEETING_KINDS, MEETING_STATES, MEMBER_ROLES, MEMBER_STATUSES } from '../../lib/domain';
import { hasMessage, translate, type Messages } from '../../lib/i18n';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const catalogues: Record<string, Messages> = { vi, en };

function flatKeys(messages: Messages, prefix = ''): string[] {
  return Object.entries(messages).flatMap(([key, value]) =>
    typeof value === 'string' ? [prefix + key] : flatKeys(value, `${prefix}${key}.`),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const read = (file: string) => readFileSync(file, 'utf8');

describe('UI messages', () => {
  it('has the same keys in Vietnamese and English', () => {
    expect(flatKeys(en).sort()).toEqual(flatKeys(vi).sort());
  });

  it('has no empty message', () => {
    for (const [locale, messages] of Object.entries(catalogues)) {
      for (const key of flatKeys(messages)) expect(translate(messages, key).trim(), `${locale}: ${key}`).not.toBe('');
    }
  });

  it('explains every error code the schemas and the services can produce', () => {
    const schemaCodes = [...read(path.join(ROOT, 'lib/schemas.ts')).matchAll(/[(,]\s*'([a-z_]+)'\s*\)/g)].map(
      (m) => m[1]!,
    );
    const serviceCodes = sourceFiles(path.join(ROOT, 'server')).flatMap((file) =>
      [...read(file).matchAll(/\b(?:notFound|conflict|refuse|new AppError)\('([a-z_]+)'/g)].map((m) => m[1]!),
    );
    const fixed = ['invalid_input', 'not_found', 'forbidden', 'unexpected', 'signed_out'];
    const codes = new Set([...schemaCodes, ...serviceCodes, ...fixed]);
    expect(schemaCodes).toContain('password_too_short');
    for (const [locale, messages] of Object.entries(catalogues)) {
      for (const code of codes) expect(hasMessage(messages, `errors.${code}`), `${locale}: errors.${code}`).toBe(true);
    }
  });

  it('explains every websocket close code the editor can be told about', () => {
    const keys = Object.values(CLOSE_CODES)
      .map((code) => closeReasonKey(code))
      .filter((key): key is string => key !== undefined);
    expect(keys).toContain('collab.closed.unauthorized');
    for (const messages of Object.values(catalogues))
      for (const key of keys) expect(hasMessage(messages, key), key).toBe(true);
  });

  it('names every role, membership status, meeting kind and meeting state', () => {
    const keys = [
      ...MEMBER_ROLES.map((v) => `roles.${v}`),
      ...MEMBER_STATUSES.map((v) => `memberStatus.${v}`),
      ...MEETING_KINDS.map((v) => `meetingKind.${v}`),
      ...MEETING_STATES.map((v) => `meetingState.${v}`),
    ];
    for (const messages of Object.values(catalogues))
      for (const key of keys) expect(hasMessage(messages, key), key).toBe(true);
  });

  it('has a message for every literal key the pages and components ask for', () => {
    const files = [...sourceFiles(path.join(ROOT, 'app')), ...sourceFiles(path.join(ROOT, 'components'))];
    const used = new Set(
      files.flatMap((file) => [...read(file).matchAll(/\bt\(\s*'([a-zA-Z_.]+)'/g)].map((m) => m[1]!)),
    );
    expect(used.size).toBeGreaterThan(50);
    for (const key of used) expect(hasMessage(vi, key), key).toBe(true);
  });
});

describe('how the Vietnamese pages address people', () => {
  // "bạn" as a whole word, whatever its case; \b knows only ASCII letters, so the boundaries are spelled out.
  const BAN = /(?<![\p{L}\p{M}\p{N}_])bạn(?![\p{L}\p{M}\p{N}_])/iu;
  const hasBan = (text: string) => BAN.test(text.normalize('NFC'));

  it('finds the word "bạn" in any case, written composed or decomposed, and only as a word', () => {
    for (const text of ['Bạn chưa thuộc chi bộ nào.', '{name} (bạn)', 'BẠN ĐÃ ĐĂNG XUẤT', 'Ba\u0323n đã đăng xuất.'])
      expect(hasBan(text), text).toBe(true);
    for (const text of ['Ban Tổ chức', 'bàn bạc', 'bạnh', 'đồng chí']) expect(hasBan(text), text).toBe(false);
  });

  // Party members call each other "đồng chí"; "bạn" reads as talking to a stranger or a child.
  it('says "đồng chí", never "bạn"', () => {
    const withBan = flatKeys(vi).filter((key) => hasBan(translate(vi, key)));
    expect(withBan).toEqual([]);
  });
});

describe('translate', () => {
  const messages: Messages = { a: { b: 'Xin chào, {name}' } };

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate(messages, 'a.b', { name: 'An' })).toBe('Xin chào, An');
    expect(translate(messages, 'a.b')).toBe('Xin chào, {name}');
  });

  it('falls back to the key for a missing message or a group', () => {
    expect(translate(messages, 'a.c')).toBe('a.c');
    expect(translate(messages, 'a')).toBe('a');
  });
});
