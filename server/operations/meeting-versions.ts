import { isSettled } from '../../lib/domain';
import { saveVersionSchema } from '../../lib/meeting-schemas';
import { takeVersion } from '../meeting/versions';
import { auditAs, operation } from './define';
import { onMeeting, refuse } from './meeting-scope';

/** Versions of the minutes saved by hand; those at start, end and approval are taken by those steps. */
export const versionOperations = {
  /**
   * The minutes-taker (or the chair, or a manager) keeps the minutes as they
   * stand under a name ("Sau phần thảo luận"), to compare later. Sealed or
   * not-held minutes no longer change, so there is nothing new to keep.
   */
  saveVersion: operation({
    group: 'followUp',
    schema: saveVersionSchema,
    ...onMeeting,
    allowed: (ctx) => ctx.permissions.record,
    refresh: true,
    async run(deps, ctx, input, caller) {
      if (isSettled(ctx.meeting.state)) refuse('meeting_locked', 'saveVersion', caller.user.id);
      const version = await takeVersion(deps, ctx.meeting, 'manual', caller.user.id, input.label);
      await auditAs(deps, caller, {
        action: 'minutes.version_saved',
        cellId: ctx.meeting.cell_id,
        meetingId: input.meetingId,
        details: { versionId: version.id, label: input.label, hash: version.hash },
      });
      return { id: version.id, hash: version.hash };
    },
  }),
};
