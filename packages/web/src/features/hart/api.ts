import {
  consultPage,
  consultView,
  hartTeamView,
  supportView,
  type AddTeamMemberBody,
  type ConsultView,
  type DecisionMapBody,
  type EnterConsultBody,
  type HoldConsultBody,
  type OverrideConsultBody,
  type RecordMeetingBody,
  type SupportRequestBody,
  type SupportView,
} from '@harbor/policy/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { api, queryString, request } from '../../lib/api-client';
import { refreshDuties } from '../../lib/query-client';

/**
 * HART consults (HL-1 .. HL-6), local teams (LD-1) and support (LD-2, LD-4, DR-3). Every list is
 * the server's, already scoped to the caller; what the caller may do comes with each record (`can`).
 */
const consultPath = (id: string, rest = '') => `/api/consults/${encodeURIComponent(id)}${rest}`;
const supportPath = (id: string, rest = '') => `/api/hart/support/${encodeURIComponent(id)}${rest}`;

export const useConsults = (status: string) =>
  useQuery({ queryKey: ['consults', 'list', status], queryFn: () => api.get(`/api/consults${queryString({ status, limit: 200 })}`, consultPage), select: (page) => page.items });
export const useConsult = (id: string) => useQuery({ queryKey: ['consults', id], queryFn: () => api.get(consultPath(id), consultView) });

function useConsultChange<V>(send: (vars: V) => Promise<ConsultView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (consult) => {
      qc.setQueryData(['consults', consult.id], consult);
      refreshDuties(qc);
      await qc.invalidateQueries({ queryKey: ['consults', 'list'] });
    },
  });
}
export const useHold = (id: string) => useConsultChange((body: HoldConsultBody) => api.post(consultPath(id, '/hold'), consultView, body));
export const useDecisionMap = (id: string) => useConsultChange((body: DecisionMapBody) => request('PUT', consultPath(id, '/decision-map'), consultView, { body }));
export const useOverride = (id: string) => useConsultChange((body: OverrideConsultBody) => api.post(consultPath(id, '/override'), consultView, body));
export const useEnter = (id: string) => useConsultChange((body: EnterConsultBody) => api.post(consultPath(id, '/enter'), consultView, body));

export const useTeams = () => useQuery({ queryKey: ['hart', 'teams'], queryFn: () => api.get('/api/hart/teams', z.array(hartTeamView)) });
function useTeamChange<V>(send: (vars: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: send, onSuccess: () => qc.invalidateQueries({ queryKey: ['hart', 'teams'] }) });
}
const team = (officeId: string, rest: string) => `/api/hart/teams/${encodeURIComponent(officeId)}${rest}`;
export const useAddMember = (officeId: string) => useTeamChange((body: AddTeamMemberBody) => api.post(team(officeId, '/members'), hartTeamView, body));
export const useRemoveMember = (officeId: string) => useTeamChange((memberId: string) => api.delete(team(officeId, `/members/${encodeURIComponent(memberId)}`), hartTeamView));
export const useRecordMeeting = (officeId: string) => useTeamChange((body: RecordMeetingBody) => api.post(team(officeId, '/meetings'), hartTeamView, body));

export const useSupport = (id: string) => useQuery({ queryKey: ['hart', 'support', id], queryFn: () => api.get(supportPath(id), supportView) });
function useSupportChange<V>(send: (vars: V) => Promise<SupportView>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: async (s) => {
      qc.setQueryData(['hart', 'support', s.id], s);
      void qc.invalidateQueries({ queryKey: ['home'] });
      // The support list page reads `['hart', '/api/hart/support', ...]` (usePagedList).
      await qc.invalidateQueries({ queryKey: ['hart', '/api/hart/support'] });
    },
  });
}
export const useRequestSupport = () => useSupportChange((body: SupportRequestBody) => api.post('/api/hart/support', supportView, body));
export const useAnswerSupport = (id: string) => useSupportChange((body: { answer: string; version: number }) => api.post(supportPath(id, '/answer'), supportView, body));
export const useEscalateSupport = (id: string) => useSupportChange((body: { reason: string; version: number }) => api.post(supportPath(id, '/escalate'), supportView, body));
export const useDirectorResponse = (id: string) => useSupportChange((body: { response: string; version: number }) => api.post(supportPath(id, '/director-response'), supportView, body));
