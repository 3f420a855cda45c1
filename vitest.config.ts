import { defineConfig } from 'vitest/config';

/**
 * Three projects: unit (rules, no I/O beyond temp files), integration (the
 * real server process on port 0, real y-websocket clients, real databases)
 * and e2e (real Chromium). Integration and e2e files run one at a time: the
 * machine has two cores and each file starts its own servers.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          // Some files seed the demo's year (some fifty meetings held through the operations) before their tests.
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // expect.poll is how specs wait for the page; a step on two busy cores can take seconds.
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
