/**
 * Local dates and wall-clock times in an IANA time zone, through Intl only (no clock is read
 * here: every function takes the instant it works on). Deadlines in Harbor are kept in the
 * agency's zone, America/New_York by default.
 */

export const defaultTimeZone = 'America/New_York';

/** A calendar date with no zone: month 1-12, day 1-31. */
export interface LocalDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** A wall-clock date and time with no zone (24-hour clock). */
export interface LocalDateTime extends LocalDate {
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
}

const dayMs = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws a RangeError for a zone Intl does not know, which is what a misconfiguration deserves.
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function checkInstant(instant: Date): number {
  const t = instant.getTime();
  if (!Number.isFinite(t)) throw new RangeError('Invalid instant');
  return t;
}

/** The wall-clock date and time at `instant` in `timeZone`. */
export function localParts(instant: Date, timeZone: string = defaultTimeZone): LocalDateTime {
  const t = checkInstant(instant);
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return {
    year: parts['year'] ?? NaN,
    month: parts['month'] ?? NaN,
    day: parts['day'] ?? NaN,
    hour: parts['hour'] ?? NaN,
    minute: parts['minute'] ?? NaN,
    second: parts['second'] ?? NaN,
    millisecond: ((t % 1000) + 1000) % 1000,
  };
}

/** The local date at `instant` in `timeZone`. */
export function localDateOf(instant: Date, timeZone: string = defaultTimeZone): LocalDate {
  const { year, month, day } = localParts(instant, timeZone);
  return { year, month, day };
}

/** The wall-clock parts read as if they were UTC, in milliseconds. */
function wallAsUtc(p: LocalDateTime): number {
  const d = new Date(0);
  d.setUTCFullYear(p.year, p.month - 1, p.day);
  d.setUTCHours(p.hour, p.minute, p.second, p.millisecond);
  return d.getTime();
}

/** The zone's offset from UTC at `instant`, in milliseconds (New York: -5 h in winter, -4 h in summer). */
export function offsetAt(instant: Date, timeZone: string = defaultTimeZone): number {
  const t = checkInstant(instant);
  return wallAsUtc(localParts(instant, timeZone)) - t;
}

/**
 * The instant at which clocks in `timeZone` show `local`.
 *
 * Daylight-saving changes make this ambiguous twice a year; the rule (the same as Temporal's
 * "compatible" disambiguation) is:
 * - in a gap (spring forward: 02:30 on the second Sunday of March does not exist in New York)
 *   the time moves forward by the length of the gap: 02:30 becomes 03:30 EDT;
 * - in an overlap (fall back: 01:30 on the first Sunday of November happens twice) the earlier
 *   instant is taken (01:30 EDT), so a deadline is never later than the wall time says.
 */
export function instantFromLocal(local: LocalDateTime, timeZone: string = defaultTimeZone): Date {
  const wall = wallAsUtc(local);
  if (!Number.isFinite(wall)) throw new RangeError('Invalid local date and time');
  // Zones change offset at most once in two days running, so the offsets a day either side are the
  // only candidates.
  const before = offsetAt(new Date(wall - dayMs), timeZone);
  const after = offsetAt(new Date(wall + dayMs), timeZone);
  const fits = [wall - before, wall - after].filter((t) => offsetAt(new Date(t), timeZone) === wall - t);
  if (fits.length > 0) return new Date(Math.min(...fits));
  // In a gap: keep the offset in force before the change, which lands after it by the gap's length.
  return new Date(wall - before);
}

/** The first instant of the local day `date` (normally 00:00; later if midnight is in a gap). */
export function startOfLocalDay(date: LocalDate, timeZone: string = defaultTimeZone): Date {
  return instantFromLocal({ ...date, hour: 0, minute: 0, second: 0, millisecond: 0 }, timeZone);
}

/** The last millisecond of the local day `date`. */
export function endOfLocalDay(date: LocalDate, timeZone: string = defaultTimeZone): Date {
  return new Date(startOfLocalDay(addLocalDays(date, 1), timeZone).getTime() - 1);
}

function utcDate(date: LocalDate): Date {
  const d = new Date(0);
  d.setUTCFullYear(date.year, date.month - 1, date.day);
  return d;
}

/** The date `days` calendar days after `date` (before it when negative). */
export function addLocalDays(date: LocalDate, days: number): LocalDate {
  const d = utcDate(date);
  d.setUTCDate(d.getUTCDate() + days);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** Day of the week: 0 Sunday ... 6 Saturday. */
export function weekdayOf(date: LocalDate): number {
  return utcDate(date).getUTCDay();
}

export function daysInMonth(year: number, month: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0);
  return d.getUTCDate();
}

/** `YYYY-MM-DD`, as holiday calendars store dates. */
export function isoDate(date: LocalDate): string {
  const y = String(date.year).padStart(4, '0');
  return `${y}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Reads `YYYY-MM-DD`. */
export function parseIsoDate(value: string): LocalDate {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) throw new RangeError(`Not a date: ${value}`);
  const date = { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) };
  if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) {
    throw new RangeError(`Not a date: ${value}`);
  }
  return date;
}

/** Negative, zero or positive as `a` is before, the same as or after `b`. */
export function compareLocalDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}
