import { monitorEventLoopDelay } from 'node:perf_hooks';

/** How long each reported window of event-loop delay lasts. */
const LOOP_DELAY_WINDOW_MS = 60_000;

/**
 * How late the event loop ran timers, over the last complete window: the
 * one figure that says whether this process keeps up. Every room, upgrade and
 * page shares one thread, so anything that holds it (a long sweep, a large
 * document loading) delays every keystroke in every meeting by as much.
 */
export function createLoopDelayMonitor(windowMs = LOOP_DELAY_WINDOW_MS) {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  const ms = (ns: number) => Math.round(ns / 1e4) / 100;
  const read = () => ({
    event_loop_delay_p50_ms: ms(histogram.percentile(50)),
    event_loop_delay_p99_ms: ms(histogram.percentile(99)),
    event_loop_delay_max_ms: ms(histogram.max),
  });
  let last = { event_loop_delay_p50_ms: 0, event_loop_delay_p99_ms: 0, event_loop_delay_max_ms: 0 };
  const roll = setInterval(() => {
    last = read();
    histogram.reset();
  }, windowMs);
  roll.unref();
  return {
    /** Gauges of the last complete window (zeros until the first one ends). */
    gauges: () => ({ ...last }),
    stop(): void {
      clearInterval(roll);
      histogram.disable();
    },
  };
}
