import { describe, expect, it } from 'vitest';
import { easterSunday } from '../time/calendar.js';
import { isoDate } from '../time/zone.js';
import { ctHolidayCalendar } from './holidays.js';

const years = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const holidays = (from = 2025, to = 2028) => years(from, to).flatMap((y) => ctHolidayCalendar.holidaysIn(y));
const dates = (name: string, from?: number, to?: number) => holidays(from, to).filter((h) => h.name.startsWith(name)).map((h) => h.date);

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
    expect(holidays().filter((h) => h.observed)).toHaveLength(7);
    expect(holidays().filter((h) => !h.observed)).toHaveLength(13 * 4);
  });
});

describe('Connecticut state holidays in any year (no end of the table)', () => {
  it('[HL-5] places Thanksgiving, Good Friday and the Monday holidays by rule in 2029-2060', () => {
    expect(dates('Thanksgiving', 2030, 2030)).toEqual(['2030-11-28']);
    expect(dates('Good Friday', 2040, 2040)).toEqual(['2040-03-30']); // Easter is 1 April 2040
    expect(dates('Good Friday', 2057, 2057)).toEqual(['2057-04-20']);
    expect(dates('Memorial Day', 2060, 2060)).toEqual(['2060-05-31']);
    expect(dates('Martin Luther King', 2029, 2029)).toEqual(['2029-01-15']);
  });

  it('[HL-5] observes Christmas on a weekend: Saturday 2032 on Friday 24th, Sunday 2033 on Monday 26th', () => {
    expect(dates('Christmas', 2032, 2033)).toEqual(['2032-12-24', '2032-12-25', '2033-12-25', '2033-12-26']);
    expect(ctHolidayCalendar.holidaysIn(2032).find((h) => h.date === '2032-12-24')).toMatchObject({ name: 'Christmas Day (observed)', observed: true });
  });

  it("[HL-5] a New Year's Day on a Saturday is observed on 31 December of the year before (2033 -> 2032-12-31)", () => {
    expect(ctHolidayCalendar.holidaysIn(2032).map((h) => h.date)).toContain('2032-12-31');
    expect(ctHolidayCalendar.holidaysIn(2033).map((h) => h.date)).not.toContain('2032-12-31');
  });

  it('[HL-5] every year from 2029 to 2060 has its 13 holidays, each observed day a weekday next to its weekend date', () => {
    for (const year of years(2029, 2060)) {
      const all = ctHolidayCalendar.holidaysIn(year);
      const proper = all.filter((h) => !h.observed);
      expect(proper.map((h) => h.date.slice(0, 4)).every((y) => y === String(year)), String(year)).toBe(true);
      expect(new Set(proper.map((h) => h.name)).size, String(year)).toBe(13);
      for (const h of all.filter((x) => x.observed)) {
        const day = new Date(`${h.date}T12:00:00Z`).getUTCDay();
        expect([1, 5], h.date).toContain(day);
      }
    }
  });
});
