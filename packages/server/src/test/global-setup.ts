import { createDatabaseTemplate } from './harness.js';

/**
 * Once per run of the integration project: one migrated database that every test database is
 * copied from (harness.ts, createDatabaseTemplate). Its place reaches the test processes in
 * HARBOR_TEST_DB_TEMPLATE; they start after this has run.
 */
export default async function setup(): Promise<() => Promise<void>> {
  const template = await createDatabaseTemplate();
  process.env['HARBOR_TEST_DB_TEMPLATE'] = template.ref;
  return () => template.drop();
}
