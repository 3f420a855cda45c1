'use server';

import { getRuntime } from '../../server/runtime';
import { runOperation } from '../../server/web/operation';

/** Follow-up of a task (done, in progress…): written to the database, never into sealed minutes. */
export async function setTaskStatusAction(input: unknown) {
  return runOperation('setTaskStatus', (user) => getRuntime().meetings.followUp.setTaskStatus(user, input), {
    refresh: true,
  });
}
