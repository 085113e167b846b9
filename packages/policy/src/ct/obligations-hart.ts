import type { ObligationRule } from '../obligations/engine.js';
import { localDateOf, startOfLocalDay, defaultTimeZone } from '../time/zone.js';

/**
 * HART duties beyond the consult itself (HL-1 and HL-5's consult entry are with the Careline's
 * first rules in `obligations.ts`).
 *
 * HL-5 "the required data every month": each HART liaison owes the month's HART data. The duty
 * for a month is raised when the next month begins (the event `hart_month_started`, at the first
 * local instant of the month; subjects.user and assigneeId: the liaison; officeId: the liaison's
 * office; the server stores it with `period` = the month whose data it is, YYYY-MM), and is due
 * at the end of the 10th. The 10th is ours: the policy names no day.
 */
export const hartMonthlyDataDay = 10;

export const hartObligationRules: readonly ObligationRule[] = [
  {
    code: 'enter_monthly_hart_data',
    clause: 'HL-5',
    on: 'hart_month_started',
    subject: 'user',
    owner: { person: 'assignee', otherwise: { role: 'hart_liaison', office: 'subject' } },
    due: { kind: 'monthly', dayOfMonth: hartMonthlyDataDay },
    completes: 'monthly_data_entered',
  },
];

/**
 * HL-5: the monthly data duty that `now` calls for: the month before `now`'s local month
 * (`period`, YYYY-MM), raised at the first local instant of `now`'s month (`startedAt`).
 */
export function hartMonthlyPeriod(now: Date, timeZone: string = defaultTimeZone): { period: string; startedAt: Date } {
  const today = localDateOf(now, timeZone);
  const startedAt = startOfLocalDay({ year: today.year, month: today.month, day: 1 }, timeZone);
  const prevYear = today.month === 1 ? today.year - 1 : today.year;
  const prevMonth = today.month === 1 ? 12 : today.month - 1;
  return { period: `${prevYear}-${String(prevMonth).padStart(2, '0')}`, startedAt };
}
