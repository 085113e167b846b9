import {
  caseView,
  caseWorkerView,
  htFoundResult,
  investigationView,
  partnerAgencyView,
  personPage,
  type CompleteItemBody,
  type CreateCaseBody,
  type HtConcernBody,
  type PhoneNoticeBody,
  type HtFoundBody,
  type InvestigationFactBody,
} from '@harbor/policy/api';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, queryString } from '../../lib/api-client';
import { refreshDuties } from '../../lib/query-client';

/** Open cases, the HT concern, the investigation checklist and HL-2: the server's answers, scoped to the caller. */
const caseUrl = (id: string, rest = '') => `/api/cases/${encodeURIComponent(id)}${rest}`;
const investigationUrl = (id: string, rest = '') => `/api/investigations/${encodeURIComponent(id)}${rest}`;

/** The case list pages (usePagedList) read `['cases', '/api/cases', ...]`. */
const caseListKey = ['cases', '/api/cases'] as const;
export const useCase = (id: string) => useQuery({ queryKey: ['cases', id], queryFn: () => api.get(caseUrl(id), caseView), retry: false });
export const useCaseWorkers = () => useQuery({ queryKey: ['cases', 'workers'], queryFn: () => api.get('/api/cases/workers', z.array(caseWorkerView)), retry: false });
/**
 * The children within the caller's reach whose name or alias is `q` (the server compares whole
 * names, without regard to case or accents), newest first, a page at a time ("Show more").
 */
export const childSearchPageSize = 20;
export const useChildSearch = (q: string) =>
  useInfiniteQuery({
    queryKey: ['people', 'children', q],
    queryFn: ({ pageParam }) => api.get(`/api/people${queryString({ kind: 'child', q, limit: childSearchPageSize, cursor: pageParam ?? undefined })}`, personPage),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: q !== '',
    retry: false,
  });

export function useCreateCase() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: CreateCaseBody) => api.post('/api/cases', caseView, body),
    onSuccess: async (c) => {
      qc.setQueryData(['cases', c.id], c);
      await qc.invalidateQueries({ queryKey: caseListKey });
    },
  });
}

/** OG-2: the worker records the phone call to local police; it closes the duty. */
export function useRecordCasePhoneNotice(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: PhoneNoticeBody) => api.post(caseUrl(id, '/phone-notices'), caseView, body),
    onSuccess: (c) => {
      qc.setQueryData(['cases', c.id], c);
      refreshDuties(qc);
    },
  });
}

export function useRaiseConcern(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HtConcernBody) => api.post(caseUrl(id, '/ht-concern'), caseView, body),
    onSuccess: async (c) => {
      qc.setQueryData(['cases', c.id], c);
      refreshDuties(qc);
      await qc.invalidateQueries({ queryKey: caseListKey });
    },
  });
}

export const useInvestigation = (referralId: string) => useQuery({ queryKey: ['investigations', referralId], queryFn: () => api.get(investigationUrl(referralId), investigationView), retry: false });
export const useHospitals = () =>
  useQuery({ queryKey: ['directory', 'hospital'], queryFn: () => api.get('/api/directory?kind=hospital', z.array(partnerAgencyView)), retry: false, staleTime: 300_000 });

function useInvestigationChange<V>(referralId: string, send: (vars: V) => Promise<z.infer<typeof investigationView>>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: (v) => qc.setQueryData(['investigations', referralId], v) });
}
export const useCompleteItem = (referralId: string) =>
  useInvestigationChange(referralId, ({ obligationId, body }: { obligationId: string; body: CompleteItemBody }) => api.post(investigationUrl(referralId, `/items/${encodeURIComponent(obligationId)}`), investigationView, body));
export const useRecordFact = (referralId: string) => useInvestigationChange(referralId, (body: InvestigationFactBody) => api.post(investigationUrl(referralId, '/facts'), investigationView, body));

export function useHtFound(referralId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: HtFoundBody) => api.post(investigationUrl(referralId, '/ht-found'), htFoundResult, body),
    onSuccess: async () => {
      refreshDuties(qc);
      await qc.invalidateQueries({ queryKey: ['investigations', referralId] });
      void qc.invalidateQueries({ queryKey: ['referrals'] });
    },
  });
}

/** A key for one attempt of an action: a retried submit sends the same key, so nothing is made twice. */
export { newIdempotencyKey as newKey } from '../../lib/forms';
