import { approvalPending, userPage, userView, type ApprovalPending, type CreateUserBody, type ResetPasswordBody, type UpdateUserBody, type UserView } from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api-client';
import { usePagedList } from '../../lib/paged-list';

export interface UserFilters {
  q: string;
  officeId: string;
  role: string;
}

/** The staff list, one server page at a time by name (issue 11); the filters and the page in the URL. */
export const useUsers = (filters: UserFilters) => usePagedList('users', '/api/users', { ...filters }, userPage);

export const useUser = (id: string) => useQuery({ queryKey: ['users', id], queryFn: () => api.get(`/api/users/${encodeURIComponent(id)}`, userView) });

/**
 * After a change, the answer is the user as it now is (with its new version), or (CF-1) the
 * change waiting for a second administrator, which changed nothing yet.
 */
const changed = z.union([userView, approvalPending]);
export const isPending = (r: UserView | ApprovalPending): r is ApprovalPending => 'pending' in r;

function useUserMutation<V>(send: (vars: V) => Promise<UserView | ApprovalPending>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (user) => {
      if (isPending(user)) {
        void qc.invalidateQueries({ queryKey: ['approvals'] });
        return;
      }
      qc.setQueryData(['users', user.id], user);
      void qc.invalidateQueries({ queryKey: ['users', '/api/users'] });
      void qc.invalidateQueries({ queryKey: ['offices'] });
    },
  });
}

export const useCreateUser = () => useUserMutation((body: CreateUserBody) => api.post('/api/users', changed, body));

export const useUpdateUser = (id: string) => useUserMutation((body: UpdateUserBody) => api.patch(`/api/users/${encodeURIComponent(id)}`, changed, body));

export const useResetPassword = (id: string) =>
  useUserMutation((body: ResetPasswordBody) => api.post(`/api/users/${encodeURIComponent(id)}/password`, changed, body));
