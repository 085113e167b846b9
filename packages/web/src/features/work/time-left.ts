import type { Messages } from '../../i18n';

const minute = 60_000;
const hour = 60 * minute;

/**
 * How long until a duty is due, or how long ago it was ("Due in 5 h", "Overdue by 2 days"):
 * minutes under an hour, hours under two days, whole days beyond.
 */
export function timeLeft(dueAt: string, now: number, w: Messages['work']): { text: string; overdue: boolean } {
  const ms = Date.parse(dueAt) - now;
  const abs = Math.abs(ms);
  if (abs < minute) return { text: w.dueNow, overdue: ms < 0 };
  const span = abs < hour ? w.minutes(Math.floor(abs / minute)) : abs < 48 * hour ? w.hours(Math.floor(abs / hour)) : w.days(Math.floor(abs / (24 * hour)));
  return ms < 0 ? { text: w.overdueBy(span), overdue: true } : { text: w.dueIn(span), overdue: false };
}
