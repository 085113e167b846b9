import { approvalPage, approvalStatuses, approvalView, type ApprovalStatus, type RejectBody } from '@harbor/policy/api';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { usePagedList } from '../../lib/paged-list';

export const isApprovalStatus = (v: string): v is ApprovalStatus => (approvalStatuses as readonly string[]).includes(v);

/** The orders the page offers: by request (the server's default, newest first) or by decision (issue 11). */
export const approvalOrders = ['requestedAt:desc', 'requestedAt:asc', 'decidedAt:desc', 'decidedAt:asc'] as const;
export type ApprovalOrder = (typeof approvalOrders)[number];
export const isApprovalOrder = (v: string): v is ApprovalOrder => (approvalOrders as readonly string[]).includes(v);
export const approvalsDefaultSort = { key: 'requestedAt', dir: 'desc' } as const;

/**
 * CF-1: administrative changes awaiting a second administrator (or decided ones), a page at a
 * time; the status, the order (`sort`, `dir`) and the page's cursors live in the URL.
 */
export const useApprovals = (status: ApprovalStatus) => usePagedList('approvals', '/api/approvals', { status }, approvalPage, { limit: 20, defaultSort: approvalsDefaultSort });

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
