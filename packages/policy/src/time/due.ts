import { isBusinessDay, type HolidayCalendar } from './calendar.js';
import {
  addLocalDays,
  daysInMonth,
  defaultTimeZone,
  endOfLocalDay,
  instantFromLocal,
  localParts,
  type LocalDate,
} from './zone.js';

/**
 * How long a duty may take, counted from the instant it arises. The rules:
 * - `immediately`: due at the instant it arises.
 * - `elapsed_hours`: exactly `hours` x 3,600 s later, whatever the clocks do (HL-1's 72 hours).
 * - `calendar_days`: the same local wall-clock time `days` local days later (10:00 stays 10:00
 *   across a daylight-saving change). A wall time that the change skips or repeats on the due
 *   day is resolved as `instantFromLocal` documents (gap: moved forward by the gap; overlap:
 *   the earlier instant). 0 days is the start itself.
 * - `business_days`: the same local wall-clock time on the `days`th business day after the local
 *   date of the start (the start's own day never counts, whether or not it is a business day;
 *   Saturdays, Sundays and the calendar's holidays are skipped). Saturday 10:00 + 1 business day
 *   is Monday 10:00. 0 days is the start itself.
 * - `monthly`: the end (last millisecond, local) of the next day numbered `dayOfMonth` strictly
 *   after the start's local date; in a month without that day (31 in April), its last day.
 */
export type DueRule =
  | { readonly kind: 'immediately' }
  | { readonly kind: 'elapsed_hours'; readonly hours: number }
  | { readonly kind: 'calendar_days'; readonly days: number }
  | { readonly kind: 'business_days'; readonly days: number }
  | { readonly kind: 'monthly'; readonly dayOfMonth: number };

const hourMs = 3_600_000;

function wholeCount(value: number, what: string, min = 0, max = Number.MAX_SAFE_INTEGER): number {
  if (!Number.isInteger(value) || value < min || value > max) throw new RangeError(`${what} must be a whole number from ${min} to ${max}`);
  return value;
}

/** The instant by which a duty arising at `start` under `rule` is due. Pure: reads no clock. */
export function dueAfter(start: Date, rule: DueRule, calendar: HolidayCalendar, timeZone: string = defaultTimeZone): Date {
  const t = start.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid start instant');
  switch (rule.kind) {
    case 'immediately':
      return new Date(t);
    case 'elapsed_hours':
      if (!Number.isFinite(rule.hours) || rule.hours < 0) throw new RangeError('hours must be zero or more');
      return new Date(t + Math.round(rule.hours * hourMs));
    case 'calendar_days': {
      const days = wholeCount(rule.days, 'days', 0, 100_000);
      // 0 days is the start itself (rebuilding it would move the fall-back hour's second pass).
      if (days === 0) return new Date(t);
      const local = localParts(start, timeZone);
      return instantFromLocal({ ...local, ...addLocalDays(local, days) }, timeZone);
    }
    case 'business_days': {
      let left = wholeCount(rule.days, 'days', 0, 10_000);
      if (left === 0) return new Date(t);
      const local = localParts(start, timeZone);
      let date: LocalDate = local;
      while (left > 0) {
        date = addLocalDays(date, 1);
        if (isBusinessDay(date, calendar)) left--;
      }
      return instantFromLocal({ ...local, ...date }, timeZone);
    }
    case 'monthly': {
      const dayOfMonth = wholeCount(rule.dayOfMonth, 'dayOfMonth', 1, 31);
      const today = localParts(start, timeZone);
      // This month's such day if it is still ahead of today, else next month's.
      for (let step = 0; step < 2; step++) {
        const month0 = today.month - 1 + step;
        const year = today.year + Math.floor(month0 / 12);
        const month = (month0 % 12) + 1;
        const day = Math.min(dayOfMonth, daysInMonth(year, month));
        if (step === 1 || day > today.day) return endOfLocalDay({ year, month, day }, timeZone);
      }
      throw new Error('unreachable');
    }
  }
}
