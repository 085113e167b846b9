import { is } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import * as schema from '../db/schema.js';
import { notDataKeySealed, sealedColumns } from './sealed-columns.js';

const tables = Object.values(schema as Record<string, unknown>)
  .filter((v): v is PgTable => is(v, PgTable))
  .map((t) => getTableConfig(t));

describe('the sealed columns `harbor keys rotate` re-seals (R2)', () => {
  it('lists every *_sealed column of the schema (a column missing here would stay under the old key and be lost with it)', () => {
    const listed = new Set([...sealedColumns.map((c) => `${c.table}.${c.column}`), ...notDataKeySealed]);
    const sealedInSchema = tables.flatMap((t) => t.columns.filter((c) => c.name.endsWith('_sealed')).map((c) => `${t.name}.${c.name}`));
    expect(sealedInSchema.length).toBeGreaterThan(10);
    expect(sealedInSchema.filter((name) => !listed.has(name))).toEqual([]);
  });

  it('names only columns that exist, each table with an id', () => {
    for (const c of sealedColumns) {
      const t = tables.find((x) => x.name === c.table);
      expect(t, c.table).toBeDefined();
      expect(t!.columns.map((x) => x.name), c.table).toEqual(expect.arrayContaining([c.column, 'id']));
    }
  });
});
