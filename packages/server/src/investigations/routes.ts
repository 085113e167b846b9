import { completeItemBody, htFoundBody, htFoundResult, investigationFactBody, investigationItemParams, investigationView, referralIdParams } from '@harbor/policy/api';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { reportHtFound } from './ht-found.js';
import { completeItem, readInvestigation, recordFact } from './service.js';

const tags = ['investigations'];

export function registerInvestigationRoutes(app: HarborApp): void {
  const { clock, vault, config } = app.harbor;
  const ctx = { clock, vault, timeZone: config.timeZone };
  app.get(
    '/api/investigations/:referralId',
    {
      // The duties of a referral: its investigation worker and those who oversee the area office (work.oversee) read them.
      config: { permission: 'work.read', auditAction: 'investigation.read', recordType: 'referral' },
      schema: { summary: 'The investigation checklist of an accepted referral (IN-1 .. IN-8): each duty with its clause, due time, state and outcome', tags, params: referralIdParams, response: { 200: investigationView } },
    },
    async (req) => readInvestigation(repoOf(req), ctx, req.params.referralId),
  );
  app.post(
    '/api/investigations/:referralId/items/:obligationId',
    {
      config: { permission: 'investigation.write', auditAction: 'investigation.complete_item', recordType: 'referral' },
      schema: {
        summary: 'Complete a checklist item: done (who, when, outcome; IN-6 names the designated hospital), not warranted / not possible with a reason, or IN-1 by requesting the HART consult',
        tags,
        params: investigationItemParams,
        body: completeItemBody,
        response: { 200: investigationView },
      },
    },
    async (req) => completeItem(repoOf(req), ctx, req.params.referralId, req.params.obligationId, req.body),
  );
  app.post(
    '/api/investigations/:referralId/facts',
    {
      config: { permission: 'investigation.write', auditAction: 'investigation.fact', recordType: 'referral' },
      schema: { summary: 'Record a fact learned during the investigation: the child is not a U.S. citizen (IN-7) or is missing (IN-8)', tags, params: referralIdParams, body: investigationFactBody, response: { 200: investigationView } },
    },
    async (req) => recordFact(repoOf(req), ctx, req.params.referralId, req.body),
  );
  app.post(
    '/api/investigations/:referralId/ht-found',
    {
      config: { permission: 'investigation.write', auditAction: 'investigation.ht_found', recordType: 'referral' },
      schema: {
        summary: 'HT first identified during this investigation (IN-4): a new Careline referral with the HT category, submitted, and the Critical Incident; idempotent by key',
        tags,
        params: referralIdParams,
        body: htFoundBody,
        response: { 201: htFoundResult },
      },
    },
    async (req, reply) => reply.status(201).send(await reportHtFound(repoOf(req), { ...ctx, config }, req.params.referralId, req.body)),
  );
}
