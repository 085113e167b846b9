import type { SortDirection } from '@harbor/policy/api';
import { HttpError } from '../http/errors.js';

/**
 * Keyset page cursors (issue 11): the sort key of a page's last row and the direction it was read
 * in, as base64url JSON. Opaque to clients; a cursor that is not ours, or that belongs to the other
 * direction, is refused naming the `cursor` field (it would otherwise silently skip rows).
 */
export type CursorKey = readonly (string | number)[];

export function encodeCursor(dir: SortDirection, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ d: dir, k: key }), 'utf8').toString('base64url');
}

const refuse = (message: string) => new HttpError(400, 'validation', message, [{ field: 'cursor', message }]);

/**
 * The key a cursor carries, checked against the shape the list expects (`kinds`: one type per
 * part; `valid`: whatever else the query needs, so a forged cursor never reaches SQL as a bad cast).
 */
export function decodeCursor(cursor: string | undefined, dir: SortDirection, kinds: readonly ('string' | 'number')[], valid: (key: CursorKey) => boolean = () => true): CursorKey | null {
  if (cursor === undefined) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw refuse('Not a page cursor: use the nextCursor of the page before');
  }
  const p = parsed as { d?: unknown; k?: unknown };
  const key = p.k;
  if (typeof parsed !== 'object' || parsed === null || !Array.isArray(key) || key.length !== kinds.length || !kinds.every((k, i) => typeof key[i] === k) || !valid(key as CursorKey)) {
    throw refuse('Not a page cursor: use the nextCursor of the page before');
  }
  if (p.d !== dir) throw refuse('This page cursor belongs to the other sort direction: start again from the first page');
  return key as CursorKey;
}
