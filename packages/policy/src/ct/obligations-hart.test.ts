import { describe, expect, it } from 'vitest';
import { obligationsFor } from '../obligations/engine.js';
import { ctHolidayCalendar } from './holidays.js';
import { hartMonthlyPeriod, hartObligationRules } from './obligations-hart.js';
import { ctObligationRules } from './obligations.js';

describe('HART duties', () => {
  it('[HL-5] each liaison owes the month’s HART data: raised when the next month begins, due at the end of the 10th', () => {
    const { period, startedAt } = hartMonthlyPeriod(new Date('2026-03-17T15:00:00Z'));
    expect(period).toBe('2026-02');
    expect(startedAt).toEqual(new Date('2026-03-01T05:00:00.000Z'));
    const got = obligationsFor({ kind: 'hart_month_started', at: startedAt, subjects: { user: 'liaison-1' }, assigneeId: 'liaison-1', officeId: 'office-hfd' }, ctObligationRules, ctHolidayCalendar);
    expect(got).toEqual([
      {
        clause: 'HL-5',
        ruleCode: 'enter_monthly_hart_data',
        subject: { type: 'user', id: 'liaison-1' },
        owner: { kind: 'person', personId: 'liaison-1' },
        dueAt: new Date('2026-03-11T03:59:59.999Z'), // the end of March 10, daylight time (from March 8)
        completes: 'monthly_data_entered',
      },
    ]);
  });

  it('[HL-5] January’s duty is for December of the year before; the first instant of the month is local', () => {
    expect(hartMonthlyPeriod(new Date('2026-01-01T04:59:00Z'))).toMatchObject({ period: '2025-11' }); // still Dec 31 in New York
    expect(hartMonthlyPeriod(new Date('2026-01-01T05:00:00Z'))).toEqual({ period: '2025-12', startedAt: new Date('2026-01-01T05:00:00.000Z') });
  });

  it('the HART rules are part of Connecticut’s rule set', () => {
    for (const r of hartObligationRules) expect(ctObligationRules).toContain(r);
  });
});
