import { approvalPending, directoryQuery, idParams, partnerAgencyView, updatePartnerAgencyBody } from '@harbor/policy/api';
import { z } from 'zod';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { listDirectory, updatePartnerAgency } from './service.js';

export function registerDirectoryRoutes(app: HarborApp): void {
  const { config, clock } = app.harbor;
  const tags = ['directory'];
  app.get(
    '/api/directory',
    {
      config: { permission: 'directory.read', auditAction: 'directory.list' },
      schema: { summary: 'Partner agencies notices go to (CL-4)', tags, querystring: directoryQuery, response: { 200: z.array(partnerAgencyView) } },
    },
    async (req) => listDirectory(repoOf(req), req.query),
  );
  app.patch(
    '/api/directory/:id',
    {
      config: { permission: 'directory.manage', auditAction: 'directory.update', recordType: 'partner_agency' },
      schema: {
        summary: 'Change a partner agency’s contact',
        description: 'CF-1: a new address for a party whose mail names a child waits for a second administrator (202).',
        tags,
        params: idParams,
        body: updatePartnerAgencyBody,
        response: { 200: partnerAgencyView, 202: approvalPending },
      },
    },
    async (req, reply) => {
      const r = await updatePartnerAgency(repoOf(req), req.params.id, req.body, { config, now: clock.now() });
      return reply.status('pending' in r ? 202 : 200).send(r);
    },
  );
}
