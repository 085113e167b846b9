import { agency } from '../ct/agency.js';

/**
 * Generated documents as plain data (title, sections of label/value rows or paragraphs, a
 * footer), the shape the server's PDF renderer draws. Helpers format what documents print: dates
 * in the agency's time zone, initials and ages.
 */
export interface DocumentSection {
  readonly heading: string;
  readonly rows?: readonly (readonly [label: string, value: string])[];
  readonly paragraphs?: readonly string[];
}

export interface DocumentContent {
  /** The form number, e.g. `DCF-737`. */
  readonly form: string;
  readonly title: string;
  readonly subtitle?: string;
  readonly sections: readonly DocumentSection[];
  readonly footer?: string;
}

/** CF-1: printed at the foot of every page of a document about a child. */
export const confidentialityFooter =
  'CONFIDENTIAL: information about a child protected by Conn. Gen. Stat. 17a-28 and federal law. Do not redisclose.';

const toDate = (value: Date | string): Date => {
  const d = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(d.getTime())) throw new RangeError(`Not a date: ${String(value)}`);
  return d;
};

const dateTimeFormat = new Intl.DateTimeFormat('en-US', {
  timeZone: agency.timeZone,
  dateStyle: 'long',
  timeStyle: 'short',
});
const zoneFormat = new Intl.DateTimeFormat('en-US', { timeZone: agency.timeZone, timeZoneName: 'short' });
const isoDateFormat = new Intl.DateTimeFormat('en-CA', { timeZone: agency.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });

/** "March 5, 2025 at 2:07 PM EST": a moment in the agency's time zone (America/New_York). */
export function formatDateTime(value: Date | string): string {
  const d = toDate(value);
  const zone = zoneFormat.formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
  return `${dateTimeFormat.format(d)} ${zone}`.trim();
}

/** The calendar date (YYYY-MM-DD) of a moment in the agency's time zone. */
export function localDate(value: Date | string): string {
  return isoDateFormat.format(toDate(value));
}

/** Age in whole years on a calendar date (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, onDate: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [y, m, d] = onDate.split('-').map(Number);
  if (by === undefined || bm === undefined || bd === undefined || y === undefined || m === undefined || d === undefined) {
    throw new RangeError(`Not a date: ${dateOfBirth} / ${onDate}`);
  }
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

/** "J.D.": the first letter of the first and last names, capitalized. */
export function initials(firstName: string, lastName?: string | null): string {
  const first = (s: string | null | undefined) => Array.from((s ?? '').trim())[0]?.toUpperCase();
  return [first(firstName), first(lastName)].filter((c): c is string => !!c).map((c) => `${c}.`).join('') || 'Unknown';
}

/** A child's age as a document prints it, on the day the referral was received. */
export function ageText(child: { dateOfBirth?: string | null; estimatedAge?: number | null }, receivedAt: Date | string): string {
  if (child.dateOfBirth) return String(ageOn(child.dateOfBirth, localDate(receivedAt)));
  if (child.estimatedAge != null) return `About ${child.estimatedAge} (estimated)`;
  return 'Unknown';
}
