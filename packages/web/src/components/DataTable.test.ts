import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { browserPage, type Column } from './DataTable';

interface Row {
  id: string;
  due: string | null;
  count: number;
}
const columns: Column<Row>[] = [
  { id: 'id', header: 'Id', cell: (r) => r.id },
  { id: 'due', header: 'Due', sort: { value: (r) => r.due }, cell: (r) => r.due },
  { id: 'count', header: 'Count', sort: { value: (r) => r.count }, cell: (r) => r.count },
];
const rows: Row[] = [
  { id: 'a', due: '2026-12-03', count: 10 },
  { id: 'b', due: null, count: 2 },
  { id: 'c', due: '2026-12-01', count: 2 },
  { id: 'd', due: '2026-12-02', count: 9 },
];

describe('DataTable, a list held in the browser (issue 11)', () => {
  it('keeps the list order without a sort, and sorts by a column both ways with rows lacking a value last', () => {
    expect(browserPage(rows, columns, null, 0, 50).rows.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd']);
    expect(browserPage(rows, columns, { key: 'due', dir: 'asc' }, 0, 50).rows.map((r) => r.id)).toEqual(['c', 'd', 'a', 'b']);
    expect(browserPage(rows, columns, { key: 'due', dir: 'desc' }, 0, 50).rows.map((r) => r.id)).toEqual(['a', 'd', 'c', 'b']);
    // Numbers compare as numbers (10 after 9), and equal values keep the list's order.
    expect(browserPage(rows, columns, { key: 'count', dir: 'asc' }, 0, 50).rows.map((r) => r.id)).toEqual(['b', 'c', 'd', 'a']);
  });

  it('pages: rows 3-4 on the second page of two, and a page past the end shows the last page', () => {
    const second = browserPage(rows, columns, null, 1, 2);
    expect(second).toMatchObject({ page: 1, first: 2, hasPrevious: true, hasNext: false, total: 4 });
    expect(second.rows.map((r) => r.id)).toEqual(['c', 'd']);
    expect(browserPage(rows, columns, null, 7, 2)).toMatchObject({ page: 1, first: 2 });
    expect(browserPage([], columns, null, 3, 2)).toMatchObject({ rows: [], page: 0, hasPrevious: false, hasNext: false });
  });

  it('shows every row exactly once across the pages, whatever the sort and the page size', () => {
    const row = fc.record({ due: fc.option(fc.constantFrom('2026-01-01', '2026-02-01', '2026-03-01'), { nil: null }), count: fc.integer({ min: 0, max: 5 }) });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), fc.integer({ min: 1, max: 7 }), fc.constantFrom(null, 'due', 'count'), fc.constantFrom('asc' as const, 'desc' as const), (raw, size, key, dir) => {
        const list = raw.map((r, i) => ({ ...r, id: String(i) }));
        const seen: string[] = [];
        for (let page = 0; ; page++) {
          const p = browserPage(list, columns, key ? { key, dir } : null, page, size);
          seen.push(...p.rows.map((r) => r.id));
          if (!p.hasNext) break;
        }
        expect(seen.length).toBe(list.length);
        expect(new Set(seen).size).toBe(list.length);
      }),
    );
  });
});
