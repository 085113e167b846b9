/**
 * The in-process wake-up of the delivery worker (issue 11): a service whose committed transaction
 * queued mail calls `mailQueued()` after the commit, and every delivery worker of this process
 * runs a pass at once instead of at its next poll. The poll (OUTBOX_POLL_MS) stays the fallback
 * for work that does not signal and for a lost notification. Called only after commit: a worker
 * woken before it would find nothing due.
 *
 * Across instances (PostgreSQL): a trigger on the outbox NOTIFYs `outboxChannel` when a message
 * becomes queued, delivered by PostgreSQL at commit and only if the transaction commits; each
 * instance LISTENs (db/notify.ts, wired in server.ts) and wakes its worker.
 */
export const outboxChannel = 'harbor_outbox';

type Listener = () => void;
const listeners = new Set<Listener>();

/** Mail was committed to the outbox: wake the delivery workers of this process. */
export function mailQueued(): void {
  for (const l of listeners) l();
}

/** Subscribes a worker; answers the unsubscribe. */
export function onMailQueued(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
