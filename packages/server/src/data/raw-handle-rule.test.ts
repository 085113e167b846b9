import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';

/**
 * Issue 11: services reach the database only through a repository bound to their caller. The
 * import rule of `npm run check` (scripts/check-imports.mjs, rule d) is run here over a small tree
 * laid out like Harbor's, so the rule itself is tested: a service importing the raw handle fails.
 */
const script = path.resolve(import.meta.dirname, '../../../../scripts/check-imports.mjs');
let root = '';

function tree(files: Record<string, string>): string {
  root = mkdtempSync(path.join(os.tmpdir(), 'harbor-check-'));
  writeFileSync(path.join(root, 'package.json'), '{"name":"x","private":true}');
  mkdirSync(path.join(root, 'packages/server'), { recursive: true });
  writeFileSync(path.join(root, 'packages/server/package.json'), '{"name":"@harbor/server","private":true}');
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, 'packages/server/src', file)), { recursive: true });
    writeFileSync(path.join(root, 'packages/server/src', file), text);
  }
  return root;
}

const check = (dir: string) => spawnSync(process.execPath, [script], { env: { ...process.env, HARBOR_CHECK_ROOT: dir }, encoding: 'utf8' });

afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

const base = {
  'db/client.ts': 'export const openDatabase = () => null;\nexport type Db = unknown;\n',
  'data/index.ts': "import { openDatabase } from '../db/client.js';\nexport const forUser = () => openDatabase();\nexport const dataLayer = (db: unknown) => ({ db, forUser });\n",
};

describe('the raw database handle stays in the data layer', () => {
  it('passes when services use the data layer', () => {
    const r = check(tree({ ...base, 'widgets/service.ts': "import { forUser } from '../data/index.js';\nexport const list = () => forUser();\n" }));
    expect(r.stdout).toContain('check-imports: OK');
    expect(r.status).toBe(0);
  });

  it('fails `npm run check` when a service imports the raw handle, by value or by type', () => {
    const r = check(
      tree({
        ...base,
        'widgets/service.ts': "import { openDatabase } from '../db/client.js';\nexport const list = () => openDatabase();\n",
        'gadgets/service.ts': "import type { Db } from '../db/client.js';\nexport const f = (db: Db) => db;\n",
        // No capability folder is exempt now: the outbox, the last one moved, is held to the rule too.
        'outbox/deliver.ts': "import type { Db } from '../db/client.js';\nexport const deliver = (db: Db) => db;\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Raw database handle outside the data layer: 3');
    expect(r.stdout).toMatch(/widgets\/service\.ts:1: imports the raw database handle/);
    expect(r.stdout).toMatch(/gadgets\/service\.ts:1: imports the raw database handle/);
    expect(r.stdout).toMatch(/outbox\/deliver\.ts:1: imports the raw database handle/);
  });

  it('fails `npm run check` when a service makes a data layer of a handle it was given (a stand-in repository), by value or by type, or opens a connection of its own', () => {
    const r = check(
      tree({
        ...base,
        'widgets/scheduler.ts': "import { dataLayer } from '../data/index.js';\nexport const pass = (db: unknown) => dataLayer(db).forUser();\n",
        'gadgets/worker.ts': "import { type dataLayer, forUser } from '../data/index.js';\nexport type Source = Parameters<typeof dataLayer>[0];\nexport const f = forUser;\n",
        // Nor opens a connection of its own.
        'gizmos/reader.ts': "import pg from 'pg';\nimport type { PgliteDatabase } from 'drizzle-orm/pglite';\nexport const pool = new pg.Pool();\nexport type D = PgliteDatabase;\n",
        // Where the database is opened, and tests, may.
        'server.ts': "import { dataLayer } from './data/index.js';\nexport const data = dataLayer(null);\n",
        'widgets/scheduler.int.test.ts': "import { dataLayer } from '../data/index.js';\nexport const data = dataLayer(null);\n",
      }),
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('Raw database handle outside the data layer: 4');
    expect(r.stdout).toMatch(/gizmos\/reader\.ts:1: imports the database driver 'pg'/);
    expect(r.stdout).toMatch(/gizmos\/reader\.ts:2: imports the database driver 'drizzle-orm\/pglite'/);
    expect(r.stdout).toMatch(/widgets\/scheduler\.ts:1: imports dataLayer from the data layer/);
    expect(r.stdout).toMatch(/gadgets\/worker\.ts:1: imports dataLayer from the data layer/);
  });
});
