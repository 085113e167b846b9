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
  /**
   * The holidays whose date falls in `year` (observed days included), in date order. Computed
   * by rule for every year, so a deadline never runs off the end of a table.
   */
  holidaysIn(year: number): readonly Holiday[];
}

/** A calendar with no holidays (weekends only), for every year. */
export const weekendsOnly: HolidayCalendar = { name: 'Weekends only', holidaysIn: () => [] };

/**
 * A calendar from a rule that gives a year's holidays. A holiday's observed day may fall in the
 * year before (New Year's Day on a Saturday is observed on 31 December), so a year's list takes
 * the neighbouring years' holidays that land in it. Each year is computed once.
 */
export function calendarByRule(name: string, holidaysOfYear: (year: number) => readonly Holiday[]): HolidayCalendar {
  const years = new Map<number, readonly Holiday[]>();
  return {
    name,
    holidaysIn(year: number): readonly Holiday[] {
      if (!Number.isInteger(year)) throw new RangeError(`Not a year: ${year}`);
      let list = years.get(year);
      if (!list) {
        const prefix = `${String(year).padStart(4, '0')}-`;
        list = [year - 1, year, year + 1]
          .flatMap((y) => holidaysOfYear(y))
          .filter((h) => h.date.startsWith(prefix))
          .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
        years.set(year, list);
      }
      return list;
    },
  };
}

const holidaySets = new WeakMap<HolidayCalendar, Map<number, ReadonlySet<string>>>();

export function isHoliday(date: LocalDate, calendar: HolidayCalendar): boolean {
  let byYear = holidaySets.get(calendar);
  if (!byYear) {
    byYear = new Map();
    holidaySets.set(calendar, byYear);
  }
  let set = byYear.get(date.year);
  if (!set) {
    set = new Set(calendar.holidaysIn(date.year).map((h) => h.date));
    byYear.set(date.year, set);
  }
  return set.has(isoDate(date));
}

export function isWeekend(date: LocalDate): boolean {
  const w = weekdayOf(date);
  return w === 0 || w === 6;
}

/** A day the offices are open: not a Saturday, Sunday or holiday of the calendar. */
export function isBusinessDay(date: LocalDate, calendar: HolidayCalendar): boolean {
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
