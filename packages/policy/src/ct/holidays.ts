import { calendarByRule, easterSunday, nthWeekday, type Holiday, type HolidayCalendar } from '../time/calendar.js';
import { addLocalDays, isoDate, weekdayOf, type LocalDate } from '../time/zone.js';

/**
 * Connecticut state holidays (Gen. Stat. 1-4, and Good Friday, which the state also closes
 * for), computed by rule for every year. Business-day deadlines (HL-5) skip them.
 *
 * Observed dates, as 1-4 says: a holiday on a fixed date that falls on a Sunday is observed the
 * Monday after, and one that falls on a Saturday the Friday before (New Year's Day 2028 is a
 * Saturday, so Friday 31 December 2027 is a holiday). Holidays defined as a weekday (MLK Day,
 * Memorial Day, Thanksgiving, ...) never move. The weekend date itself is listed too, for the
 * record, though it is no business day anyway.
 */
type Rule = { readonly name: string } & ({ readonly fixed: readonly [month: number, day: number] } | { readonly on: (year: number) => LocalDate });

const monday = 1;
const thursday = 4;

const rules: readonly Rule[] = [
  { name: "New Year's Day", fixed: [1, 1] },
  { name: 'Martin Luther King Jr. Day', on: (y) => nthWeekday(y, 1, monday, 3) },
  { name: "Lincoln's Birthday", fixed: [2, 12] },
  { name: "Washington's Birthday", on: (y) => nthWeekday(y, 2, monday, 3) },
  { name: 'Good Friday', on: (y) => addLocalDays(easterSunday(y), -2) },
  { name: 'Memorial Day', on: (y) => nthWeekday(y, 5, monday, -1) },
  { name: 'Juneteenth', fixed: [6, 19] },
  { name: 'Independence Day', fixed: [7, 4] },
  { name: 'Labor Day', on: (y) => nthWeekday(y, 9, monday, 1) },
  { name: 'Columbus Day', on: (y) => nthWeekday(y, 10, monday, 2) },
  { name: "Veterans' Day", fixed: [11, 11] },
  { name: 'Thanksgiving Day', on: (y) => nthWeekday(y, 11, thursday, 4) },
  { name: 'Christmas Day', fixed: [12, 25] },
];

function holidaysOf(year: number): Holiday[] {
  const out: Holiday[] = [];
  for (const rule of rules) {
    if ('on' in rule) {
      out.push({ date: isoDate(rule.on(year)), name: rule.name, observed: false });
      continue;
    }
    const date = { year, month: rule.fixed[0], day: rule.fixed[1] };
    out.push({ date: isoDate(date), name: rule.name, observed: false });
    const w = weekdayOf(date);
    if (w === 0) out.push({ date: isoDate(addLocalDays(date, 1)), name: `${rule.name} (observed)`, observed: true });
    if (w === 6) out.push({ date: isoDate(addLocalDays(date, -1)), name: `${rule.name} (observed)`, observed: true });
  }
  return out;
}

export const ctHolidayCalendar: HolidayCalendar = calendarByRule('Connecticut state holidays', holidaysOf);
