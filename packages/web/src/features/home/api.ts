import { casePage, consultPage, missing737Page, noticeProblemPage, referralSummaryPage, supportPage, triageQueuePage, workPage } from '@harbor/policy/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api-client';
import { useT } from '../../i18n';
import { policyWord } from '../../i18n/policy-word';
import { leading } from './leading';

/**
 * The home pages' live queues: the same server lists the queue pages read, one small page each
 * (issue 11), counted and cut to the first few. A page with a next one counts "N or more": a card
 * never claims a total it did not read. (Home imports no other feature: these small readers are its own.)
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
  /** The rows read (the whole queue when `more` is false). */
  count: number;
  /** The queue goes on beyond the page read: the count is "N or more". */
  more: boolean;
  items: LiveItem[];
}

/** What a card reads: one page of this many rows, the first `shown` of them listed. */
export const cardPage = 20;
const shown = 3;
const cut = (items: LiveItem[], nextCursor: string | null): LiveQueue => ({ count: items.length, more: nextCursor !== null, items: items.slice(0, shown) });
const live = { staleTime: 30_000, retry: false } as const;

/**
 * DR-1: the statewide queue, and those in it not yet triaged. The server lists the untriaged first,
 * so they are the page's leading rows: counted there, exactly, or "N or more" when they fill it.
 */
export const useTriageCard = (onlyWaiting: boolean) =>
  useQuery({
    queryKey: ['home', 'triage-queue'],
    queryFn: () => api.get(`/api/referrals/triage-queue?limit=${cardPage}`, triageQueuePage),
    select: ({ items, nextCursor }) => {
      const waiting = leading(items, (r) => !r.triage, nextCursor);
      const rows = onlyWaiting ? items.slice(0, waiting.count) : items;
      const queue = cut(rows.map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/triage` })), nextCursor);
      return onlyWaiting ? { ...queue, more: waiting.more } : queue;
    },
    ...live,
  });

/** CL-2: non-acceptances waiting for a Careline supervisor. */
export const useApprovalsCard = () =>
  useQuery({
    queryKey: ['home', 'approvals'],
    queryFn: () => api.get(`/api/referrals?status=not_accepted_pending_approval&limit=${cardPage}`, referralSummaryPage),
    select: ({ items, nextCursor }) => cut(items.map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/approval` })), nextCursor),
    ...live,
  });

/** CL-5: accepted referrals waiting for an investigation worker, soonest due first. */
export const useAssignmentCard = () =>
  useQuery({
    queryKey: ['home', 'assignment-queue'],
    queryFn: () => api.get(`/api/referrals/assignment-queue?limit=${cardPage}`, referralSummaryPage),
    select: ({ items, nextCursor }) => cut(items.map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/assignment` })), nextCursor),
    ...live,
  });

/** CL-4: notices failing or failed, escalated to the Careline supervisor. */
export const useNoticeProblemsCard = () =>
  useQuery({
    queryKey: ['home', 'notice-problems'],
    queryFn: () => api.get(`/api/referrals/notice-problems?limit=${cardPage}`, noticeProblemPage),
    select: ({ items, nextCursor }) => cut(items.map((n) => ({ id: n.noticeId, label: n.referralNumber, note: n.partnerName, to: `/referrals/${n.referralId}` })), nextCursor),
    ...live,
  });

/**
 * Issue 4, item 7: the caller's open duties, overdue ones counted (My work). The server lists them
 * by due time, so the overdue lead the page: counted there, or "N or more" when they fill it.
 */
export const useMyWorkCard = () => {
  const t = useT();
  return useQuery({
    queryKey: ['home', 'work'],
    queryFn: () => api.get(`/api/work?limit=${cardPage}`, workPage),
    select: ({ items, nextCursor }) => {
      const now = Date.now();
      return {
        ...cut(items.map((d) => ({ id: d.id, label: `${d.clause} ${d.subjectNumber ?? ''}`.trim(), note: policyWord(t.policy.duties, d.completes, d.label), to: `/obligations/${d.id}` })), nextCursor),
        overdue: leading(items, (d) => d.state === 'overdue' || Date.parse(d.dueAt) < now, nextCursor),
      };
    },
    ...live,
  });
};

/** HL-1, HL-5: the office's consults waiting to be held (soonest due first), or held and waiting to be entered. */
export const useConsultsCard = (status: 'requested' | 'held') =>
  useQuery({
    queryKey: ['home', 'consults', status],
    queryFn: () => api.get(`/api/consults?status=${status}&limit=${cardPage}`, consultPage),
    select: ({ items, nextCursor }) => cut(items.map((c) => ({ id: c.id, label: c.number, note: c.office.name, to: `/consults/${c.id}` })), nextCursor),
    ...live,
  });

/** LD-2, LD-4: open support requests (a liaison's own, a Lead's region's), or escalations for the Director. */
export const useSupportCard = (status: 'open' | 'escalated') =>
  useQuery({
    queryKey: ['home', 'support', status],
    queryFn: () => api.get(`/api/hart/support?status=${status}&limit=${cardPage}`, supportPage),
    select: ({ items, nextCursor }) => cut(items.map((s) => ({ id: s.id, label: s.consult?.number ?? s.office.name, note: s.requestedBy.name, to: `/hart/support/${s.id}` })), nextCursor),
    ...live,
  });

/** Casework: the open cases within the worker's reach (assigned to an ongoing worker). */
export const useMyCasesCard = () =>
  useQuery({
    queryKey: ['home', 'cases'],
    queryFn: () => api.get(`/api/cases?limit=${cardPage}`, casePage),
    select: ({ items, nextCursor }) => cut(items.map((c) => ({ id: c.id, label: c.number, note: c.townName, to: `/cases/${c.id}` })), nextCursor),
    ...live,
  });

/** IN-1 .. IN-8: the accepted referrals assigned to this investigation worker (the server's exact filter), each opening its checklist. */
export const useInvestigationsCard = (userId: string) =>
  useQuery({
    queryKey: ['home', 'investigations', userId],
    queryFn: () => api.get(`/api/referrals?status=accepted&investigatorId=${encodeURIComponent(userId)}&limit=${cardPage}`, referralSummaryPage),
    select: ({ items, nextCursor }) => cut(items.map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/investigation` })), nextCursor),
    ...live,
  });

/** HL-2: open cases with an HT concern whose DCF-737 was not sent. */
export const useMissing737Card = () =>
  useQuery({
    queryKey: ['home', 'missing-737'],
    queryFn: () => api.get(`/api/cases/missing-737?limit=${cardPage}`, missing737Page),
    select: ({ items, nextCursor }) => cut(items.map((c) => ({ id: c.caseId, label: c.number, note: c.officeName, to: `/cases/${c.caseId}` })), nextCursor),
    ...live,
  });
