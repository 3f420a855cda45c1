import { afterEach, beforeEach } from 'vitest';

/**
 * For a describe block whose tests are the steps of one story, each building
 * on the state the one before left: once a step fails, the later ones are
 * skipped, since on top of a failed step they would only fail again for the
 * same reason. Call it inside the describe block.
 */
export function skipStepsAfterAFailure(): void {
  let stepFailed = false;
  beforeEach((context) => {
    if (stepFailed) context.skip();
  });
  afterEach((context) => {
    if (context.task.result?.state === 'fail') stepFailed = true;
  });
}
