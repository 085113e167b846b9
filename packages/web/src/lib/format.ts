import { agency } from '@harbor/policy';

/** Dates and times in the agency's time zone (Connecticut), in the chosen language. */
const locale = (lang: string) => (lang === 'es' ? 'es-US' : 'en-US');

/**
 * A moment to the minute ("Dec 7, 2026, 9:05 AM EST"), as people read due times and events; the
 * audit trail and outgoing mail, where the order of events within a minute matters, ask for seconds.
 */
export function formatDateTime(iso: string, lang: string, { seconds = false }: { seconds?: boolean } = {}): string {
  const options: Intl.DateTimeFormatOptions = { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', ...(seconds ? { second: '2-digit' } : {}) };
  return new Intl.DateTimeFormat(locale(lang), { ...options, timeZone: agency.timeZone, timeZoneName: 'short' }).format(new Date(iso));
}

/** A calendar date (yyyy-mm-dd) as written in the language, without time-zone shifts. */
export function formatDate(isoDate: string, lang: string): string {
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${isoDate.slice(0, 10)}T00:00:00Z`));
}

/** Whole years between a date of birth and today. */
export function ageOn(isoDate: string, today: Date): number {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  let age = today.getFullYear() - y;
  if (today.getMonth() + 1 < m || (today.getMonth() + 1 === m && today.getDate() < d)) age -= 1;
  return age;
}
