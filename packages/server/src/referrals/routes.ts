import { personMatchBody, personMatchView, approveNonAcceptanceBody, arrestReferralBody, assignReferralBody, investigatorPage, noticeProblemPage, decideReferralBody, triageQueuePage, triageReferralBody, idParams, phoneNoticeBody, referralDraft, referralListQuery, referralQueueQuery, referralSummaryPage, referralSummaryView, referralView, submitDraftBody, updateReferralDraftBody, idempotencyKey } from '@harbor/policy/api';
import { referralFromArrest } from '@harbor/policy';
import { z } from 'zod';
import { badRequest } from '../http/errors.js';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { approveNonAcceptance } from './approval.js';
import { assignInvestigator, assignmentEntry, assignmentQueue, investigators } from './assignment.js';
import { noticeProblems } from './notice-problems.js';
import { triageQueue, triageReferral } from './triage.js';
import { decideReferral } from './decision.js';
import { recordPhoneNotice } from './phone.js';
import { createDraft, listReferrals, readReferral, updateDraft } from './service.js';
import { submitReferral } from './submit.js';
import { findPersonMatches } from './person-matches.js';

const tags = ['referrals'];

export function registerReferralRoutes(app: HarborApp): void {
  const { clock, config, vault } = app.harbor;
  const ctx = { clock, vault, timeZone: config.timeZone };
  app.get(
    '/api/referrals',
    {
      config: { permission: 'referral.read', auditAction: 'referral.list' },
      schema: { summary: 'Referrals within your reach (your drafts; the queue by status), a page at a time, by last change, submission or creation', tags, querystring: referralListQuery, response: { 200: referralSummaryPage } },
    },
    async (req) => listReferrals(repoOf(req), vault, req.query),
  );
  app.get(
    '/api/referrals/assignment-queue',
    {
      config: { permission: 'referral.assign', auditAction: 'referral.assignment_queue' },
      schema: {
        summary: 'Accepted referrals waiting for an investigation worker, in your Regional Office (or the SIU) (CL-5)',
        tags,
        querystring: referralQueueQuery,
        response: { 200: referralSummaryPage },
      },
    },
    async (req) => assignmentQueue(repoOf(req), vault, req.query),
  );
  app.get(
    '/api/referrals/investigators',
    {
      config: { permission: 'referral.assign', auditAction: 'referral.investigators' },
      schema: {
        summary: 'Investigation social workers you may assign, with the referrals each holds now (CL-5)',
        tags,
        querystring: referralQueueQuery,
        response: { 200: investigatorPage },
      },
    },
    async (req) => investigators(repoOf(req), req.query),
  );
  app.get(
    '/api/referrals/notice-problems',
    {
      config: { permission: 'referral.approve', auditAction: 'referral.notice_problems' },
      schema: {
        summary: 'Notices whose e-mail is failing or failed, escalated to the Careline supervisor (CL-4)',
        tags,
        querystring: referralQueueQuery,
        response: { 200: noticeProblemPage },
      },
    },
    async (req) => noticeProblems(repoOf(req), req.query),
  );
  app.get(
    '/api/referrals/triage-queue',
    {
      config: { permission: 'referral.triage', auditAction: 'referral.triage_queue' },
      schema: {
        summary: 'The HART Director’s statewide queue: every referral with a DCF-737 sent or HT characteristics, accepted or not, untriaged first (DR-1)',
        tags,
        querystring: referralQueueQuery,
        response: { 200: triageQueuePage },
      },
    },
    async (req) => triageQueue(repoOf(req), vault, req.query),
  );
  app.post(
    '/api/referrals/person-matches',
    {
      config: { permission: 'referral.write', auditAction: 'referral.person_matches' },
      schema: {
        summary: 'Children Harbor already knows that the child being recorded may be (repeat victims), best first, at most 10: initials, birth year, town and earlier referral numbers; full details only of the linked child (linkedPersonId); a per-user hourly limit (429)',
        description: 'A child matches on name or alias together with date of birth or town, or on date of birth and town with a partial name. Names compare without regard to case, accents or punctuation.',
        tags,
        body: personMatchBody,
        response: { 200: z.array(personMatchView) },
      },
    },
    async (req) => findPersonMatches(repoOf(req), { vault, perHour: config.matchSearchesPerHour }, req.body),
  );
  app.get(
    '/api/referrals/:id',
    { config: { permission: 'referral.read', auditAction: 'referral.read', recordType: 'referral' }, schema: { summary: 'One referral', tags, params: idParams, response: { 200: referralView } } },
    async (req) => readReferral(repoOf(req), vault, req.params.id),
  );
  app.post(
    '/api/referrals',
    {
      config: { permission: 'referral.write', auditAction: 'referral.create', recordType: 'referral' },
      schema: { summary: 'Start a referral (a draft)', tags, body: referralDraft, response: { 201: referralView } },
    },
    async (req, reply) => reply.status(201).send(await createDraft(repoOf(req), ctx, req.body)),
  );
  app.post(
    '/api/referrals/from-arrest',
    {
      config: { permission: 'referral.write', auditAction: 'referral.create_from_arrest', recordType: 'referral' },
      schema: {
        summary: 'Start a referral from a police report of a youth arrested for prostitution: the youth is the child victim (CL-8)',
        tags,
        body: arrestReferralBody,
        response: { 201: referralView },
      },
    },
    async (req, reply) => {
      const { receivedAt, report, officerPhone, youth } = req.body;
      const draft = referralFromArrest({ receivedAt, report, youth, ...(officerPhone ? { officerPhone } : {}) });
      return reply.status(201).send(await createDraft(repoOf(req), ctx, draft, 'arrest_report'));
    },
  );
  app.patch(
    '/api/referrals/:id',
    {
      config: { permission: 'referral.write', auditAction: 'referral.update', recordType: 'referral' },
      schema: { summary: 'Save a draft (autosave); a stale version is refused', tags, params: idParams, body: updateReferralDraftBody, response: { 200: referralView } },
    },
    async (req) => updateDraft(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/referrals/:id/submit',
    {
      config: { permission: 'referral.write', auditAction: 'referral.submit', recordType: 'referral' },
      schema: {
        summary: 'Submit a referral: notices to every required party (CL-4), DCF-823 when HT is evident (CL-5)',
        description: 'Give an idempotency key (the Idempotency-Key header or `idempotencyKey`) so a retried submit answers the first.',
        tags,
        params: idParams,
        body: submitDraftBody,
        response: { 200: referralView },
      },
    },
    async (req) => {
      const header = req.headers['idempotency-key'];
      let key = req.body.idempotencyKey ?? null;
      if (typeof header === 'string') {
        const parsed = idempotencyKey.safeParse(header);
        if (!parsed.success) throw badRequest('idempotencyKey', parsed.error.issues[0]?.message ?? 'Not a valid key');
        if (key !== null && key !== parsed.data) throw badRequest('idempotencyKey', 'The header and the body give different keys');
        key = parsed.data;
      }
      return submitReferral(repoOf(req), { config, clock, vault }, req.params.id, req.body.version, key);
    },
  );
  app.post(
    '/api/referrals/:id/phone-notices',
    {
      config: { permission: 'referral.write', auditAction: 'referral.phone_notice', recordType: 'referral' },
      schema: { summary: 'Record the immediate phone notice to local police (CL-4)', tags, params: idParams, body: phoneNoticeBody, response: { 200: referralView } },
    },
    async (req) => recordPhoneNotice(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/referrals/:id/decision',
    {
      config: { permission: 'referral.write', auditAction: 'referral.decide', recordType: 'referral' },
      schema: { summary: 'Accept (with the response priority, CL-6) or not accept (pending approval, CL-2)', tags, params: idParams, body: decideReferralBody, response: { 200: referralView } },
    },
    async (req) => decideReferral(repoOf(req), { config, clock, vault, timeZone: config.timeZone }, req.params.id, req.body),
  );
  app.post(
    '/api/referrals/:id/approval',
    {
      config: { permission: 'referral.approve', auditAction: 'referral.approve_non_acceptance', recordType: 'referral' },
      schema: { summary: 'A Careline supervisor approves or returns a non-acceptance (CL-2)', tags, params: idParams, body: approveNonAcceptanceBody, response: { 200: referralView } },
    },
    async (req) => approveNonAcceptance(repoOf(req), ctx, req.params.id, req.body),
  );
  app.get(
    '/api/referrals/:id/assignment',
    {
      config: { permission: 'referral.assign', auditAction: 'referral.read', recordType: 'referral' },
      schema: {
        summary: 'One referral of your assignment queue, as the queue shows it (CL-5): accepted, waiting for an investigation worker, sent to an office your queue holds; otherwise not found',
        tags,
        params: idParams,
        response: { 200: referralSummaryView },
      },
    },
    async (req) => assignmentEntry(repoOf(req), vault, req.params.id),
  );
  app.post(
    '/api/referrals/:id/assignment',
    {
      config: { permission: 'referral.assign', auditAction: 'referral.assign', recordType: 'referral' },
      schema: {
        summary: 'Assign an investigation social worker to an accepted referral (CL-5); answers the summary (a supervisor does not read the referral itself)',
        tags,
        params: idParams,
        body: assignReferralBody,
        response: { 200: referralSummaryView },
      },
    },
    async (req) => assignInvestigator(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/referrals/:id/triage',
    {
      config: { permission: 'referral.triage', auditAction: 'referral.triage', recordType: 'referral' },
      schema: { summary: 'The HART Director triages a referral: regional HART team, MDT, or no further action with a reason (DR-2)', tags, params: idParams, body: triageReferralBody, response: { 200: referralView } },
    },
    async (req) => triageReferral(repoOf(req), ctx, req.params.id, req.body),
  );
}
