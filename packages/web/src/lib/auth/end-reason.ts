import { useSyncExternalStore } from 'react';
import type { EndReason } from './channel';

/** Why the last session of this tab ended, for the sign-in page to say. Cleared on sign-in. */
let reason: EndReason | null = null;
const subscribers = new Set<() => void>();

export function setEndReason(next: EndReason | null): void {
  reason = next;
  for (const s of subscribers) s();
}

export function currentEndReason(): EndReason | null {
  return reason;
}

export function useEndReason(): EndReason | null {
  return useSyncExternalStore(
    (onChange) => {
      subscribers.add(onChange);
      return () => void subscribers.delete(onChange);
    },
    () => reason,
  );
}
