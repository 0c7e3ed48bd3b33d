import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every temporary file of a run lives under one directory that the run removes at its end.
    globalSetup: ['test/helpers/temp-root.ts'],
    // Integration tests start real gateway processes on their own ports; two cores here.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
