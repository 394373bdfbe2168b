import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 300_000,
    pool: 'forks',
    // one temp root per run, removed at the end (test workspaces hold warehouses)
    globalSetup: ['test/helpers/temp-root.ts'],
  },
});
