import { useEffect, useState } from 'react';
import { endSession, verifySession } from '../../lib/auth';

/** The warning opens this long before the idle lock (STYLE.md: two minutes). */
export const warningMs = 120_000;

/** Milliseconds left before the idle lock, counted down once a second (null when unknown). */
export function useTimeLeft(expiresAtLocal: number | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return expiresAtLocal === null ? null : Math.max(0, expiresAtLocal - now);
}

/**
 * Asks the server (passively) when the idle lock really falls: once as the warning would open
 * (another tab may have kept the session alive), and every second once the time is up, until
 * the server has locked the session, whereupon the sign-in page says why.
 */
export function useIdleChecks(expiresAtLocal: number | null): void {
  useEffect(() => {
    if (expiresAtLocal === null) return;
    let checkedWarning = false;
    let checking = false;
    const id = setInterval(() => {
      const left = expiresAtLocal - Date.now();
      if (checking || (left > 0 && (left > warningMs || checkedWarning))) return;
      checking = true;
      checkedWarning = true;
      verifySession()
        .then((active) => (active ? undefined : endSession('idle', true)))
        .catch(() => undefined)
        .finally(() => {
          checking = false;
        });
    }, 1000);
    return () => clearInterval(id);
  }, [expiresAtLocal]);
}
