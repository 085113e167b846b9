import { approvalPage, approvalStatuses, approvalView, type ApprovalStatus, type RejectBody } from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryString } from '../../lib/api-client';

export const isApprovalStatus = (v: string): v is ApprovalStatus => (approvalStatuses as readonly string[]).includes(v);

/** CF-1: administrative changes awaiting a second administrator (or decided ones). */
export const useApprovals = (status: ApprovalStatus) =>
  useQuery({ queryKey: ['approvals', status], queryFn: () => api.get(`/api/approvals${queryString({ status, limit: 200 })}`, approvalPage), select: (page) => page.items, staleTime: 0 });

/** A decision changes accounts or the directory: those lists are fetched again. */
function useDecision<V>(send: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: ['approvals'] });
      void qc.invalidateQueries({ queryKey: ['users'] });
      void qc.invalidateQueries({ queryKey: ['directory'] });
    },
  });
}

export const useApprove = () => useDecision((id: string) => api.post(`/api/approvals/${encodeURIComponent(id)}/approve`, approvalView, {}));
export const useReject = () =>
  useDecision(({ id, body }: { id: string; body: RejectBody }) => api.post(`/api/approvals/${encodeURIComponent(id)}/reject`, approvalView, body));
