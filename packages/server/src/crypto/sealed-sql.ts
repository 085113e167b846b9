import { sql, type SQL } from 'drizzle-orm';
import { queryRows, type DbOrTx } from '../db/client.js';
import type { SealedColumn } from './sealed-columns.js';

/** SQL of a sealed column's envelope as text (registry names only, never input). */
export function envelopeSql(c: SealedColumn): SQL {
  const col = sql.raw(`"${c.column}"`);
  if (c.storage === 'text') return col;
  if (c.storage === 'bytea') return sql`convert_from(${col}, 'UTF8')`;
  return sql`(${col} ->> ${c.storage.jsonField})`;
}

export const tableSql = (c: SealedColumn): SQL => sql.raw(`"${c.table}"`);

/** The sealed columns that exist in this database (an older schema, before migrating, may lack some). */
export async function existingSealedColumns(db: DbOrTx, columns: readonly SealedColumn[]): Promise<SealedColumn[]> {
  const rows = await queryRows<{ t: string; c: string }>(
    db,
    sql`select table_name as t, column_name as c from information_schema.columns where table_schema = current_schema()`,
  );
  const have = new Set(rows.map((r) => `${r.t}.${r.c}`));
  return columns.filter((c) => have.has(`${c.table}.${c.column}`));
}

/** One sealed value of the database with its row, or null when nothing is sealed yet. */
export async function sampleSealedValue(db: DbOrTx, columns: readonly SealedColumn[]): Promise<{ column: SealedColumn; id: string; envelope: string } | null> {
  for (const c of await existingSealedColumns(db, columns)) {
    const env = envelopeSql(c);
    const [row] = await queryRows<{ id: string; envelope: string }>(db, sql`select id::text as id, ${env} as envelope from ${tableSql(c)} where ${env} is not null limit 1`);
    if (row) return { column: c, ...row };
  }
  return null;
}
