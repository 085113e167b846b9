import { type changePasswordBody, okResponse, sessionInfo, type SignInBody } from '@harbor/policy/api';
import type { z } from 'zod';
import { api, ApiError } from '../api-client';
import { dropRecords, queryClient } from '../query-client';
import { broadcast, type EndReason } from './channel';
import { currentEndReason, setEndReason } from './end-reason';
import { fetchSession, sessionKey, storeSession, toSession, type Session } from './session';

/**
 * Everything that changes the session goes through here, so the query cache, the CSRF token
 * and the other tabs stay in step.
 */
const current = (): Session | undefined => queryClient.getQueryData<Session>(sessionKey);

/** Re-reads the session passively and tells the other tabs when the idle lock now falls. */
export async function refreshSession(): Promise<Session> {
  const session = await fetchSession();
  storeSession(session);
  if (session.user) broadcast({ type: 'session', expiresAtLocal: session.expiresAtLocal });
  return session;
}

export async function signIn(body: SignInBody): Promise<Session> {
  const session = toSession(await api.post('/api/session', sessionInfo, body, { passive: true }));
  setEndReason(null);
  dropRecords();
  storeSession(session);
  broadcast({ type: 'signed-in' });
  return session;
}

/**
 * Forgets every record this tab holds and shows the sign-in page with the reason. Also used when
 * the server says the session has ended, and when another tab signs out.
 */
export async function endSession(reason: EndReason, tellOthers: boolean): Promise<void> {
  // A request still in flight when the user signed out comes back "unauthenticated": the session
  // ended because they signed out, and the sign-in page keeps saying so.
  if (reason === 'ended' && currentEndReason() === 'signed_out') return;
  setEndReason(reason);
  // Signed out first, so that no page is left mounted to fetch its records again.
  const known = current();
  if (known) storeSession({ ...known, user: null, permissions: [], mustChangePassword: false, expiresAtLocal: null });
  dropRecords();
  if (tellOthers) broadcast({ type: 'signed-out', reason });
  // The server's view, with a fresh pre-sign-in CSRF token for the sign-in form.
  storeSession(await fetchSession());
}

export async function signOut(): Promise<void> {
  try {
    await api.delete('/api/session', okResponse, { passive: true, silent: true });
  } catch (err) {
    // Already ended on the server (idle, reset by an administrator): signed out all the same.
    if (!(err instanceof ApiError)) throw err;
  }
  await endSession('signed_out', true);
}

export async function keepAlive(): Promise<Session> {
  const session = toSession(await api.post('/api/session/keepalive', sessionInfo, undefined, { passive: true }));
  storeSession(session);
  broadcast({ type: 'session', expiresAtLocal: session.expiresAtLocal });
  return session;
}

export async function changePassword(body: z.input<typeof changePasswordBody>): Promise<Session> {
  await api.post('/api/session/password', okResponse, body);
  return refreshSession();
}

/** Another tab's news about the shared session. */
export function applyExpiry(expiresAtLocal: number | null): void {
  const session = current();
  if (session?.user) storeSession({ ...session, expiresAtLocal });
}

/** Whether the session is still active on the server (read passively; the cache is updated). */
export async function verifySession(): Promise<boolean> {
  const session = await fetchSession();
  if (session.user) storeSession(session);
  return session.user !== null;
}
