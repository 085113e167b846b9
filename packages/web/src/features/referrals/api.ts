import {
  referralView,
  type DecideReferralBody,
  type PhoneNoticeBody,
  type ReferralDraft,
  type ReferralView,
  type UpdateReferralDraftBody,
} from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { personMatches, type PersonMatch, type PersonMatchQuery } from './matches';

const path = (id: string, rest = '') => `/api/referrals/${encodeURIComponent(id)}${rest}`;

/**
 * The referral list's order without a choice: most recently changed first (the server's
 * `updatedAt`, descending). The list pages read it with usePagedList, whose queries are
 * `['referrals', '/api/referrals', ...]` and read again each time the list opens.
 */
export const referralsDefaultSort = { key: 'updatedAt', dir: 'desc' } as const;
const referralListKey = ['referrals', '/api/referrals'] as const;

/** One referral; `poll` refreshes it (the notices' statuses move on their own, CL-4). */
export const useReferral = (id: string, poll = false) =>
  useQuery({ queryKey: ['referrals', id], queryFn: () => api.get(path(id), referralView), refetchInterval: poll ? 10_000 : false });

export const getReferral = (id: string) => api.get(path(id), referralView);
export const createReferral = (draft: ReferralDraft) => api.post('/api/referrals', referralView, draft);
export const saveDraft = (id: string, body: UpdateReferralDraftBody) => api.patch(path(id), referralView, body);
export const submitReferral = (id: string, version: number, idempotencyKey: string) => api.post(path(id, '/submit'), referralView, { version, idempotencyKey });

/** Possible earlier records of a child. Fails soft: a refusal or an error means "none to show". */
export async function findPersonMatches(query: PersonMatchQuery): Promise<PersonMatch[]> {
  try {
    return await api.post('/api/referrals/person-matches', personMatches, query, { passive: true });
  } catch {
    return [];
  }
}

function useReferralMutation<V>(send: (vars: V) => Promise<ReferralView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (referral) => {
      qc.setQueryData(['referrals', referral.id], referral);
      void qc.invalidateQueries({ queryKey: referralListKey });
    },
  });
}

export const useRecordPhoneNotice = (id: string) => useReferralMutation((body: PhoneNoticeBody) => api.post(path(id, '/phone-notices'), referralView, body));
export const useDecide = (id: string) => useReferralMutation((body: DecideReferralBody) => api.post(path(id, '/decision'), referralView, body));
