import { type auditOutcomes, auditPage } from '@harbor/policy/api';
import { useQuery } from '@tanstack/react-query';
import { api, queryString } from '../../lib/api-client';

export type Outcome = (typeof auditOutcomes)[number];

/** The audit page's filters, as kept in the URL. Empty strings are "any". */
export interface AuditFilters {
  username: string;
  recordType: string;
  recordId: string;
  action: string;
  outcome: Outcome | '';
  from: string;
  to: string;
}

export const filterKeys = ['username', 'recordType', 'recordId', 'action', 'outcome', 'from', 'to'] as const satisfies readonly (keyof AuditFilters)[];

export const pageSize = 50;

/** One page of the trail, newest first; `before` is the id the previous page ended at. */
export const useAuditPage = (filters: AuditFilters, before: number | null) =>
  useQuery({
    queryKey: ['audit', filters, before],
    queryFn: () => api.get(`/api/audit${queryString({ ...filters, before, limit: pageSize })}`, auditPage),
    placeholderData: (previous) => previous,
    staleTime: 0,
  });
