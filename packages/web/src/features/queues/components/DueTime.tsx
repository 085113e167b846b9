import { useEffect, useState } from 'react';
import { useT } from '../../../i18n';

/** The time now, moving on every minute (for "time left" columns). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

export const isOverdue = (dueAt: string | null, now: number): boolean => dueAt !== null && Date.parse(dueAt) < now;

/** CL-6: the time left to see the child, or how long ago that time passed (highlighted, in words). */
export function TimeLeft({ dueAt, now }: { dueAt: string | null; now: number }) {
  const t = useT();
  const a = t.queues.assignment;
  if (!dueAt) return <>{a.noDue}</>;
  const ms = Date.parse(dueAt) - now;
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  const text = a.duration(Math.floor(minutes / 60), minutes % 60);
  return ms < 0 ? <span className="usa-tag harbor-tag--overdue">{a.overdue(text)}</span> : <>{a.left(text)}</>;
}
