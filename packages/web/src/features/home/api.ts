import { caseSummaryView, missing737Item, noticeProblemView, referralSummaryView, triageQueueItem } from '@harbor/policy/api';
import { useQuery } from '@tanstack/react-query';
import { z } from 'zod';
import { api } from '../../lib/api-client';

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
    queryFn: () => api.get('/api/referrals/triage-queue', z.array(triageQueueItem)),
    select: (rows) => cut(rows.filter((r) => !onlyWaiting || !r.triage).map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/triage` }))),
    ...live,
  });

/** CL-2: non-acceptances waiting for a Careline supervisor. */
export const useApprovalsCard = () =>
  useQuery({
    queryKey: ['home', 'approvals'],
    queryFn: () => api.get('/api/referrals?status=not_accepted_pending_approval', z.array(referralSummaryView)),
    select: (rows) => cut(rows.map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/approval` }))),
    ...live,
  });

/** CL-5: accepted referrals waiting for an investigation worker, soonest due first. */
export const useAssignmentCard = () =>
  useQuery({
    queryKey: ['home', 'assignment-queue'],
    queryFn: () => api.get('/api/referrals/assignment-queue', z.array(referralSummaryView)),
    select: (rows) => cut(rows.map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/assignment` }))),
    ...live,
  });

/** CL-4: notices failing or failed, escalated to the Careline supervisor. */
export const useNoticeProblemsCard = () =>
  useQuery({
    queryKey: ['home', 'notice-problems'],
    queryFn: () => api.get('/api/referrals/notice-problems', z.array(noticeProblemView)),
    select: (rows) => cut(rows.map((n) => ({ id: n.noticeId, label: n.referralNumber, note: n.partnerName, to: `/referrals/${n.referralId}` }))),
    ...live,
  });

/** Casework: the open cases within the worker's reach (assigned to an ongoing worker). */
export const useMyCasesCard = () =>
  useQuery({
    queryKey: ['home', 'cases'],
    queryFn: () => api.get('/api/cases', z.array(caseSummaryView)),
    select: (rows) => cut(rows.map((c) => ({ id: c.id, label: c.number, note: c.townName, to: `/cases/${c.id}` }))),
    ...live,
  });

/** IN-1 .. IN-8: the accepted referrals assigned to this investigation worker, each opening its checklist. */
export const useInvestigationsCard = (userId: string) =>
  useQuery({
    queryKey: ['home', 'investigations', userId],
    queryFn: () => api.get('/api/referrals?status=accepted', z.array(referralSummaryView)),
    select: (rows) => cut(rows.filter((r) => r.investigatorId === userId).map((r) => ({ id: r.id, label: r.number, note: r.townName, to: `/referrals/${r.id}/investigation` }))),
    ...live,
  });

/** HL-2: open cases with an HT concern whose DCF-737 was not sent. */
export const useMissing737Card = () =>
  useQuery({
    queryKey: ['home', 'missing-737'],
    queryFn: () => api.get('/api/cases/missing-737', z.array(missing737Item)),
    select: (rows) => cut(rows.map((c) => ({ id: c.caseId, label: c.number, note: c.officeName, to: `/cases/${c.caseId}` }))),
    ...live,
  });
