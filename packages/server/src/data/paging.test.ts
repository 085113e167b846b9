import { describe, expect, it } from 'vitest';
import { outboxMessages } from '../db/schema.js';
import { HttpError } from '../http/errors.js';
import { afterCursor, decodeCursor, encodeCursor, sortKey } from './paging.js';

/** Keyset cursors (issue 11): what a page hands back is taken only in the order it was made for. */
type Row = { createdAt: Date; id: string };
const keysOf = (dir: 'asc' | 'desc') => [sortKey<Row>(outboxMessages.createdAt, dir, 'date', (r) => r.createdAt), sortKey<Row>(outboxMessages.id, dir, 'text', (r) => r.id)];
const row: Row = { createdAt: new Date('2026-03-05T14:07:00.123Z'), id: '0b7f6a3e-2c1d-4e5f-8a9b-0c1d2e3f4a5b' };
const refusal = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return e instanceof HttpError ? { status: e.statusCode, fields: e.fields?.map((x) => x.field), message: e.message } : e;
  }
  return null;
};

describe('page cursors', () => {
  it('carry the last row’s keys back to the same order', () => {
    expect(decodeCursor(keysOf('desc'), encodeCursor(keysOf('desc'), row))).toEqual([row.createdAt, row.id]);
  });

  it('are refused, naming the cursor, in the other direction (they would skip rows silently)', () => {
    const cursor = encodeCursor(keysOf('desc'), row);
    expect(refusal(() => afterCursor(keysOf('asc'), cursor))).toMatchObject({ status: 400, fields: ['cursor'], message: expect.stringMatching(/another order/) });
  });

  it('are refused in the same direction by another date (a list sorted by when changed, then by when created)', () => {
    const byUpdate = [sortKey<Row>(outboxMessages.updatedAt, 'desc', 'date', (r) => r.createdAt), sortKey<Row>(outboxMessages.id, 'desc', 'text', (r) => r.id)];
    const cursor = encodeCursor(byUpdate, row);
    expect(refusal(() => afterCursor(keysOf('desc'), cursor))).toMatchObject({ status: 400, fields: ['cursor'], message: expect.stringMatching(/another order/) });
    expect(decodeCursor(byUpdate, cursor)).toEqual([row.createdAt, row.id]);
  });

  it('are refused when forged: not ours, or a value a uuid key cannot take (never a bad cast in SQL)', () => {
    const forge = (v: unknown) => Buffer.from(JSON.stringify(v), 'utf8').toString('base64url');
    const order = 'created_at:desc:date,id:desc:text';
    expect(decodeCursor(keysOf('desc'), forge([order, '2026-01-01T00:00:00.000Z', row.id]))).toEqual([new Date('2026-01-01T00:00:00Z'), row.id]);
    for (const cursor of ['not a cursor', forge({ d: 'desc', k: ['2026-01-01', row.id] }), forge([order, '2026-01-01T00:00:00Z', "x'; drop table outbox_messages"]), forge([order, 'not a time', row.id])]) {
      expect(refusal(() => afterCursor(keysOf('desc'), cursor))).toMatchObject({ status: 400, fields: ['cursor'] });
    }
  });
});
