import { caseListQuery, casePage, caseWorkerView, caseView, createCaseBody, htConcernBody, idParams, missing737Page, missing737Query, noQuery, phoneNoticeBody } from '@harbor/policy/api';
import { z } from 'zod';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { raiseHtConcern } from './ht-concern.js';
import { casesMissing737 } from './missing-737.js';
import { recordCasePhoneNotice } from './phone.js';
import { caseWorkers, createCase, listCases, readCase } from './service.js';

const tags = ['cases'];

export function registerCaseRoutes(app: HarborApp): void {
  const { clock, vault, config } = app.harbor;
  app.get(
    '/api/cases',
    {
      config: { permission: 'case.read', auditAction: 'case.list' },
      schema: { summary: 'Open cases within your reach, HT concerns first, a page at a time; filter by HT concern and by a missing DCF-737 (HL-2)', tags, querystring: caseListQuery, response: { 200: casePage } },
    },
    async (req) => listCases(repoOf(req), vault, req.query),
  );
  app.get(
    '/api/cases/missing-737',
    {
      config: { permission: 'case.read', auditAction: 'case.missing_737' },
      schema: {
        summary: 'HL-2: open cases with an HT concern in your HART reach that lack a sent DCF-737, with the reason (HART liaisons, leads and the Director); oldest concern first, a page at a time',
        tags,
        querystring: missing737Query,
        response: { 200: missing737Page },
      },
    },
    async (req) => casesMissing737(repoOf(req), req.query),
  );
  app.get(
    '/api/cases/workers',
    {
      config: { permission: 'case.write', auditAction: 'case.workers' },
      schema: { summary: 'The ongoing workers of your office, to give a new case to', tags, querystring: noQuery, response: { 200: z.array(caseWorkerView) } },
    },
    async (req) => caseWorkers(repoOf(req)),
  );
  app.get(
    '/api/cases/:id',
    { config: { permission: 'case.read', auditAction: 'case.read', recordType: 'case' }, schema: { summary: 'One open case: child, worker, HT concern, notices, consults, duties', tags, params: idParams, response: { 200: caseView } } },
    async (req) => readCase(repoOf(req), vault, req.params.id),
  );
  app.post(
    '/api/cases',
    {
      config: { permission: 'case.write', auditAction: 'case.create', recordType: 'case' },
      schema: { summary: 'Open a case directly (later imported from the agency’s main system): the child, the area office, the ongoing worker; idempotent by key', tags, body: createCaseBody, response: { 201: caseView } },
    },
    async (req, reply) => reply.status(201).send(await createCase(repoOf(req), { clock, vault }, req.body)),
  );
  app.post(
    '/api/cases/:id/ht-concern',
    {
      config: { permission: 'case.write', auditAction: 'case.ht_concern', recordType: 'case' },
      schema: {
        summary: 'Raise an HT concern (OG-1 .. OG-4): red flags, HART consult, DCF-737 to the five parties, a Careline referral; idempotent by key',
        tags,
        params: idParams,
        body: htConcernBody,
        response: { 200: caseView },
      },
    },
    async (req) => raiseHtConcern(repoOf(req), { clock, vault, timeZone: config.timeZone, config }, req.params.id, req.body),
  );
  app.post(
    '/api/cases/:id/phone-notices',
    {
      config: { permission: 'case.write', auditAction: 'case.phone_notice', recordType: 'case' },
      schema: {
        summary: 'Record the immediate phone notice to local police of an HT concern on the case (OG-2); closes the duty',
        tags,
        params: idParams,
        body: phoneNoticeBody,
        response: { 200: caseView },
      },
    },
    async (req) => recordCasePhoneNotice(repoOf(req), { clock, vault, timeZone: config.timeZone }, req.params.id, req.body),
  );
}
