import {
  consultListQuery,
  consultPage,
  consultView,
  decisionMapBody,
  enterConsultBody,
  holdConsultBody,
  idempotencyKey,
  idParams,
  monthlyDataBody,
  monthlyDataView,
  overrideConsultBody,
  requestConsultBody,
} from '@harbor/policy/api';
import { badRequest } from '../http/errors.js';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { completeDecisionMap, enterConsult, holdConsult, overrideConsult } from './commands.js';
import { completeMonthlyData } from './monthly.js';
import { listConsults, readConsult, requestConsultFor } from './service.js';

const tags = ['consults'];

export function registerConsultRoutes(app: HarborApp): void {
  const { clock, config, vault } = app.harbor;
  const ctx = { clock, vault, timeZone: config.timeZone };
  app.get(
    '/api/consults',
    {
      config: { permission: 'consult.read', auditAction: 'consult.list' },
      schema: {
        summary: 'HART consults within your reach: your office’s (liaison, supervisor), your region’s (HART Lead), all (HART Director), those you asked for; open ones first, then by request time, a page at a time',
        tags,
        querystring: consultListQuery,
        response: { 200: consultPage },
      },
    },
    async (req) => listConsults(repoOf(req), ctx, req.query),
  );
  app.get(
    '/api/consults/:id',
    { config: { permission: 'consult.read', auditAction: 'consult.read', recordType: 'consult' }, schema: { summary: 'One HART consult', tags, params: idParams, response: { 200: consultView } } },
    async (req) => readConsult(repoOf(req), ctx, req.params.id),
  );
  app.post(
    '/api/consults',
    {
      config: { permission: 'consult.request', auditAction: 'consult.request', recordType: 'consult' },
      schema: {
        summary: 'Request a HART consult on a referral assigned to you or a case within your reach; the area office’s liaisons owe it within 72 hours (IN-1, OG-1, HL-1)',
        description: 'Give an idempotency key (the Idempotency-Key header or `idempotencyKey`) so a retried request answers the first consult (200).',
        tags,
        body: requestConsultBody,
        response: { 200: consultView, 201: consultView },
      },
    },
    async (req, reply) => {
      const header = req.headers['idempotency-key'];
      let key = req.body.idempotencyKey ?? null;
      if (typeof header === 'string') {
        const parsed = idempotencyKey.safeParse(header);
        if (!parsed.success) throw badRequest('idempotencyKey', parsed.error.issues[0]?.message ?? 'Not a valid key');
        if (key !== null && key !== parsed.data) throw badRequest('idempotencyKey', 'The header and the body give different keys');
        key = parsed.data;
      }
      const { view, created } = await requestConsultFor(repoOf(req), ctx, req.body, key);
      return reply.status(created ? 201 : 200).send(view);
    },
  );
  app.post(
    '/api/consults/:id/hold',
    {
      config: { permission: 'consult.write', auditAction: 'consult.hold', recordType: 'consult' },
      schema: { summary: 'The office’s HART liaison records the consult held: participants, information reviewed, recommendations (HL-1, HL-4, HL-6)', tags, params: idParams, body: holdConsultBody, response: { 200: consultView } },
    },
    async (req) => holdConsult(repoOf(req), ctx, req.params.id, req.body),
  );
  app.put(
    '/api/consults/:id/decision-map',
    {
      config: { permission: 'consult.write', auditAction: 'consult.decision_map', recordType: 'consult' },
      schema: { summary: 'Complete the Decision Map: a sex and a labor trafficking risk level, with the answers that led to each (HL-3)', tags, params: idParams, body: decisionMapBody, response: { 200: consultView } },
    },
    async (req) => completeDecisionMap(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/consults/:id/override',
    {
      config: { permission: 'consult.override', auditAction: 'consult.override', recordType: 'consult' },
      schema: { summary: 'Override a Decision Map level with a reason: a supervisor of the office, the region’s HART Lead or the HART Director (HL-3)', tags, params: idParams, body: overrideConsultBody, response: { 200: consultView } },
    },
    async (req) => overrideConsult(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/consults/:id/enter',
    {
      config: { permission: 'consult.write', auditAction: 'consult.enter', recordType: 'consult' },
      schema: { summary: 'The consult is entered into the case management system (HL-5, within 5 business days of the consult)', tags, params: idParams, body: enterConsultBody, response: { 200: consultView } },
    },
    async (req) => enterConsult(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/hart/monthly-data',
    {
      config: { permission: 'consult.write', auditAction: 'hart.monthly_data' },
      schema: { summary: 'A HART liaison has entered a month’s HART data (HL-5); completes that month’s duty', tags: ['hart'], body: monthlyDataBody, response: { 200: monthlyDataView } },
    },
    async (req) => completeMonthlyData(repoOf(req), ctx, req.body),
  );
}
