import { officeView, type CreateOfficeBody, type OfficeView, type UpdateOfficeBody } from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { officesKey } from '../../lib/reference-data';

export { useAgency } from '../../lib/reference-data';
export { officesKey };

/** The list page reads `['offices', '/api/offices', ...]` (usePagedList); the reference list is `officesKey` itself. */
const officeListKey = [...officesKey, '/api/offices'] as const;

export const useOffice = (id: string) => useQuery({ queryKey: [...officesKey, id], queryFn: () => api.get(`/api/offices/${encodeURIComponent(id)}`, officeView) });

function useOfficeMutation<V>(send: (vars: V) => Promise<OfficeView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (office) => {
      qc.setQueryData([...officesKey, office.id], office);
      void qc.invalidateQueries({ queryKey: officesKey, exact: true });
      void qc.invalidateQueries({ queryKey: officeListKey });
    },
  });
}

export const useCreateOffice = () => useOfficeMutation((body: CreateOfficeBody) => api.post('/api/offices', officeView, body));

export const useUpdateOffice = (id: string) => useOfficeMutation((body: UpdateOfficeBody) => api.patch(`/api/offices/${encodeURIComponent(id)}`, officeView, body));
