import {
  complianceView,
  consultView,
  obligationView,
  timelineView,
  workOwnerPage,
  workPage,
  type CompleteObligationBody,
  type NotNeededBody,
  type RequestConsultBody,
  type WorkUnitQuery,
} from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../lib/api-client';
import { readEveryPage, usePagedList } from '../../lib/paged-list';

/** Duties (issue 4, items 2, 7, 8): every list is the server's, already scoped to the caller. */
const enc = encodeURIComponent;

/** My work, one server page at a time (issue 11), in the server's order: overdue first, then by due time. */
export const useMyWork = () => usePagedList('work', '/api/work', {}, workPage);

/** The unit's duties a page at a time, filtered by state and owner (the filters in the URL). */
export const useUnitWork = (q: Pick<WorkUnitQuery, 'state' | 'owner'>) => usePagedList('work', '/api/work/unit', { state: q.state, owner: q.owner }, workPage);

/** Owners offered in a choice list: a state's staff fit in a few pages; beyond this many the list stops. */
const ownerPagesMost = 25;

/**
 * The owner filter's choices: everyone who owns an open duty in the caller's unit (the server's
 * list, by name), read page after page, so an owner whose duties are far down the list is offered too.
 */
export const useUnitOwners = () =>
  useQuery({
    queryKey: ['work', 'unit-owners'],
    queryFn: () => readEveryPage('/api/work/unit/owners', workOwnerPage, ownerPagesMost),
  });

export const useCompliance = (from: string | null, to: string | null) =>
  useQuery({ queryKey: ['compliance', from ?? '', to ?? ''], queryFn: () => api.get(`/api/compliance${queryString({ from, to })}`, complianceView), retry: false });

export const useObligation = (id: string) => useQuery({ queryKey: ['work', 'obligation', id], queryFn: () => api.get(`/api/obligations/${enc(id)}`, obligationView), retry: false });

export const useTimeline = (type: 'referral' | 'case', id: string) =>
  useQuery({ queryKey: ['timeline', type, id], queryFn: () => api.get(`/api/timeline/${type}/${enc(id)}`, timelineView), retry: false });

function useDutyChange<B>(id: string, rest: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: B) => api.post(`/api/obligations/${enc(id)}/${rest}`, obligationView, body),
    onSuccess: async (duty) => {
      qc.setQueryData(['work', 'obligation', id], duty);
      void qc.invalidateQueries({ queryKey: ['home'] });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
      await qc.invalidateQueries({ queryKey: ['work'], predicate: (q) => q.queryKey[1] !== 'obligation' });
    },
  });
}

export const useCompleteDuty = (id: string) => useDutyChange<CompleteObligationBody>(id, 'complete');
export const useNotNeeded = (id: string) => useDutyChange<NotNeededBody>(id, 'not-needed');

/** IN-1 at intake: the intake Program Manager requests the HART consult from the duty's page (the request completes the duty). */
export function useRequestConsult(dutyId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: RequestConsultBody) => api.post('/api/consults', consultView, body),
    onSuccess: async () => {
      void qc.invalidateQueries({ queryKey: ['home'] });
      void qc.invalidateQueries({ queryKey: ['timeline'] });
      await qc.invalidateQueries({ queryKey: ['work'] });
      await qc.refetchQueries({ queryKey: ['work', 'obligation', dutyId] });
    },
  });
}
