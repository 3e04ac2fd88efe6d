import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

// `server-only` throws outside a React Server build; in tests services are plain modules.
const alias = {
  '@': fileURLToPath(new URL('.', import.meta.url)),
  'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    // Quiet unless a test fails: console output (and the app's logs, see server/logger.ts) of
    // passing tests is dropped; a failing test's is printed with it.
    silent: 'passed-only',
    // Vitest's default is one worker per core but one; most test time is spent waiting on
    // PostgreSQL (another process), so three files at a time keep a 2-core machine busy.
    maxWorkers: 3,
    projects: [
      { resolve: { alias }, test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node' } },
      {
        resolve: { alias },
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['tests/helpers/pg-global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'embedded',
          include: ['tests/embedded/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
