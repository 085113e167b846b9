import { userView, type CreateUserBody, type ResetPasswordBody, type UpdateUserBody, type UserView } from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, queryString } from '../../lib/api-client';

export interface UserFilters {
  q: string;
  officeId: string;
  role: string;
}

/** The server lists at most this many. */
export const listLimit = 500;

export const useUsers = (filters: UserFilters) =>
  useQuery({
    queryKey: ['users', 'list', filters],
    queryFn: () => api.get(`/api/users${queryString({ ...filters })}`, z.array(userView)),
    placeholderData: (previous) => previous,
  });

export const useUser = (id: string) => useQuery({ queryKey: ['users', id], queryFn: () => api.get(`/api/users/${encodeURIComponent(id)}`, userView) });

/** After a change, the answer is the user as it now is (with its new version). */
function useUserMutation<V>(send: (vars: V) => Promise<UserView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (user) => {
      qc.setQueryData(['users', user.id], user);
      void qc.invalidateQueries({ queryKey: ['users', 'list'] });
      void qc.invalidateQueries({ queryKey: ['offices'] });
    },
  });
}

export const useCreateUser = () => useUserMutation((body: CreateUserBody) => api.post('/api/users', userView, body));

export const useUpdateUser = (id: string) => useUserMutation((body: UpdateUserBody) => api.patch(`/api/users/${encodeURIComponent(id)}`, userView, body));

export const useResetPassword = (id: string) =>
  useUserMutation((body: ResetPasswordBody) => api.post(`/api/users/${encodeURIComponent(id)}/password`, userView, body));
