import { describe, expect, it } from 'vitest';
import { leading } from './leading';

/** Issue 11: a home card counts the rows the server lists first from one page, honestly. */
describe('leading', () => {
  const overdue = (d: { overdue: boolean }) => d.overdue;
  const rows = (...flags: boolean[]) => flags.map((overdue) => ({ overdue }));

  it('counts the leading rows exactly when the page shows where they end', () => {
    expect(leading(rows(true, true, false, false), overdue, 'next')).toEqual({ count: 2, more: false });
    expect(leading(rows(false, true), overdue, 'next')).toEqual({ count: 0, more: false });
    expect(leading(rows(true, true), overdue, null)).toEqual({ count: 2, more: false });
    expect(leading([], overdue, null)).toEqual({ count: 0, more: false });
  });

  it('says "or more" when the whole page is theirs and the list goes on', () => {
    expect(leading(rows(true, true, true), overdue, 'next')).toEqual({ count: 3, more: true });
  });
});
