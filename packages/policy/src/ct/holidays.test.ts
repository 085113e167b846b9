import { describe, expect, it } from 'vitest';
import { easterSunday } from '../time/calendar.js';
import { isoDate } from '../time/zone.js';
import { ctHolidayCalendar } from './holidays.js';

const dates = (name: string) => ctHolidayCalendar.holidays.filter((h) => h.name.startsWith(name)).map((h) => h.date);

describe('Connecticut state holidays 2025-2028', () => {
  it('computes Easter and Good Friday', () => {
    expect([2025, 2026, 2027, 2028].map((y) => isoDate(easterSunday(y)))).toEqual(['2025-04-20', '2026-04-05', '2027-03-28', '2028-04-16']);
    expect(dates('Good Friday')).toEqual(['2025-04-18', '2026-04-03', '2027-03-26', '2028-04-14']);
  });

  it('places the weekday holidays by rule', () => {
    expect(dates('Martin Luther King')).toEqual(['2025-01-20', '2026-01-19', '2027-01-18', '2028-01-17']);
    expect(dates('Memorial Day')).toEqual(['2025-05-26', '2026-05-25', '2027-05-31', '2028-05-29']);
    expect(dates('Thanksgiving')).toEqual(['2025-11-27', '2026-11-26', '2027-11-25', '2028-11-23']);
    expect(dates('Columbus')).toEqual(['2025-10-13', '2026-10-12', '2027-10-11', '2028-10-09']);
  });

  it('observes a Saturday holiday on the Friday before and a Sunday one on the Monday after (Gen. Stat. 1-4)', () => {
    expect(dates('Independence Day')).toEqual(['2025-07-04', '2026-07-03', '2026-07-04', '2027-07-04', '2027-07-05', '2028-07-04']);
    expect(dates("New Year's Day")).toEqual(['2025-01-01', '2026-01-01', '2027-01-01', '2027-12-31', '2028-01-01']);
    expect(ctHolidayCalendar.holidays.filter((h) => h.observed)).toHaveLength(7);
    expect(ctHolidayCalendar.holidays.filter((h) => !h.observed)).toHaveLength(13 * 4);
  });
});
