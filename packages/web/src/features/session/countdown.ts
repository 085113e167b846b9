/** The idle warning's countdown, shown and spoken. */

/** What the screen reader hears: at the opening, then at one minute, 30 and 10 seconds. */
export function announcement(leftMs: number): { minutes: number } | { seconds: number } {
  const s = Math.ceil(leftMs / 1000);
  if (s > 60) return { minutes: Math.ceil(s / 60) };
  if (s > 30) return { minutes: 1 };
  if (s > 10) return { seconds: 30 };
  return { seconds: 10 };
}

/** "1:05" */
export function clock(leftMs: number): string {
  const s = Math.ceil(leftMs / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}
