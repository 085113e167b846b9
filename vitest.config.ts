import { defineConfig } from 'vitest/config';

// Three projects, one runner. `scripts/test.mjs` runs `integration` twice: on PGlite and, with
// TEST_DATABASE_URL set, on a real PostgreSQL server.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
          exclude: ['**/*.int.test.ts', '**/*.browser.test.ts', '**/node_modules/**'],
        },
      },
      {
        test: {
          name: 'integration',
          include: ['packages/server/src/**/*.int.test.ts'],
          // *.postgres.int.test.ts: PostgreSQL's own planner and catalogs, run only on a PostgreSQL server.
          ...(process.env['TEST_DATABASE_URL'] ? {} : { exclude: ['**/*.postgres.int.test.ts', '**/node_modules/**'] }),
          // One migrated database per run; each file's database is a copy of it.
          globalSetup: ['packages/server/src/test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // PGlite instances are memory-hungry and the machine has two cores.
          maxWorkers: 2,
        },
      },
      {
        test: {
          name: 'browser',
          include: ['packages/web/test/**/*.browser.test.ts'],
          // Builds the web app when it is stale and seeds the demo agency once into a template data
          // folder; each file starts its own Harbor server on a copy (server-for-file.ts), so files
          // share no state and two run at once (Chromium and a server each; the machine has two cores).
          globalSetup: ['packages/web/test/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          maxWorkers: 2,
        },
      },
    ],
  },
});
