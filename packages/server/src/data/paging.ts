import type { Page, SortDirection } from '@harbor/policy/api';
import { is, sql, type SQL } from 'drizzle-orm';
import { PgColumn, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { badRequest } from '../http/errors.js';

/**
 * Keyset paging (issue 11). A list orders by one or more sort keys ending in a unique one (the
 * row's id), and a page's cursor holds the last row's key values: the next page is the rows
 * strictly after them in that order. Every row is returned exactly once across the pages, in a
 * stable order, however many rows are added or changed meanwhile (a row whose key changes moves,
 * like a card re-filed), and each page costs an index range scan, not an OFFSET over the history.
 *
 * Sort key expressions must not be null (wrap a nullable column in `coalesce`).
 */
export type KeyValue = string | number | Date;
export interface SortKey<R> {
  /** The column or expression ordered by. */
  readonly expr: AnyPgColumn | SQL;
  readonly dir: SortDirection;
  /** How the value travels in the cursor. */
  readonly type: 'text' | 'number' | 'date';
  /** The key's value in a row of the page. */
  readonly of: (row: R) => KeyValue;
}

export const sortKey = <R>(expr: AnyPgColumn | SQL, dir: SortDirection, type: SortKey<R>['type'], of: (row: R) => KeyValue): SortKey<R> => ({ expr, dir, type, of });

/** The ORDER BY of the keys. */
export function orderOf<R>(keys: readonly SortKey<R>[]): SQL[] {
  return keys.map((k) => (k.dir === 'asc' ? sql`${k.expr} asc` : sql`${k.expr} desc`));
}

const wire = (type: SortKey<unknown>['type'], v: KeyValue): string | number => (type === 'date' ? (v instanceof Date ? v.toISOString() : new Date(v).toISOString()) : type === 'number' ? Number(v) : String(v));

/** What a key orders by, in a cursor: the column's name, or `expr` for an expression. */
const keyName = (expr: SortKey<unknown>['expr']) => (is(expr, PgColumn) ? expr.name : 'expr');
/**
 * The order a cursor was read in (each key's column, direction and type): a cursor is refused in
 * another, such as the same list sorted by another date.
 */
const orderSignature = (keys: readonly Pick<SortKey<unknown>, 'expr' | 'dir' | 'type'>[]) => keys.map((k) => `${keyName(k.expr)}:${k.dir}:${k.type}`).join(',');

/** A cursor: the order it belongs to, then the last row's key values (base64url JSON, opaque to clients). */
export function encodeCursor<R>(keys: readonly SortKey<R>[], row: R): string {
  return Buffer.from(JSON.stringify([orderSignature(keys), ...keys.map((k) => wire(k.type, k.of(row)))]), 'utf8').toString('base64url');
}

const refused = () => badRequest('cursor', 'Not a page cursor of this list: use the nextCursor of the page before, or leave it out for the first page.');
const uuidText = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** A key on a uuid column takes only a uuid: a forged cursor never reaches SQL as a bad cast. */
const isUuidColumn = (expr: SortKey<unknown>['expr']) => is(expr, PgColumn) && expr.columnType === 'PgUUID';

/** The key values a cursor holds, checked against the list's keys (a cursor of another list or sort is refused, naming the field). */
export function decodeCursor<R>(keys: readonly SortKey<R>[], cursor: string): KeyValue[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refused();
  }
  if (!Array.isArray(parsed) || parsed.length !== keys.length + 1) throw refused();
  // Read in another order (the other direction, another sort), the cursor would silently skip rows.
  if (parsed[0] !== orderSignature(keys)) throw badRequest('cursor', 'This page cursor belongs to another order of this list: start again from the first page.');
  const values = parsed.slice(1);
  return keys.map((k, i) => {
    const v: unknown = values[i];
    if (k.type === 'number') {
      if (typeof v !== 'number' || !Number.isFinite(v)) throw refused();
      return v;
    }
    if (typeof v !== 'string' || v.length > 200) throw refused();
    if (isUuidColumn(k.expr) && !uuidText.test(v)) throw refused();
    if (k.type === 'date') {
      const d = new Date(v);
      if (Number.isNaN(d.getTime())) throw refused();
      return d;
    }
    return v;
  });
}

/**
 * The condition "after the cursor" in the keys' order: (k1 after v1) or (k1 = v1 and k2 after v2)
 * ..., which PostgreSQL answers from an index on the keys. Undefined without a cursor.
 */
export function afterCursor<R>(keys: readonly SortKey<R>[], cursor: string | undefined | null): SQL | undefined {
  if (!cursor) return undefined;
  const values = decodeCursor(keys, cursor);
  const typed = (k: SortKey<R>, v: KeyValue) => (k.type === 'date' ? sql`${(v as Date).toISOString()}::timestamptz` : sql`${v}`);
  const allSame = keys.every((k) => k.dir === keys[0]!.dir);
  if (allSame) {
    // A row comparison: one range condition on a composite index.
    const cols = sql.join(keys.map((k) => sql`${k.expr}`), sql`, `);
    const vals = sql.join(keys.map((k, i) => typed(k, values[i]!)), sql`, `);
    return keys[0]!.dir === 'asc' ? sql`(${cols}) > (${vals})` : sql`(${cols}) < (${vals})`;
  }
  const ors: SQL[] = keys.map((k, i) => {
    const eqs = keys.slice(0, i).map((p, j) => sql`${p.expr} = ${typed(p, values[j]!)}`);
    const cmp = k.dir === 'asc' ? sql`${k.expr} > ${typed(k, values[i]!)}` : sql`${k.expr} < ${typed(k, values[i]!)}`;
    return sql.join([...eqs, cmp], sql` and `);
  });
  return sql`((${sql.join(ors, sql`) or (`)}))`;
}

/**
 * One page from rows fetched with `limit + 1`: the extra row only says there is a next page, and
 * the cursor is the last shown row's keys.
 */
export function pageFrom<R, V = R>(rows: readonly R[], limit: number, keys: readonly SortKey<R>[], view?: (row: R) => V): Page<V> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((r) => (view ? view(r) : (r as unknown as V))),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(keys, last) : null,
  };
}
