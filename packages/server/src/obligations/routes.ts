import { completeObligationBody, complianceQuery, complianceView, idParams, noQuery, notNeededBody, obligationView, workListQuery, workOwnerPage, workOwnersQuery, workPage, workUnitQuery } from '@harbor/policy/api';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { completeObligation, markNotNeeded, readCompliance, readMyWork, readObligation, readUnitOwners, readUnitWork } from './actions.js';
import type { ObligationContext } from './service.js';

const tags = ['work'];

/** Work queues, compliance and duties (issue 4, items 2 and 7). */
export function registerObligationRoutes(app: HarborApp): void {
  const { clock, config, vault } = app.harbor;
  const ctx: ObligationContext = { clock, vault, timeZone: config.timeZone };
  app.get(
    '/api/work',
    {
      config: { permission: 'work.read', auditAction: 'work.read' },
      schema: { summary: 'My work: the duties you own, owned by your role in your office, or escalated to you; overdue first, then by due time; a page at a time', tags, querystring: workListQuery, response: { 200: workPage } },
    },
    async (req) => readMyWork(repoOf(req), req.query),
  );
  app.get(
    '/api/work/unit',
    {
      config: { permission: 'work.oversee', auditAction: 'work.unit' },
      schema: { summary: 'Your unit’s duties: a supervisor’s office, a HART Lead’s region, the HART Director’s state; overdue first, then by due time; a page at a time', tags, querystring: workUnitQuery, response: { 200: workPage } },
    },
    async (req) => readUnitWork(repoOf(req), req.query),
  );
  app.get(
    '/api/work/unit/owners',
    {
      config: { permission: 'work.oversee', auditAction: 'work.unit_owners' },
      schema: { summary: 'The staff who own open or overdue duties in your unit (the choices of the unit list’s owner filter), by name; a page at a time', tags, querystring: workOwnersQuery, response: { 200: workOwnerPage } },
    },
    async (req) => readUnitOwners(repoOf(req), req.query),
  );
  app.get(
    '/api/compliance',
    {
      config: { permission: 'compliance.read', auditAction: 'compliance.read' },
      schema: { summary: 'DR-4: statewide compliance: consults held within 72 hours (HL-1), overdue duties by office, overdue consults', tags, querystring: complianceQuery, response: { 200: complianceView } },
    },
    async (req) => readCompliance(repoOf(req), ctx, req.query),
  );
  app.get(
    '/api/obligations/:id',
    {
      config: { permission: 'work.read', auditAction: 'obligation.read', recordType: 'obligation' },
      schema: { summary: 'One duty with its full history', tags, params: idParams, querystring: noQuery, response: { 200: obligationView } },
    },
    async (req) => readObligation(repoOf(req), ctx, req.params.id),
  );
  app.post(
    '/api/obligations/:id/complete',
    {
      config: { permission: 'obligation.update', auditAction: 'obligation.complete', recordType: 'obligation' },
      schema: { summary: 'Complete a checklist duty: who did it, when, the outcome', tags, params: idParams, body: completeObligationBody, response: { 200: obligationView } },
    },
    async (req) => completeObligation(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/obligations/:id/not-needed',
    {
      config: { permission: 'obligation.update', auditAction: 'obligation.not_needed', recordType: 'obligation' },
      schema: { summary: 'Mark a duty not needed, with the reason (kept sealed)', tags, params: idParams, body: notNeededBody, response: { 200: obligationView } },
    },
    async (req) => markNotNeeded(repoOf(req), ctx, req.params.id, req.body),
  );
}
