import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/{unit,migrations,integration,renderer}/**/*.test.{ts,tsx}'],
    environment: 'node',
    // better-sqlite3 is a native addon: forked workers keep each test file's handle to itself.
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
