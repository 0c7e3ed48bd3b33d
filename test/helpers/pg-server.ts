// The test run's PostgreSQL server (a vitest globalSetup): one throwaway server for the whole run,
// under the run's temporary directory; each test makes its own database on it (test/helpers/stores.ts),
// so files running in parallel never share one.
import type { TestProject } from 'vitest/node';
import { startPgServer } from '../../gateway/store/pg-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** postgres://…/postgres of the run's server: tests create their databases through it. */
    pgUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = await startPgServer({ durable: false });
  project.provide('pgUrl', server.url);
  return () => server.stop();
}
