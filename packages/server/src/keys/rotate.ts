import { eq, sql } from 'drizzle-orm';
import { systemActor } from '../access/index.js';
import { auditAlone } from '../audit/index.js';
import type { Config } from '../config.js';
import {
  assertKeyMatches,
  createVault,
  DataKeyError,
  envelopeSql,
  existingSealedColumns,
  readKeyCheck,
  sampleSealedValue,
  sealedColumns,
  tableSql,
  type SealedColumn,
  type Vault,
} from '../crypto/index.js';
import { queryRows, type Db, type Tx } from '../db/client.js';
import { dataKeyCheck } from '../db/schema.js';
import { openIdentity, writeMatchKeys } from '../people/index.js';

/**
 * `harbor keys rotate` (R2): re-seals every value sealed with the data key under a new key, and
 * recomputes the blind indexes, in batches. The operator gives the new key as HARBOR_DATA_KEY and
 * the old one as HARBOR_DATA_KEY_PREVIOUS; the database's check value becomes the new key's at
 * once, the old one's is kept as the previous until done, so a start in between needs both keys
 * (and opens either's values). Resumable: each value names the key that sealed it, so a rerun after
 * a crash picks up the values still under the old key; the count done is kept in the database.
 */

/**
 * The audit chain's key is derived from the data key unless HARBOR_AUDIT_KEY pins it; rotating the
 * data key would then change the key the existing chain was hashed with.
 */
export const auditKeyIsDerived = (config: Pick<Config, 'auditKey'>): boolean => !config.auditKey;

export interface RotateOptions {
  batchSize: number;
  /** Called after each batch commits: values re-sealed so far and in all. */
  progress?: (done: number, total: number) => void;
}

export type RotateResult =
  | { state: 'rotated'; done: number; total: number; resumed: boolean }
  | { state: 'already'; reason: string };

const prefixOf = (keyId: string) => `v1.${keyId}.`;

function oldValuesWhere(c: SealedColumn, oldKeyId: string) {
  const prefix = prefixOf(oldKeyId);
  return sql`left(${envelopeSql(c)}, ${prefix.length}) = ${prefix}`;
}

async function countOld(db: Db | Tx, columns: readonly SealedColumn[], oldKeyId: string): Promise<number> {
  let n = 0;
  for (const c of columns) {
    const [r] = await queryRows<{ n: number | string }>(db, sql`select count(*)::int as n from ${tableSql(c)} where ${oldValuesWhere(c, oldKeyId)}`);
    n += Number(r?.n ?? 0);
  }
  return n;
}

function setSql(c: SealedColumn, sealed: string) {
  const col = sql.raw(`"${c.column}"`);
  if (c.storage === 'text') return sql`${col} = ${sealed}`;
  if (c.storage === 'bytea') return sql`${col} = convert_to(${sealed}, 'UTF8')`;
  return sql`${col} = jsonb_set(${col}, array[${c.storage.jsonField}]::text[], to_jsonb(${sealed}::text))`;
}

/** One batch of one column: locked, re-sealed, written, counted; answers how many. */
async function rotateBatch(db: Db, vault: Vault, c: SealedColumn, oldKeyId: string, batchSize: number): Promise<number> {
  return db.transaction(async (tx) => {
    // Documents are immutable but for this: only their sealed bytes change (see migration 0013).
    if (c.table === 'documents') await tx.execute(sql`set local harbor.rekey = 'on'`);
    const town = c.table === 'people' ? sql`, town_name` : sql``;
    const rows = await queryRows<{ id: string; envelope: string; town_name?: string | null }>(
      tx,
      sql`select id::text as id, ${envelopeSql(c)} as envelope${town} from ${tableSql(c)} where ${oldValuesWhere(c, oldKeyId)} order by id limit ${batchSize} for update`,
    );
    for (const row of rows) {
      const at = { table: c.table, column: c.context, rowId: row.id };
      const sealed = vault.seal(vault.open(row.envelope, at), at);
      await tx.execute(sql`update ${tableSql(c)} set ${setSql(c, sealed)} where id = ${row.id}`);
      // A person's blind indexes are keyed by the data key too: recomputed with the new one.
      if (c.table === 'people') await writeMatchKeys(tx, vault, row.id, openIdentity(vault, row.id, sealed), row.town_name ?? null);
    }
    if (rows.length > 0) await tx.update(dataKeyCheck).set({ rotationDone: sql`${dataKeyCheck.rotationDone} + ${rows.length}`, updatedAt: new Date() }).where(eq(dataKeyCheck.id, 1));
    return rows.length;
  });
}

export async function rotateDataKey(db: Db, config: Pick<Config, 'dataKey' | 'dataKeyPrevious' | 'auditKey'>, options: RotateOptions): Promise<RotateResult> {
  if (auditKeyIsDerived(config)) {
    throw new DataKeyError(
      'Refused: the audit chain is keyed with a key derived from the data key (HARBOR_AUDIT_KEY is unset), so rotating the data key would stop `harbor audit verify` from verifying the existing chain. ' +
        'First pin the audit key: `harbor audit key` prints the key in use (derived from the current data key) as HARBOR_AUDIT_KEY takes it; set HARBOR_AUDIT_KEY to it on every instance, then rotate. Nothing was changed.',
    );
  }
  if (!config.dataKey || !config.dataKeyPrevious) {
    throw new DataKeyError(
      'Give both keys: HARBOR_DATA_KEY = the new key (32+ random characters) and HARBOR_DATA_KEY_PREVIOUS = the key the database is sealed with now (for a data folder without HARBOR_DATA_KEY, the contents of its data.key). Nothing was changed.',
    );
  }
  const vault = createVault(config.dataKey, config.dataKeyPrevious);
  const old = vault.previous!;
  if (old.checkValue === vault.checkValue) throw new DataKeyError('HARBOR_DATA_KEY and HARBOR_DATA_KEY_PREVIOUS are the same key: give a new key as HARBOR_DATA_KEY. Nothing was changed.');
  const columns = await existingSealedColumns(db, sealedColumns);

  let recorded = await readKeyCheck(db);
  if (!recorded) {
    // A database from before check values: record the key it is sealed with (the old one, or already the new one).
    const sample = await sampleSealedValue(db, sealedColumns);
    const opensWith = (secret: string) => {
      if (!sample) return false;
      try {
        createVault(secret).open(sample.envelope, { table: sample.column.table, column: sample.column.context, rowId: sample.id });
        return true;
      } catch {
        return false;
      }
    };
    const checkValue = opensWith(config.dataKeyPrevious) ? old.checkValue : !sample || opensWith(config.dataKey) ? vault.checkValue : null;
    if (!checkValue) throw new DataKeyError('Wrong data key: neither HARBOR_DATA_KEY_PREVIOUS nor HARBOR_DATA_KEY opens the records sealed in this database. Nothing was changed.');
    await db.insert(dataKeyCheck).values({ id: 1, checkValue }).onConflictDoNothing();
    recorded = (await readKeyCheck(db))!;
  }

  let resumed = false;
  if (recorded.previousCheckValue === null && recorded.checkValue === vault.checkValue) {
    return { state: 'already', reason: 'The database is already sealed with HARBOR_DATA_KEY: nothing to rotate.' };
  }
  if (recorded.previousCheckValue === null && recorded.checkValue === old.checkValue) {
    // Begin: from now on a start needs the new key (and the old one until done).
    const total = await countOld(db, columns, old.keyId);
    await db.transaction(async (tx) => {
      const [row] = await tx.select().from(dataKeyCheck).where(eq(dataKeyCheck.id, 1)).for('update');
      if (row?.checkValue !== old.checkValue || row.previousCheckValue !== null) throw new DataKeyError('Another rotation began at the same time; run `harbor keys rotate` again to resume it.');
      const now = new Date();
      await tx
        .update(dataKeyCheck)
        .set({ checkValue: vault.checkValue, previousCheckValue: old.checkValue, rotationDone: 0, rotationTotal: total, rotationStartedAt: now, updatedAt: now })
        .where(eq(dataKeyCheck.id, 1));
    });
    await auditAlone(db, systemActor('keys rotate'), { action: 'data_key.rotation_started', detail: { values: total } });
  } else {
    // Resume, or refuse naming what does not match.
    assertKeyMatches(recorded, vault, 'HARBOR_DATA_KEY');
    resumed = true;
  }

  const [state] = await db.select().from(dataKeyCheck).where(eq(dataKeyCheck.id, 1));
  let done = state?.rotationDone ?? 0;
  const total = Math.max(state?.rotationTotal ?? 0, done);
  options.progress?.(done, total);
  // Values an instance still running with only the old key sealed meanwhile are picked up by the
  // final count; the loop ends when no value names the old key.
  for (;;) {
    for (const c of columns) {
      for (;;) {
        const n = await rotateBatch(db, vault, c, old.keyId, options.batchSize);
        if (n === 0) break;
        done += n;
        options.progress?.(Math.min(done, total), total);
      }
    }
    const finished = await db.transaction(async (tx) => {
      await tx.select().from(dataKeyCheck).where(eq(dataKeyCheck.id, 1)).for('update');
      if ((await countOld(tx, columns, old.keyId)) > 0) return false;
      const now = new Date();
      await tx.update(dataKeyCheck).set({ previousCheckValue: null, rotatedAt: now, updatedAt: now }).where(eq(dataKeyCheck.id, 1));
      return true;
    });
    if (finished) break;
  }
  await auditAlone(db, systemActor('keys rotate'), { action: 'data_key.rotation_finished', detail: { values: done, resumed } });
  return { state: 'rotated', done, total, resumed };
}
