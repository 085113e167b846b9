import { approvalListQuery, approvalPage, approvalView, approveBody, idParams, rejectBody } from '@harbor/policy/api';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { approveChange, listApprovals, rejectChange } from './decide.js';

/** CF-1: changes that wait for a second administrator. */
export function registerApprovalRoutes(app: HarborApp): void {
  const { clock, config } = app.harbor;
  const tags = ['approvals'];
  app.get(
    '/api/approvals',
    {
      config: { permission: 'approval.decide' },
      schema: { summary: 'Administrative changes awaiting a second administrator (CF-1)', tags, querystring: approvalListQuery, response: { 200: approvalPage } },
    },
    async (req) => listApprovals(repoOf(req), req.query),
  );
  app.post(
    '/api/approvals/:id/approve',
    {
      config: { permission: 'approval.decide', auditAction: 'approval.approve', recordType: 'approval_request' },
      schema: { summary: 'Approve another administrator’s change; it takes effect now', tags, params: idParams, body: approveBody, response: { 200: approvalView } },
    },
    async (req) => approveChange(repoOf(req), req.params.id, { config, now: clock.now() }),
  );
  app.post(
    '/api/approvals/:id/reject',
    {
      config: { permission: 'approval.decide', auditAction: 'approval.reject', recordType: 'approval_request' },
      schema: { summary: 'Reject a pending change, with a reason', tags, params: idParams, body: rejectBody, response: { 200: approvalView } },
    },
    async (req) => rejectChange(repoOf(req), req.params.id, req.body, { config, now: clock.now() }),
  );
}
