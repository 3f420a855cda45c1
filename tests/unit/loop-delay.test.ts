import { afterEach, expect, it } from 'vitest';
import { createLoopDelayMonitor } from '../../server/collab/loop-delay';

let monitor: ReturnType<typeof createLoopDelayMonitor> | null = null;
afterEach(() => monitor?.stop());

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it('reports a stall of the event loop once the window that saw it ends', async () => {
  const windowMs = 500;
  monitor = createLoopDelayMonitor(windowMs);
  await wait(50);
  // Hold the thread for 120 ms, as a long synchronous task would.
  const until = performance.now() + 120;
  while (performance.now() < until);
  // The first window closes at 500 ms; catch it right after it does.
  const deadline = performance.now() + 10 * windowMs;
  while (monitor.gauges().event_loop_delay_max_ms === 0 && performance.now() < deadline) await wait(10);
  const { event_loop_delay_max_ms: max, event_loop_delay_p99_ms: p99 } = monitor.gauges();
  expect(max).toBeGreaterThanOrEqual(100);
  expect(p99).toBeLessThanOrEqual(max);
});
