import { defineConfig } from 'vitest/config';

/**
 * With HWBIND_COVERAGE set (`npm run coverage`, and CI), the tests also collect coverage: vitest's
 * own of the code they run in-process, and Node's (NODE_V8_COVERAGE) of every process they start —
 * gateways, CLIs, simulators — which is where most gateway code runs. bin/coverage-report.ts
 * reports the union.
 */
const coverage = Boolean(process.env.HWBIND_COVERAGE);
export const COVERED = ['protocol/**/*.ts', 'gateway/**/*.ts', 'simulator/**/*.ts', 'bin/**/*.ts'];
export const NOT_COVERED = ['protocol/gen/**', 'protocol/scripts/**', '**/*.d.ts'];

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Every temporary file of a run lives under one directory that the run removes at its end; the
    // run's PostgreSQL server (for the tests of the PostgreSQL store) lives there too.
    globalSetup: ['test/helpers/temp-root.ts', 'test/helpers/pg-server.ts'],
    // Integration tests start real gateway processes on their own ports; two cores here.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
    ...(coverage
      ? {
          setupFiles: ['test/helpers/child-coverage.ts'],
          coverage: {
            enabled: true,
            provider: 'v8',
            include: COVERED,
            exclude: NOT_COVERED,
            reporter: ['json'],
            reportsDirectory: 'coverage/tests',
          },
        }
      : {}),
  },
});
