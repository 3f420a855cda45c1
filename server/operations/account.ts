import { z } from 'zod';
import { canSetReadingPreferences, type Subject } from '../../lib/policy';
import { operation } from './define';

/** The caller's own account: preferences that follow them from phone to phone. */
export const accountOperations = {
  /** Larger text and higher contrast on or off, for the caller themself. */
  setLargeText: operation({
    group: 'followUp',
    schema: z.object({ on: z.boolean() }),
    async load(deps, { user }): Promise<{ subject: Subject }> {
      return { subject: await deps.services.organisations.subjectFor(user) };
    },
    allowed: (ctx, _input, { user }) => canSetReadingPreferences(ctx.subject, user.id),
    refresh: true,
    async run(deps, _ctx, input, { user }) {
      await deps.services.accounts.setLargeText(user.id, input.on);
    },
  }),
};
