import { addLocalDays, daysInMonth, isoDate, weekdayOf, type LocalDate } from './zone.js';

/**
 * A holiday calendar is data: the dates on which the agency's offices are closed, besides
 * Saturdays and Sundays. Business-day deadlines skip them.
 */
export interface Holiday {
  /** `YYYY-MM-DD`, the day the offices are closed. */
  readonly date: string;
  readonly name: string;
  /** True when this is the weekday observed for a holiday that falls on a weekend. */
  readonly observed: boolean;
}

export interface HolidayCalendar {
  readonly name: string;
  /** The years the calendar covers; a business-day count that leaves them is refused. */
  readonly fromYear: number;
  readonly toYear: number;
  readonly holidays: readonly Holiday[];
}

/** A calendar with no holidays (weekends only), for any year. */
export const weekendsOnly: HolidayCalendar = { name: 'Weekends only', fromYear: -271820, toYear: 275759, holidays: [] };

const holidaySets = new WeakMap<HolidayCalendar, ReadonlySet<string>>();

export function isHoliday(date: LocalDate, calendar: HolidayCalendar): boolean {
  let set = holidaySets.get(calendar);
  if (!set) {
    set = new Set(calendar.holidays.map((h) => h.date));
    holidaySets.set(calendar, set);
  }
  return set.has(isoDate(date));
}

export function isWeekend(date: LocalDate): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** A day the offices are open: not a Saturday, Sunday or holiday of the calendar. */
export function isBusinessDay(date: LocalDate, calendar: HolidayCalendar): boolean {
  if (date.year < calendar.fromYear || date.year > calendar.toYear) {
    throw new RangeError(`The holiday calendar "${calendar.name}" does not cover ${date.year}`);
  }
  return !isWeekend(date) && !isHoliday(date, calendar);
}

/** The `n`th `weekday` (0 Sunday ... 6 Saturday) of a month; n = -1 for the last one. */
export function nthWeekday(year: number, month: number, weekday: number, n: number): LocalDate {
  if (n === -1) {
    const last = { year, month, day: daysInMonth(year, month) };
    return addLocalDays(last, -((weekdayOf(last) - weekday + 7) % 7));
  }
  const first = { year, month, day: 1 };
  return addLocalDays(first, ((weekday - weekdayOf(first) + 7) % 7) + 7 * (n - 1));
}

/** Western (Gregorian) Easter Sunday: the anonymous algorithm of Meeus/Jones/Butcher. */
export function easterSunday(year: number): LocalDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { year, month, day };
}
