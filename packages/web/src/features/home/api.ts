import { casePage, consultPage, missing737Page, noticeProblemPage, referralSummaryPage, supportPage, triageQueuePage, workPage } from '@harbor/policy/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { useT } from '../../i18n';
import { policyWord } from '../../i18n/policy-word';

/**
 * The home pages' live queues: the same server lists the queue pages read, counted and cut to the
 * first few. (Home imports no other feature: these small readers are its own.)
 */
export interface LiveItem {
  id: string;
  /** The referral number, the link's text. */
  label: string;
  /** A short note: the town, the party. */
  note: string | null;
  to: string;
}
export interface LiveQueue {
  count: number;
  items: LiveItem[];
}

const shown = 3;
const cut = (items: LiveItem[]): LiveQueue => ({ count: items.length, items: items.slice(0, shown) });
const live = { staleTime: 30_000, retry: false } as const;

/** DR-1: the statewide queue, and those in it not yet triaged. */
export const useTriageCard = (onlyWaiting: boolean) =>
  useQuery({
    queryKey: ['home', 'triage-queue'],
    queryFn: () => api.get('/api/referrals/triage-queue?limit=200', triageQueuePage),
    select: ({ items: rows }) => cut(rows.filter((r) => !onlyWaiting || !r.triage).map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/triage` }))),
    ...live,
  });

/** CL-2: non-acceptances waiting for a Careline supervisor. */
export const useApprovalsCard = () =>
  useQuery({
    queryKey: ['home', 'approvals'],
    queryFn: () => api.get('/api/referrals?status=not_accepted_pending_approval&limit=200', referralSummaryPage),
    select: ({ items: rows }) => cut(rows.map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/approval` }))),
    ...live,
  });

/** CL-5: accepted referrals waiting for an investigation worker, soonest due first. */
export const useAssignmentCard = () =>
  useQuery({
    queryKey: ['home', 'assignment-queue'],
    queryFn: () => api.get('/api/referrals/assignment-queue?limit=200', referralSummaryPage),
    select: ({ items: rows }) => cut(rows.map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/assignment` }))),
    ...live,
  });

/** CL-4: notices failing or failed, escalated to the Careline supervisor. */
export const useNoticeProblemsCard = () =>
  useQuery({
    queryKey: ['home', 'notice-problems'],
    queryFn: () => api.get('/api/referrals/notice-problems?limit=200', noticeProblemPage),
    select: ({ items: rows }) => cut(rows.map((n) => ({ id: n.noticeId, label: n.referralNumber, note: n.partnerName, to: `/referrals/${n.referralId}` }))),
    ...live,
  });

/** Issue 4, item 7: the caller's open duties, overdue ones counted (My work). */
export const useMyWorkCard = () => {
  const t = useT();
  return useQuery({
    queryKey: ['home', 'work'],
    queryFn: () => api.get('/api/work?limit=200', workPage).then((page) => page.items),
    select: (rows) => {
      const now = Date.now();
      return {
        ...cut(rows.map((d) => ({ id: d.id, label: `${d.clause} ${d.subjectNumber ?? ''}`.trim(), note: policyWord(t.policy.duties, d.completes, d.label), to: `/obligations/${d.id}` }))),
        overdue: rows.filter((d) => d.state === 'overdue' || Date.parse(d.dueAt) < now).length,
      };
    },
    ...live,
  });
};

/** HL-1, HL-5: the office's consults waiting to be held (soonest due first), or held and waiting to be entered. */
export const useConsultsCard = (status: 'requested' | 'held') =>
  useQuery({
    queryKey: ['home', 'consults', status],
    queryFn: () => api.get(`/api/consults?status=${status}&limit=200`, consultPage).then((page) => page.items),
    select: (rows) => cut(rows.map((c) => ({ id: c.id, label: c.number, note: c.office.name, to: `/consults/${c.id}` }))),
    ...live,
  });

/** LD-2, LD-4: open support requests (a liaison's own, a Lead's region's), or escalations for the Director. */
export const useSupportCard = (status: 'open' | 'escalated') =>
  useQuery({
    queryKey: ['home', 'support', status],
    queryFn: () => api.get(`/api/hart/support?status=${status}&limit=200`, supportPage).then((page) => page.items),
    select: (rows) => cut(rows.map((s) => ({ id: s.id, label: s.consult?.number ?? s.office.name, note: s.requestedBy.name, to: `/hart/support/${s.id}` }))),
    ...live,
  });

/** Casework: the open cases within the worker's reach (assigned to an ongoing worker). */
export const useMyCasesCard = () =>
  useQuery({
    queryKey: ['home', 'cases'],
    queryFn: () => api.get('/api/cases?limit=200', casePage),
    select: (page) => cut(page.items.map((c) => ({ id: c.id, label: c.number, note: c.townName, to: `/cases/${c.id}` }))),
    ...live,
  });

/** IN-1 .. IN-8: the accepted referrals assigned to this investigation worker, each opening its checklist. */
export const useInvestigationsCard = (userId: string) =>
  useQuery({
    queryKey: ['home', 'investigations', userId],
    queryFn: () => api.get(`/api/referrals?status=accepted&investigatorId=${encodeURIComponent(userId)}&limit=200`, referralSummaryPage),
    select: ({ items: rows }) => cut(rows.filter((r) => r.investigatorId === userId).map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/investigation` }))),
    ...live,
  });

/** HL-2: open cases with an HT concern whose DCF-737 was not sent. */
export const useMissing737Card = () =>
  useQuery({
    queryKey: ['home', 'missing-737'],
    queryFn: () => api.get('/api/cases/missing-737?limit=200', missing737Page),
    select: (page) => cut(page.items.map((c) => ({ id: c.caseId, label: c.number, note: c.officeName, to: `/cases/${c.caseId}` }))),
    ...live,
  });
