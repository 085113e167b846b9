import {
  investigatorPage,
  referralSummaryView,
  referralView,
  type ApproveNonAcceptanceBody,
  type AssignReferralBody,
  type ReferralSummaryView,
  type ReferralView,
  type TriageReferralBody,
} from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { readEveryPage } from '../../lib/paged-list';

/**
 * The supervisors' and the HART Director's queues (CL-2, CL-4, CL-5, DR-1, DR-2). Every list is
 * the server's, already scoped to the caller; nothing here decides who sees what.
 */
const path = (id: string, rest = '') => `/api/referrals/${encodeURIComponent(id)}${rest}`;

/**
 * The queue pages read one server page at a time (usePagedList, queries `['referrals', path, ...]`,
 * read again after every change below). The assignment page reads its one referral from the
 * supervisor's queue by id (however far down the queue it stands), and the form lists every
 * investigation worker the supervisor may assign, page after page.
 */
export const useAssignmentEntry = (id: string) =>
  useQuery({ queryKey: ['referrals', 'assignment', id], queryFn: () => api.get(path(id, '/assignment'), referralSummaryView), retry: false });

/** Pages of the largest size, to the last one: a select must offer every worker, not the first 200. */
const allInvestigators = () => readEveryPage('/api/referrals/investigators', investigatorPage, 50);
export const useInvestigators = () => useQuery({ queryKey: ['referrals', 'investigators'], queryFn: allInvestigators, retry: false });

export const useReferral = (id: string) => useQuery({ queryKey: ['referrals', id], queryFn: () => api.get(path(id), referralView) });

/**
 * After a change the answer is the referral as it now is (in full, or its summary for a supervisor
 * who does not read referrals); every queue is read again.
 */
function useReferralChange<V>(send: (vars: V) => Promise<ReferralView | ReferralSummaryView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    // The queue the page returns to is read again before it shows, so it never shows the referral where it was.
    onSuccess: async (referral) => {
      if ('draft' in referral) qc.setQueryData(['referrals', referral.id], referral);
      else qc.removeQueries({ queryKey: ['referrals', referral.id], exact: true });
      void qc.invalidateQueries({ queryKey: ['home'] });
      await qc.invalidateQueries({ queryKey: ['referrals'], refetchType: 'all', predicate: (q) => q.queryKey[1] !== referral.id });
    },
  });
}

export const useTriage = (id: string) => useReferralChange((body: TriageReferralBody) => api.post(path(id, '/triage'), referralView, body));
export const useApproval = (id: string) => useReferralChange((body: ApproveNonAcceptanceBody) => api.post(path(id, '/approval'), referralView, body));
export const useAssign = (id: string) => useReferralChange((body: AssignReferralBody) => api.post(path(id, '/assignment'), referralSummaryView, body));
