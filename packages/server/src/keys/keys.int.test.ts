import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditKeyFrom, useAuditKey } from '../audit/index.js';
import { loadConfig } from '../config.js';
import { createVault, dataKeyFile, envelopeSql, keyCheckValue, sealedColumns, tableSql } from '../crypto/index.js';
import { dataLayer } from '../data/index.js';
import { openDatabase, queryRows, type Database, type Db } from '../db/client.js';
import { dataKeyCheck, people, personMatchKeys } from '../db/schema.js';
import { matchKeyRows, openIdentity } from '../people/index.js';
import { ensureDemoSeeded, seedAgencyStructure } from '../seed/index.js';
import { createTestDatabase, onPostgres, type TestDatabase } from '../test/harness.js';

/**
 * R2 with real processes: the `harbor` command started on a database (a PGlite data folder, or
 * PostgreSQL with TEST_DATABASE_URL) sealed with one key. A wrong key, or none, is refused with a
 * message naming the fix, and nothing is written; `harbor keys rotate`, killed outright halfway and
 * run again, leaves every sealed value readable with the new key alone.
 */
const bin = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../bin/harbor.js');
const oldKey = 'keys-test-old-data-key-synthetic-records-only';
const newKey = 'keys-test-new-data-key-synthetic-records-only';
const wrongKey = 'keys-test-wrong-data-key-of-another-database';

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-keys-'));
let pgDb: TestDatabase | null = null;

function envWith(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'warn', HARBOR_DATA_DIR: dataDir, HARBOR_DATA_KEY: '', HARBOR_DATA_KEY_PREVIOUS: '', HARBOR_AUDIT_KEY: '', ...extra };
  delete env['TEST_DATABASE_URL'];
  delete env['TEST_DATABASE_ADMIN_URL'];
  env['DATABASE_URL'] = pgDb?.appUrl ?? '';
  return env;
}
const harbor = (args: string[], extra: Record<string, string> = {}) => spawnSync(process.execPath, [bin, ...args], { env: envWith(extra), encoding: 'utf8', timeout: 300_000 });

/** Opens the database in this process (PGlite: only while no harbor process holds the folder). */
async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  if (pgDb) return work(pgDb.database.db);
  const database = await openDatabase({ databaseUrl: null, dataDir, command: 'keys test' });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

/** What a refused start must leave as it was. */
const snapshot = () =>
  withDb(async (db) => {
    const [r] = await queryRows<Record<string, number>>(
      db,
      sql`select (select count(*)::int from users) as users, (select count(*)::int from audit_events) as audit, (select count(*)::int from data_key_check) as checks, (select count(*)::int from people) as people`,
    );
    return r!;
  });

/** Every sealed value of the database, opened with `vault`; answers how many, or throws naming the first that does not open. */
async function openAll(db: Db, vault: ReturnType<typeof createVault>): Promise<number> {
  let n = 0;
  for (const c of sealedColumns) {
    const rows = await queryRows<{ id: string; envelope: string }>(db, sql`select id::text as id, ${envelopeSql(c)} as envelope from ${tableSql(c)} where ${envelopeSql(c)} is not null`);
    for (const r of rows) {
      vault.open(r.envelope, { table: c.table, column: c.context, rowId: r.id });
      n++;
    }
  }
  return n;
}

let sealedCount = 0;

beforeAll(async () => {
  // A database from before check values: the demo agency sealed with the old key, no check value.
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { dataKey: oldKey, dataDir });
  const seed = async (database: Database) => {
    // The chain keyed as a deployment on the default is: with the key derived from its data key.
    useAuditKey(auditKeyFrom({ auditKey: null, dataKey: oldKey, dataDir: '' }));
    await seedAgencyStructure(database.db);
    await ensureDemoSeeded(dataLayer(database), createVault(oldKey), true, config);
    sealedCount = await openAll(database.db, createVault(oldKey));
  };
  if (onPostgres) {
    pgDb = await createTestDatabase();
    await seed(pgDb.database);
  } else {
    const database = await openDatabase({ databaseUrl: null, dataDir, command: 'keys test seed' });
    try {
      await database.migrate();
      await seed(database);
    } finally {
      await database.close();
    }
  }
}, 900_000);

afterAll(async () => {
  await pgDb?.drop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('the data key check (R2)', () => {
  it('refuses to start with no key on a database that holds sealed data, and makes no new key; nothing is written', { timeout: 300_000 }, async () => {
    expect(sealedCount).toBeGreaterThan(100);
    const before = await snapshot();
    const r = harbor(['start', '--port', '0']);
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/No data key: HARBOR_DATA_KEY is unset and .*data\.key does not exist, but this database already holds sealed records\. Restore data\.key .* or set HARBOR_DATA_KEY/);
    expect(fs.existsSync(path.join(dataDir, dataKeyFile))).toBe(false);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a wrong key on a database from before check values (it does not open the sealed data); nothing is written', { timeout: 300_000 }, async () => {
    const before = await snapshot();
    expect(before.checks).toBe(0);
    const r = harbor(['start', '--port', '0'], { HARBOR_DATA_KEY: wrongKey });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/Wrong data key: the key from HARBOR_DATA_KEY does not open the records already sealed in this database.*Set HARBOR_DATA_KEY to the key this database was sealed with/);
    expect(await snapshot()).toEqual(before);
  });

  it('records the check value of the key that opens the sealed data, then refuses any other key, naming the problem and the fix', { timeout: 300_000 }, async () => {
    const ok = harbor(['migrate'], { HARBOR_DATA_KEY: oldKey });
    expect(ok.status, ok.stderr).toBe(0);
    const recorded = await withDb((db) => db.select().from(dataKeyCheck));
    expect(recorded).toHaveLength(1);
    expect(recorded[0]!.checkValue).toBe(keyCheckValue(oldKey));
    expect(JSON.stringify(recorded)).not.toContain(oldKey);

    const before = await snapshot();
    const wrong = harbor(['user', 'add', '--username', 'x.admin', '--name', 'X Admin', '--role', 'administrator', '--office', 'CO', '--password-stdin'], { HARBOR_DATA_KEY: wrongKey });
    expect(wrong.status, wrong.stderr).toBe(4);
    expect(wrong.stderr).toMatch(/Wrong data key: the key from HARBOR_DATA_KEY is not this database's \(its key check value differs\)/);
    const none = harbor(['start', '--port', '0']);
    expect(none.status, none.stderr).toBe(4);
    expect(none.stderr).toMatch(/No data key/);
    expect(fs.existsSync(path.join(dataDir, dataKeyFile))).toBe(false);
    expect(await snapshot()).toEqual(before);
  });
});

describe('harbor keys rotate (R2)', () => {
  it('refuses while the audit key is derived from the data key, telling how to pin it', { timeout: 300_000 }, async () => {
    const before = await snapshot();
    const r = harbor(['keys', 'rotate'], { HARBOR_DATA_KEY: newKey, HARBOR_DATA_KEY_PREVIOUS: oldKey });
    expect(r.status, r.stderr).toBe(4);
    expect(r.stderr).toMatch(/HARBOR_AUDIT_KEY is unset.*set HARBOR_AUDIT_KEY/);
    expect(await snapshot()).toEqual(before);
  });

  it('killed outright (kill -9) halfway and run again, leaves every sealed value readable with the new key alone', { timeout: 900_000 }, async () => {
    // As README's step 1: pin the audit key derived from the old data key, as `harbor audit key` prints it.
    const printed = harbor(['audit', 'key'], { HARBOR_DATA_KEY: oldKey });
    expect(printed.status, printed.stderr).toBe(0);
    const auditKey = printed.stdout.trim();
    expect(auditKey).toMatch(/^base64:[A-Za-z0-9+/]{43}=$/);
    const keys = { HARBOR_DATA_KEY: newKey, HARBOR_DATA_KEY_PREVIOUS: oldKey, HARBOR_AUDIT_KEY: auditKey };
    const child = spawn(process.execPath, [bin, 'keys', 'rotate', '--batch-size', '1'], { env: envWith(keys), stdio: ['ignore', 'pipe', 'pipe'] });
    let err = '';
    const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
    // Killed as soon as the progress bar shows values re-sealed (each batch is committed before it is shown).
    await new Promise<void>((resolve, reject) => {
      child.stderr.on('data', (d: Buffer) => {
        err += d.toString();
        const m = /(\d+)\/(\d+)$/.exec(err.trimEnd().split(/[\r\n]/).pop() ?? '');
        if (m && Number(m[1]) > 0) {
          child.kill('SIGKILL');
          resolve();
        }
      });
      child.once('exit', () => reject(new Error(`rotate exited before it was killed: ${err}`)));
    });
    expect(await exited).toBe('SIGKILL');
    expect(err).toMatch(/Re-sealing \[#*-*\]/);

    // Halfway: the database names both keys; some values are under each.
    const [state] = await withDb((db) => db.select().from(dataKeyCheck));
    expect(state).toMatchObject({ checkValue: keyCheckValue(newKey), previousCheckValue: keyCheckValue(oldKey) });
    expect(state!.rotationDone).toBeGreaterThan(0);
    expect(state!.rotationDone).toBeLessThan(state!.rotationTotal);
    await withDb(async (db) => {
      expect(await openAll(db, createVault(newKey, oldKey))).toBe(sealedCount);
      await expect(openAll(db, createVault(newKey))).rejects.toThrow(/sealed with another key/);
    });

    // A start with the old key alone, or the new one alone, is refused until the rotation is done.
    const oldOnly = harbor(['migrate'], { HARBOR_DATA_KEY: oldKey });
    expect(oldOnly.status).toBe(4);
    expect(oldOnly.stderr).toMatch(/rotation to a new key is under way and not finished: set HARBOR_DATA_KEY to the new key and HARBOR_DATA_KEY_PREVIOUS/);
    const newOnly = harbor(['migrate'], { HARBOR_DATA_KEY: newKey });
    expect(newOnly.status).toBe(4);
    expect(newOnly.stderr).toMatch(/set HARBOR_DATA_KEY_PREVIOUS to the old key as well/);
    // With both, Harbor works meanwhile.
    const both = harbor(['migrate'], { HARBOR_DATA_KEY: newKey, HARBOR_DATA_KEY_PREVIOUS: oldKey });
    expect(both.status, both.stderr).toBe(0);

    const resumed = harbor(['keys', 'rotate', '--batch-size', '50'], keys);
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stdout).toMatch(/Data key rotated: \d+ sealed values now under the new key \(resumed\)/);

    await withDb(async (db) => {
      // Every record readable with the new key alone; the database names only the new key.
      expect(await openAll(db, createVault(newKey))).toBe(sealedCount);
      const [done] = await db.select().from(dataKeyCheck);
      expect(done).toMatchObject({ checkValue: keyCheckValue(newKey), previousCheckValue: null });
      // The blind indexes were recomputed with the new key (the repeat-victim search finds the same people).
      const persons = await db.select({ id: people.id, identity: people.identity, town: people.townName }).from(people).limit(20);
      const vault = createVault(newKey);
      for (const p of persons) {
        const stored = await db.select({ kind: personMatchKeys.kind, hash: personMatchKeys.hash }).from(personMatchKeys).where(eq(personMatchKeys.personId, p.id));
        const expected = matchKeyRows(vault, p.id, openIdentity(vault, p.id, p.identity), p.town).map((k) => ({ kind: k.kind, hash: k.hash }));
        expect(stored).toEqual(expect.arrayContaining(expected));
        expect(stored).toHaveLength(expected.length);
      }
    });

    // Harbor starts with the new key alone; the old one is refused; the audit chain still verifies.
    expect(harbor(['migrate'], { HARBOR_DATA_KEY: newKey }).status).toBe(0);
    expect(harbor(['migrate'], { HARBOR_DATA_KEY: oldKey }).stderr).toMatch(/Wrong data key/);
    const verify = harbor(['audit', 'verify'], { HARBOR_DATA_KEY: newKey, HARBOR_AUDIT_KEY: auditKey });
    expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    // Run again: nothing to do.
    const again = harbor(['keys', 'rotate'], keys);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already sealed with HARBOR_DATA_KEY/);
  });
});
