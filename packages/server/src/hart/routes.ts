import {
  addTeamMemberBody,
  hartTeamView,
  idParams,
  memberParams,
  noQuery,
  officeParams,
  recordMeetingBody,
  supportAnswerBody,
  supportDirectorBody,
  supportEscalateBody,
  supportListQuery,
  supportPage,
  supportRequestBody,
  supportView,
} from '@harbor/policy/api';
import { z } from 'zod';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { answerSupport, escalateSupport, listSupport, readSupport, requestSupport, respondToEscalation } from './support.js';
import { addTeamMember, listTeams, recordMeeting, removeTeamMember } from './teams.js';

const tags = ['hart'];

/** LD-1 (teams and meetings), LD-2, LD-4, DR-3, DR-4 (support and escalations). */
export function registerHartRoutes(app: HarborApp): void {
  const { clock, config, vault } = app.harbor;
  const ctx = { clock, vault, timeZone: config.timeZone };
  app.get(
    '/api/hart/teams',
    {
      config: { permission: 'hart_team.read', auditAction: 'hart_team.list' },
      schema: { summary: 'Local HART teams within your reach, with members and latest meetings (LD-1)', tags, querystring: noQuery, response: { 200: z.array(hartTeamView) } },
    },
    async (req) => listTeams(repoOf(req), ctx),
  );
  app.post(
    '/api/hart/teams/:officeId/members',
    {
      config: { permission: 'hart_team.manage', auditAction: 'hart_team.add_member', recordType: 'hart_team' },
      schema: { summary: 'The region’s HART Lead (or the Director) adds a member to an office’s team (LD-1)', tags, params: officeParams, body: addTeamMemberBody, response: { 201: hartTeamView } },
    },
    async (req, reply) => reply.status(201).send(await addTeamMember(repoOf(req), ctx, req.params.officeId, req.body)),
  );
  app.delete(
    '/api/hart/teams/:officeId/members/:memberId',
    {
      config: { permission: 'hart_team.manage', auditAction: 'hart_team.remove_member', recordType: 'hart_team' },
      schema: { summary: 'A member leaves an office’s team (LD-1)', tags, params: memberParams, response: { 200: hartTeamView } },
    },
    async (req) => removeTeamMember(repoOf(req), ctx, req.params.officeId, req.params.memberId),
  );
  app.post(
    '/api/hart/teams/:officeId/meetings',
    {
      config: { permission: 'hart_team.read', auditAction: 'hart_team.meeting', recordType: 'hart_team' },
      schema: {
        summary: 'Record a local HART meeting: the region’s Lead, the Director or the office’s liaison (LD-1)',
        description: 'Give `idempotencyKey` so a retried request answers the first meeting (200) instead of recording it twice.',
        tags,
        params: officeParams,
        body: recordMeetingBody,
        response: { 200: hartTeamView, 201: hartTeamView },
      },
    },
    async (req, reply) => {
      const { team, created } = await recordMeeting(repoOf(req), ctx, req.params.officeId, req.body);
      return reply.status(created ? 201 : 200).send(team);
    },
  );
  app.get(
    '/api/hart/support',
    {
      config: { permission: 'hart_support.read', auditAction: 'hart_support.list' },
      schema: { summary: 'Support requests: a liaison’s own, a Lead’s region’s, every one for the Director, escalations first, then by request time; a page at a time (LD-2, DR-4)', tags, querystring: supportListQuery, response: { 200: supportPage } },
    },
    async (req) => listSupport(repoOf(req), req.query),
  );
  app.get(
    '/api/hart/support/:id',
    { config: { permission: 'hart_support.read', auditAction: 'hart_support.read', recordType: 'support_request' }, schema: { summary: 'One support request', tags, params: idParams, response: { 200: supportView } } },
    async (req) => readSupport(repoOf(req), ctx, req.params.id),
  );
  app.post(
    '/api/hart/support',
    {
      config: { permission: 'hart_support.request', auditAction: 'hart_support.request', recordType: 'support_request' },
      schema: { summary: 'A liaison asks the region’s HART Lead for support on a consult or a case (LD-2)', tags, body: supportRequestBody, response: { 200: supportView, 201: supportView } },
    },
    async (req, reply) => {
      const { view, created } = await requestSupport(repoOf(req), ctx, req.body);
      return reply.status(created ? 201 : 200).send(view);
    },
  );
  app.post(
    '/api/hart/support/:id/answer',
    {
      config: { permission: 'hart_support.handle', auditAction: 'hart_support.answer', recordType: 'support_request' },
      schema: { summary: 'The region’s HART Lead answers a support request (LD-2)', tags, params: idParams, body: supportAnswerBody, response: { 200: supportView } },
    },
    async (req) => answerSupport(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/hart/support/:id/escalate',
    {
      config: { permission: 'hart_support.handle', auditAction: 'hart_support.escalate', recordType: 'support_request' },
      schema: { summary: 'The Lead escalates to the HART Director what cannot be handled locally (LD-4)', tags, params: idParams, body: supportEscalateBody, response: { 200: supportView } },
    },
    async (req) => escalateSupport(repoOf(req), ctx, req.params.id, req.body),
  );
  app.post(
    '/api/hart/support/:id/director-response',
    {
      config: { permission: 'hart_support.handle', auditAction: 'hart_support.director_response', recordType: 'support_request' },
      schema: { summary: 'The HART Director answers an escalation (DR-3)', tags, params: idParams, body: supportDirectorBody, response: { 200: supportView } },
    },
    async (req) => respondToEscalation(repoOf(req), ctx, req.params.id, req.body),
  );
}
