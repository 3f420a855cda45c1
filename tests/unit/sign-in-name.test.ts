import { describe, expect, it } from 'vitest';
import { parseSignInName, signInKey } from '../../lib/sign-in-name';

describe('what someone types to sign in', () => {
  it('reads a text with an @ as an email, trimmed and in lower case', () => {
    expect(parseSignInName('  An.Nguyen@Example.VN ')).toEqual({ email: 'an.nguyen@example.vn' });
    expect(parseSignInName('an@')).toBeNull();
  });

  it('reads anything else as a phone number, however it is written', () => {
    for (const written of ['0912345678', '0912 345 678', '0912.345.678', '+84 912 345 678', '84912345678', '912345678'])
      expect(parseSignInName(written), written).toEqual({ phone: '0912345678' });
    expect(parseSignInName('(024) 3825 1234')).toEqual({ phone: '02438251234' });
  });

  it('names nobody for a text that is neither', () => {
    for (const written of ['', 'nguyen van an', '12345', '09123456789012']) expect(parseSignInName(written)).toBeNull();
  });

  it('keys an email by itself and a phone by its digits', () => {
    expect(signInKey({ email: 'an@example.vn' })).toBe('an@example.vn');
    expect(signInKey({ phone: '0912345678' })).toBe('0912345678');
  });
});
