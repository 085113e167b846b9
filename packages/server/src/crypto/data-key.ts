import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { Config } from '../config.js';
import { queryRows, type DbOrTx } from '../db/client.js';
import { dataKeyCheck } from '../db/schema.js';
import { sealedColumns } from './sealed-columns.js';
import { sampleSealedValue } from './sealed-sql.js';
import { createVault, keyCheckValue, SealError, type Vault } from './vault.js';

/**
 * Where the data key comes from: HARBOR_DATA_KEY when set (production requires it, see
 * config.ts requireProductionKeys); otherwise, in development and test, a random key Harbor makes
 * once and keeps in `data.key` (mode 0600) in the data folder, beside the embedded database, so
 * `npm start` works on a fresh machine. Never in the database: the database keeps only the key's
 * check value (R2), compared on every start.
 */
export const dataKeyFile = 'data.key';

/** A start refused because of the data key: the message names the problem and the fix. */
export class DataKeyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DataKeyError';
  }
}

type KeyConfig = Pick<Config, 'dataKey' | 'dataKeyPrevious' | 'dataDir'>;

/** The key file's key, or null when there is no file. Never creates one. */
function readKeyFile(dataDir: string): string | null {
  const file = path.join(dataDir, dataKeyFile);
  if (!existsSync(file)) return null;
  // A key file others can read is tightened, not trusted as it is.
  if ((statSync(file).mode & 0o077) !== 0) chmodSync(file, 0o600);
  const key = readFileSync(file, 'utf8').trim();
  if (key.length < 32) throw new DataKeyError(`${file} does not hold a data key; restore it from your backup (without it the sealed records cannot be read)`);
  return key;
}

/** Writes a new key file (or reads the one another process wrote first). */
function makeKeyFile(dataDir: string): string {
  const file = path.join(dataDir, dataKeyFile);
  mkdirSync(dataDir, { recursive: true });
  try {
    writeFileSync(file, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  return readKeyFile(dataDir)!;
}

/**
 * The vault of the configured key, without a check against a database (unit tests, tools that
 * have no database). Makes the key file when there is none.
 */
export function loadVault(config: Pick<Config, 'dataKey' | 'dataDir'> & { dataKeyPrevious?: string | null }): Vault {
  return createVault(config.dataKey ?? readKeyFile(config.dataDir) ?? makeKeyFile(config.dataDir), config.dataKeyPrevious ?? null);
}

export interface KeyCheckRow {
  checkValue: string;
  previousCheckValue: string | null;
}

/** The recorded check value, or null (also before the first migration made its table). */
export async function readKeyCheck(db: DbOrTx): Promise<KeyCheckRow | null> {
  const [exists] = await queryRows<{ t: string | null }>(db, sql`select to_regclass('data_key_check')::text as t`);
  if (!exists?.t) return null;
  const [row] = await db.select({ checkValue: dataKeyCheck.checkValue, previousCheckValue: dataKeyCheck.previousCheckValue }).from(dataKeyCheck).limit(1);
  return row ?? null;
}

/** What the start path found: the key to use and what it must still write once migrated. */
export interface DataKeyPlan {
  readonly secret: string | null;
  readonly previous: string | null;
  /** Where the key came from, for messages. */
  readonly source: string;
  /** No key anywhere and nothing sealed yet: make the key file (development and test only). */
  readonly makeFile: boolean;
  /** No check value yet: record this key's (once migrations have made the table). */
  readonly record: boolean;
}

const fixWrongKey = (source: string) =>
  `Set HARBOR_DATA_KEY to the key this database was sealed with, or restore the ${dataKeyFile} that was backed up with this data folder, and start again. Nothing was changed (${source} was not used).`;

/**
 * R2, before anything is written: is the configured data key this database's? Reads only.
 * Refuses (DataKeyError) when the key's check value differs from the recorded one; when there is
 * no check value yet but sealed values that the key does not open (a database from before check
 * values); when there is no key at all but the database holds sealed records (a restored database
 * or a copied folder without its data.key: a new key could never open them).
 */
export async function checkDataKey(db: DbOrTx, config: KeyConfig): Promise<DataKeyPlan> {
  const fileKey = config.dataKey ? null : readKeyFile(config.dataDir);
  const secret = config.dataKey ?? fileKey;
  const source = config.dataKey ? 'HARBOR_DATA_KEY' : path.join(config.dataDir, dataKeyFile);
  const recorded = await readKeyCheck(db);
  const sample = recorded ? null : await sampleSealedValue(db, sealedColumns);

  if (secret === null) {
    if (recorded || sample) {
      throw new DataKeyError(
        `No data key: HARBOR_DATA_KEY is unset and ${source} does not exist, but this database already holds sealed records. ` +
          `Restore ${dataKeyFile} from the backup of this data folder, or set HARBOR_DATA_KEY to the key it was sealed with. ` +
          'Harbor does not make a new key: it could never open those records. Nothing was changed.',
      );
    }
    return { secret: null, previous: null, source, makeFile: true, record: true };
  }

  const vault = createVault(secret, config.dataKeyPrevious);
  if (recorded) {
    assertKeyMatches(recorded, vault, source);
    return { secret, previous: config.dataKeyPrevious, source, makeFile: false, record: false };
  }
  if (sample) {
    try {
      // The current key alone: a database from before check values is recorded only for the key it is sealed with.
      createVault(secret).open(sample.envelope, { table: sample.column.table, column: sample.column.context, rowId: sample.id });
    } catch (err) {
      if (!(err instanceof SealError)) throw err;
      throw new DataKeyError(
        `Wrong data key: the key from ${source} does not open the records already sealed in this database (a ${sample.column.table} record did not open). ${fixWrongKey(source)}`,
      );
    }
  }
  return { secret, previous: config.dataKeyPrevious, source, makeFile: false, record: true };
}

/** The recorded check value against the configured key(s), rotation included. */
export function assertKeyMatches(recorded: KeyCheckRow, vault: Vault, source: string): void {
  const current = vault.checkValue;
  const previous = vault.previous?.checkValue ?? null;
  if (recorded.previousCheckValue === null) {
    if (recorded.checkValue === current) return;
    if (previous === recorded.checkValue) {
      throw new DataKeyError(
        'A new data key is configured (HARBOR_DATA_KEY) with this database\'s key as HARBOR_DATA_KEY_PREVIOUS, but no rotation has been run: run `npx harbor keys rotate` first, then start Harbor with the same two settings until it finishes. Nothing was changed.',
      );
    }
    throw new DataKeyError(`Wrong data key: the key from ${source} is not this database's (its key check value differs). ${fixWrongKey(source)}`);
  }
  // A rotation is under way: the new key seals, the old one still opens what is not re-sealed yet.
  if (recorded.checkValue === current && recorded.previousCheckValue === previous) return;
  if (recorded.checkValue === current) {
    throw new DataKeyError(
      'A data key rotation is under way and not finished: set HARBOR_DATA_KEY_PREVIOUS to the old key as well (records not yet re-sealed need it), and run `npx harbor keys rotate` to finish. Nothing was changed.',
    );
  }
  if (recorded.previousCheckValue === current) {
    throw new DataKeyError(
      'A data key rotation to a new key is under way and not finished: set HARBOR_DATA_KEY to the new key and HARBOR_DATA_KEY_PREVIOUS to this (old) one, and run `npx harbor keys rotate` to finish. Nothing was changed.',
    );
  }
  throw new DataKeyError(`Wrong data key: the key from ${source} is neither this database's key nor the one it is being rotated to (their key check values differ). ${fixWrongKey(source)}`);
}

/**
 * After migrating: makes the key file and records the check value when the plan says so (several
 * instances starting together agree on one row: the first insert wins and the others are checked
 * against it), and answers the vault.
 */
export async function applyDataKey(db: DbOrTx, config: KeyConfig, plan: DataKeyPlan): Promise<Vault> {
  const secret = plan.secret ?? makeKeyFile(config.dataDir);
  const vault = createVault(secret, plan.previous);
  if (plan.record) {
    await db.insert(dataKeyCheck).values({ id: 1, checkValue: keyCheckValue(secret) }).onConflictDoNothing();
    const recorded = await readKeyCheck(db);
    if (!recorded) throw new Error('data key check value missing after insert');
    assertKeyMatches(recorded, vault, plan.source);
  }
  return vault;
}
