import { describe, expect, it } from 'vitest';
import { canSetReadingPreferences, type Subject } from '../../lib/policy';
import { isTextSize, textSizeFor } from '../../lib/text-size';

const lan: Subject = { userId: 'lan', isAdmin: false, memberships: [], oversees: [] };

describe('text size', () => {
  it("takes the account's choice when someone is signed in, whatever the cookie says", () => {
    expect(textSizeFor({ largeText: true }, 'normal')).toBe('large');
    expect(textSizeFor({ largeText: false }, 'large')).toBe('normal');
  });

  it("takes the cookie's choice when nobody is signed in, and normal text for anything else", () => {
    expect(textSizeFor(null, 'large')).toBe('large');
    expect(textSizeFor(null, undefined)).toBe('normal');
    expect(textSizeFor(null, 'huge')).toBe('normal');
    expect(isTextSize('large')).toBe(true);
    expect(isTextSize('LARGE')).toBe(false);
  });

  it('lets each person set their own reading preferences and nobody else’s, administrators included', () => {
    expect(canSetReadingPreferences(lan, 'lan')).toBe(true);
    expect(canSetReadingPreferences(lan, 'hung')).toBe(false);
    expect(canSetReadingPreferences({ ...lan, isAdmin: true }, 'hung')).toBe(false);
  });
});
