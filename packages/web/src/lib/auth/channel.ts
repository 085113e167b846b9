/**
 * The session is shared by every tab of the browser (one cookie), so tabs tell each other when it
 * changes: "Stay signed in" or activity in one tab moves the idle timer of all; signing in or
 * out in one tab does the same in the others.
 */
export type EndReason = 'idle' | 'expired' | 'signed_out' | 'ended';

export type SessionMessage =
  | { type: 'session'; expiresAtLocal: number | null }
  | { type: 'signed-in' }
  | { type: 'signed-out'; reason: EndReason };

const channel: BroadcastChannel | null = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel('harbor-session');

export function broadcast(message: SessionMessage): void {
  channel?.postMessage(message);
}

export function onBroadcast(listener: (message: SessionMessage) => void): () => void {
  if (!channel) return () => undefined;
  const handler = (event: MessageEvent<SessionMessage>) => listener(event.data);
  channel.addEventListener('message', handler);
  return () => channel.removeEventListener('message', handler);
}
