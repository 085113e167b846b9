import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ctHolidayCalendar } from '../ct/holidays.js';
import { isBusinessDay, isHoliday, weekendsOnly } from './calendar.js';
import { dueAfter } from './due.js';
import { addLocalDays, compareLocalDates, localDateOf, localParts, weekdayOf, type LocalDate } from './zone.js';

const ny = 'America/New_York';
const cal = ctHolidayCalendar;
const hour = 3_600_000;
const iso = (d: Date) => d.toISOString();

// Instants from 2025 to late 2028, with extra weight on the days around the daylight-saving
// changes, weekends and holidays (every date in range is generated; the bias is in `nearChange`).
const changes = ['2025-03-09T07:00:00Z', '2025-11-02T06:00:00Z', '2026-03-08T07:00:00Z', '2026-11-01T06:00:00Z', '2027-03-14T07:00:00Z', '2027-11-07T06:00:00Z', '2028-03-12T07:00:00Z', '2028-11-05T06:00:00Z'].map((s) => Date.parse(s));
const anyInstant = fc.date({ min: new Date('2025-01-01T05:00:00Z'), max: new Date('2028-11-30T00:00:00Z'), noInvalidDate: true });
const nearChange = fc
  .tuple(fc.constantFrom(...changes), fc.integer({ min: -4 * 24 * hour, max: 4 * 24 * hour }))
  .map(([c, off]) => new Date(c + off));
const instant = fc.oneof(anyInstant, nearChange);

function businessDaysBetween(from: LocalDate, to: LocalDate): number {
  let n = 0;
  for (let d = addLocalDays(from, 1); compareLocalDates(d, to) <= 0; d = addLocalDays(d, 1)) if (isBusinessDay(d, cal)) n++;
  return n;
}

describe('deadline arithmetic', () => {
  it('[HL-1] a 72-hour consult requested the Saturday before the spring change is due exactly 72 elapsed hours later', () => {
    const requested = new Date('2025-03-08T10:00:00-05:00'); // Saturday 10:00 EST
    const due = dueAfter(requested, { kind: 'elapsed_hours', hours: 72 }, cal);
    expect(due.getTime() - requested.getTime()).toBe(72 * hour);
    expect(iso(due)).toBe('2025-03-11T15:00:00.000Z'); // Tuesday 11:00 EDT: the wall clock moved, the hours did not
    expect(localParts(due, ny)).toMatchObject({ day: 11, hour: 11 });
  });

  it('immediately is the start itself', () => {
    const t = new Date('2025-06-01T12:00:00Z');
    expect(dueAfter(t, { kind: 'immediately' }, cal).getTime()).toBe(t.getTime());
  });

  it('calendar days keep 10:00 across the spring and fall changes; a gap time moves forward by the gap', () => {
    expect(iso(dueAfter(new Date('2025-03-08T10:00:00-05:00'), { kind: 'calendar_days', days: 3 }, cal))).toBe('2025-03-11T14:00:00.000Z');
    expect(iso(dueAfter(new Date('2025-11-01T10:00:00-04:00'), { kind: 'calendar_days', days: 1 }, cal))).toBe('2025-11-02T15:00:00.000Z');
    // 02:30 on Saturday + 1 day is 02:30 on the Sunday of the change, which does not exist: 03:30 EDT.
    expect(iso(dueAfter(new Date('2025-03-08T02:30:00-05:00'), { kind: 'calendar_days', days: 1 }, cal))).toBe('2025-03-09T07:30:00.000Z');
  });

  it('[HL-5] 5 business days skip Thanksgiving and the weekend', () => {
    // Tuesday 25 November 2025 14:00; Thursday 27th is Thanksgiving.
    const due = dueAfter(new Date('2025-11-25T14:00:00-05:00'), { kind: 'business_days', days: 5 }, cal);
    expect(iso(due)).toBe('2025-12-03T19:00:00.000Z'); // Wednesday 3 December 14:00 (Wed, Fri, Mon, Tue, Wed)
    expect(iso(dueAfter(new Date('2025-11-25T14:00:00-05:00'), { kind: 'business_days', days: 5 }, weekendsOnly))).toBe('2025-12-02T19:00:00.000Z');
  });

  it('[HL-5] 5 business days skip an observed Independence Day (Friday 3 July 2026)', () => {
    const due = dueAfter(new Date('2026-06-30T09:00:00-04:00'), { kind: 'business_days', days: 5 }, cal);
    expect(iso(due)).toBe('2026-07-08T13:00:00.000Z'); // Wed 1, Thu 2, (Fri 3 observed), Mon 6, Tue 7, Wed 8
  });

  it('a business day count from a weekend starts on the next business day', () => {
    expect(iso(dueAfter(new Date('2025-03-08T10:00:00-05:00'), { kind: 'business_days', days: 1 }, cal))).toBe('2025-03-10T14:00:00.000Z');
  });

  it('monthly: the end of the next such day, clamped to short months', () => {
    expect(iso(dueAfter(new Date('2025-03-10T12:00:00Z'), { kind: 'monthly', dayOfMonth: 15 }, cal))).toBe('2025-03-16T03:59:59.999Z');
    expect(iso(dueAfter(new Date('2025-03-15T12:00:00Z'), { kind: 'monthly', dayOfMonth: 15 }, cal))).toBe('2025-04-16T03:59:59.999Z');
    expect(iso(dueAfter(new Date('2025-04-01T12:00:00Z'), { kind: 'monthly', dayOfMonth: 31 }, cal))).toBe('2025-05-01T03:59:59.999Z');
    expect(iso(dueAfter(new Date('2025-12-20T12:00:00Z'), { kind: 'monthly', dayOfMonth: 5 }, cal))).toBe('2026-01-06T04:59:59.999Z');
  });

  it('refuses bad rules', () => {
    const t = new Date('2025-05-01T12:00:00Z');
    expect(() => dueAfter(t, { kind: 'elapsed_hours', hours: -1 }, cal)).toThrow(RangeError);
    expect(() => dueAfter(t, { kind: 'business_days', days: 1.5 }, cal)).toThrow(RangeError);
    expect(() => dueAfter(t, { kind: 'monthly', dayOfMonth: 32 }, cal)).toThrow(RangeError);
    expect(() => dueAfter(new Date(NaN), { kind: 'immediately' }, cal)).toThrow(RangeError);
  });
});

describe('deadline arithmetic after 2028 (the holiday rules hold for any year)', () => {
  it("[HL-5] 5 business days from Friday 29 December 2028 skip New Year's Day 2029", () => {
    const due = dueAfter(new Date('2028-12-29T10:00:00-05:00'), { kind: 'business_days', days: 5 }, cal);
    expect(iso(due)).toBe('2029-01-08T15:00:00.000Z'); // Tue 2, Wed 3, Thu 4, Fri 5, Mon 8 (Mon 1 is a holiday)
  });

  it('[HL-5] 5 business days skip Thanksgiving 2030 and Christmas 2032 observed on Friday the 24th', () => {
    expect(iso(dueAfter(new Date('2030-11-26T14:00:00-05:00'), { kind: 'business_days', days: 5 }, cal))).toBe('2030-12-04T19:00:00.000Z');
    // Wed 22 Dec 2032: Thu 23, (Fri 24 observed), Mon 27, Tue 28, Wed 29, Thu 30.
    expect(iso(dueAfter(new Date('2032-12-22T09:00:00-05:00'), { kind: 'business_days', days: 5 }, cal))).toBe('2032-12-30T14:00:00.000Z');
  });

  it('[HL-5] business days in 2029-2060: never a weekend or holiday, exactly N business days after the start, same wall time', () => {
    const later = fc.date({ min: new Date('2029-01-01T05:00:00Z'), max: new Date('2060-11-30T00:00:00Z'), noInvalidDate: true });
    fc.assert(
      fc.property(later, fc.integer({ min: 1, max: 20 }), (start, n) => {
        const due = dueAfter(start, { kind: 'business_days', days: n }, cal);
        const to = localDateOf(due, ny);
        expect(isBusinessDay(to, cal)).toBe(true);
        expect(isHoliday(to, cal)).toBe(false);
        expect(businessDaysBetween(localDateOf(start, ny), to)).toBe(n);
        const a = localParts(start, ny);
        const b = localParts(due, ny);
        expect([b.hour, b.minute, b.second, b.millisecond]).toEqual([a.hour, a.minute, a.second, a.millisecond]);
      }),
      { numRuns: 1000 },
    );
  });
});

describe('deadline arithmetic (properties over DST changes, weekends and holidays)', () => {
  it('[HL-1] elapsed hours: the result minus the start is exactly N hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 500 }), (start, n) => {
        expect(dueAfter(start, { kind: 'elapsed_hours', hours: n }, cal).getTime() - start.getTime()).toBe(n * hour);
      }),
      { numRuns: 1000 },
    );
  });

  it('calendar days from 02:xx the day before a spring change land at 03:xx (the gap rule)', () => {
    fc.assert(
      fc.property(fc.constantFrom('2025-03-08', '2026-03-07', '2027-03-13', '2028-03-11'), fc.integer({ min: 0, max: 3599 }), (day, s) => {
        const start = new Date(Date.parse(`${day}T07:00:00Z`) + s * 1000); // 02:mm:ss EST
        const b = localParts(dueAfter(start, { kind: 'calendar_days', days: 1 }, cal), ny);
        expect([b.hour, b.minute, b.second]).toEqual([3, Math.floor(s / 60), s % 60]);
      }),
      { numRuns: 200 },
    );
  });

  it('calendar days keep the local wall time, except in a spring gap where it moves forward by the gap', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 40 }), (start, n) => {
        const due = dueAfter(start, { kind: 'calendar_days', days: n }, cal);
        const a = localParts(start, ny);
        const b = localParts(due, ny);
        expect(localDateOf(due, ny)).toEqual(addLocalDays(a, n));
        // New York's spring gap: 02:00-02:59 on the second Sunday of March.
        const to = addLocalDays(a, n);
        const springSunday = to.month === 3 && weekdayOf(to) === 0 && to.day >= 8 && to.day <= 14;
        if (n > 0 && springSunday && a.hour === 2) {
          expect([b.hour, b.minute, b.second]).toEqual([3, a.minute, a.second]);
        } else {
          expect([b.hour, b.minute, b.second, b.millisecond]).toEqual([a.hour, a.minute, a.second, a.millisecond]);
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('[HL-5] business days: never a weekend or holiday, exactly N business days after the start, same wall time', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (start, n) => {
        const due = dueAfter(start, { kind: 'business_days', days: n }, cal);
        const from = localDateOf(start, ny);
        const to = localDateOf(due, ny);
        expect(isBusinessDay(to, cal)).toBe(true);
        expect(businessDaysBetween(from, to)).toBe(n);
        const a = localParts(start, ny);
        const b = localParts(due, ny);
        // The wall time holds unless it falls in the spring gap on the due day (never on a Sunday
        // due date, and business days are never Sundays) - so it always holds.
        expect([b.hour, b.minute, b.second, b.millisecond]).toEqual([a.hour, a.minute, a.second, a.millisecond]);
      }),
      { numRuns: 1000 },
    );
  });
});
