import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';

// One `vitest run` runs every project. `npm test` builds first (pretest), because the end-to-end,
// security and packaging tests work on the built app in out/.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['tests/unit/**/*.test.ts', 'tests/fault/**/*.test.ts'],
          // Fixed dates in the tests are read in one time zone with a DST change, on every machine.
          env: { TZ: 'Europe/Amsterdam' },
          testTimeout: 30_000,
        },
      },
      {
        plugins: [svelte()],
        resolve: { conditions: ['browser'] },
        test: {
          name: 'component',
          environment: 'jsdom',
          include: ['tests/component/**/*.test.ts'],
          setupFiles: ['tests/component/setup.ts'],
        },
      },
      {
        // The e2e tests reuse the renderer's formatting helpers (which read the i18n runes) to
        // compute the texts they expect.
        plugins: [svelte()],
        test: {
          name: 'app',
          environment: 'node',
          include: ['tests/e2e/**/*.test.ts', 'tests/security/**/*.test.ts', 'tests/packaging/**/*.test.ts'],
          testTimeout: 180_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
