import { describe, expect, it } from 'vitest';
import { DEFAULT_LIMITS, limitsFromEnv } from '../../server/collab/limits';

describe('collaboration limits', () => {
  it('defaults to a 2 MiB message limit', () => {
    expect(DEFAULT_LIMITS.MAX_MESSAGE_BYTES).toBe(2 * 1024 * 1024);
  });

  it('keeps a lone client hearing from the server well within the 30 s client timeout', () => {
    // Keep-alives go out within KEEPALIVE_AFTER_MS plus one housekeeping tick (2.5 s): under 15 s.
    expect(DEFAULT_LIMITS.KEEPALIVE_AFTER_MS + 2_500).toBeLessThanOrEqual(15_000);
  });

  it('takes overrides from COLLAB_ variables and refuses bad values loudly', () => {
    expect(limitsFromEnv({ COLLAB_MAX_MESSAGE_BYTES: '1024' }).MAX_MESSAGE_BYTES).toBe(1024);
    expect(() => limitsFromEnv({ COLLAB_UNLOAD_GRACE_MS: 'soon' })).toThrow(/COLLAB_UNLOAD_GRACE_MS/);
    expect(() => limitsFromEnv({ COLLAB_UNLOAD_GRACE_MS: '-5' })).toThrow(/positive integer/);
  });
});
