import { partnerAgencyKinds } from '@harbor/policy';
import { approvalPending, partnerAgencyView, type PartnerAgencyView, type UpdatePartnerAgencyBody } from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, queryString } from '../../lib/api-client';

export type PartyKind = PartnerAgencyView['kind'];
export const isPartyKind = (v: string): v is PartyKind => (partnerAgencyKinds as readonly string[]).includes(v);

/** The partner directory, one kind of party at a time. */
export const useDirectory = (kind: PartyKind) =>
  useQuery({ queryKey: ['directory', 'admin', kind], queryFn: () => api.get(`/api/directory${queryString({ kind })}`, z.array(partnerAgencyView)) });

/** The answer of a change: the party as it now is, or (CF-1) the change waiting for a second administrator. */
const changed = z.union([partnerAgencyView, approvalPending]);

export const useUpdatePartner = (id: string) => {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdatePartnerAgencyBody) => api.patch(`/api/directory/${encodeURIComponent(id)}`, changed, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['directory'] });
      void qc.invalidateQueries({ queryKey: ['approvals'] });
    },
  });
};
