import { personView } from '@harbor/policy/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';

/**
 * People within the caller's reach; the server scopes the list and audits every read. Nothing is
 * served from the cache (staleTime and gcTime 0): each time a record is shown it is read again,
 * so the audit trail holds every view, and no child's record lingers in memory.
 */
export const uncached = { staleTime: 0, gcTime: 0 } as const;

export const usePerson = (id: string) =>
  useQuery({ queryKey: ['people', id], queryFn: () => api.get(`/api/people/${encodeURIComponent(id)}`, personView), ...uncached });
