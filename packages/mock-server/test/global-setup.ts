import type { TestProject } from 'vitest/node';
import { postgresMissing, startPostgres } from '../../../scripts/postgres.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A throwaway PostgreSQL cluster's URL for this run, or '' when the machine has no PostgreSQL. */
    postgres: string;
  }
}

/**
 * One throwaway PostgreSQL cluster for the mock-server tests (each test makes its own database in
 * it). Without PostgreSQL on the machine the PostgreSQL store's tests are not registered, and the
 * test runner says so in its summary (a failure where CREDIT_CHECK_REQUIRE_POSTGRES is set, as CI does).
 */
export default async function setup(project: TestProject) {
  const missing = postgresMissing();
  if (missing) {
    project.provide('postgres', '');
    return;
  }
  const cluster = await startPostgres();
  project.provide('postgres', cluster.url);
  return () => cluster.destroy();
}
