import { useEffect } from 'react';
import { onApiEvent, setCsrfRenewer, type SessionEndCode } from '../api-client';
import { dropRecords } from '../query-client';
import { applyExpiry, endSession, refreshSession } from './actions';
import { onBroadcast, type EndReason } from './channel';
import { setEndReason } from './end-reason';
import { fetchSession, storeSession } from './session';

const reasons: Record<SessionEndCode, EndReason> = { session_idle: 'idle', session_expired: 'expired', unauthenticated: 'ended' };

/** How long after the user's last request the session is re-read to learn the new idle deadline. */
const refreshDelayMs = 1000;

/**
 * Keeps this tab's session in step with the server and the other tabs. Mounted once, at the root.
 * Every request the user makes moves the server's idle deadline: shortly after, the session is
 * re-read (passively) so the idle warning counts down from the right time.
 */
export function useSessionSync(): void {
  useEffect(() => {
    setCsrfRenewer(async () => storeSession(await fetchSession()));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const quietly = (p: Promise<unknown>) => void p.catch(() => undefined);
    const offActivity = onApiEvent('activity', () => {
      clearTimeout(timer);
      timer = setTimeout(() => quietly(refreshSession()), refreshDelayMs);
    });
    const offEnded = onApiEvent('ended', (code) => quietly(endSession(reasons[code], true)));
    const offPassword = onApiEvent('passwordChange', () => quietly(refreshSession()));
    const offBroadcast = onBroadcast((message) => {
      switch (message.type) {
        case 'session':
          applyExpiry(message.expiresAtLocal);
          return;
        case 'signed-in':
          setEndReason(null);
          dropRecords();
          quietly(fetchSession().then(storeSession));
          return;
        case 'signed-out':
          quietly(endSession(message.reason, false));
          return;
      }
    });
    return () => {
      clearTimeout(timer);
      offActivity();
      offEnded();
      offPassword();
      offBroadcast();
    };
  }, []);
}
