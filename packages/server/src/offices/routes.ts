import { createOfficeBody, idParams, officeListQuery, officePage, officeView, updateOfficeBody } from '@harbor/policy/api';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { createOffice, listOffices, readOffice, updateOffice } from './service.js';

export function registerOfficeRoutes(app: HarborApp): void {
  const tags = ['offices'];

  app.get(
    '/api/offices',
    { config: { permission: 'office.read' }, schema: { summary: 'Offices and units by name, a page at a time', tags, querystring: officeListQuery, response: { 200: officePage } } },
    async (req) => listOffices(repoOf(req), req.query),
  );
  app.get(
    '/api/offices/:id',
    {
      config: { permission: 'office.read', recordType: 'office' },
      schema: { summary: 'One office', tags, params: idParams, response: { 200: officeView } },
    },
    async (req) => readOffice(repoOf(req), req.params.id),
  );
  app.post(
    '/api/offices',
    {
      config: { permission: 'office.manage', auditAction: 'office.create', recordType: 'office' },
      schema: { summary: 'Create an office or unit', tags, body: createOfficeBody, response: { 201: officeView } },
    },
    async (req, reply) => reply.status(201).send(await createOffice(repoOf(req), req.body)),
  );
  app.patch(
    '/api/offices/:id',
    {
      config: { permission: 'office.manage', auditAction: 'office.update', recordType: 'office' },
      schema: { summary: 'Change an office', tags, params: idParams, body: updateOfficeBody, response: { 200: officeView } },
    },
    async (req) => updateOffice(repoOf(req), req.params.id, req.body),
  );
}
