import type { Permission } from '@harbor/policy';
import { sessionInfo, type SessionInfo, type SessionUser } from '@harbor/policy/api';
import { useSuspenseQuery } from '@tanstack/react-query';
import { api, setCsrfToken, toLocalTime } from '../api-client';
import { queryClient } from '../query-client';

/** The server's session answer, plus when the idle lock falls on this browser's clock. */
export interface Session extends SessionInfo {
  expiresAtLocal: number | null;
}

export const sessionKey = ['session'] as const;

export function toSession(info: SessionInfo): Session {
  setCsrfToken(info.csrfToken);
  const expires = info.idleExpiresAt ? Date.parse(info.idleExpiresAt) : Number.NaN;
  return { ...info, expiresAtLocal: Number.isNaN(expires) ? null : toLocalTime(expires) };
}

/** Reads the session without extending it (GET /api/session is passive on the server). */
export async function fetchSession(): Promise<Session> {
  return toSession(await api.get('/api/session', sessionInfo, { passive: true }));
}

export const sessionQuery = { queryKey: sessionKey, queryFn: fetchSession, staleTime: Infinity, gcTime: Infinity } as const;

export const storeSession = (session: Session): void => void queryClient.setQueryData(sessionKey, session);

export function useSession(): Session {
  return useSuspenseQuery(sessionQuery).data;
}

export interface SignedIn {
  user: SessionUser;
  permissions: readonly Permission[];
  can: (permission: Permission) => boolean;
}

/** The signed-in user; only for pages behind the sign-in guard. */
export function useSignedIn(): SignedIn {
  const { user, permissions } = useSession();
  if (!user) throw new Error('useSignedIn needs a signed-in user');
  return { user, permissions, can: (p) => permissions.includes(p) };
}
