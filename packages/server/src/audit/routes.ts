import { auditPage, auditQuery } from '@harbor/policy/api';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { searchAudit } from './service.js';

export function registerAuditRoutes(app: HarborApp): void {
  const { config } = app.harbor;
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.read', auditAction: 'audit.search' },
      schema: { summary: 'Search the audit trail (newest first)', tags: ['audit'], querystring: auditQuery, response: { 200: auditPage } },
    },
    async (req) => searchAudit(repoOf(req), req.query, config.timeZone),
  );
}
