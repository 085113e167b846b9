import { createOfficeBody, idParams, officeView, updateOfficeBody, noQuery } from '@harbor/policy/api';
import { z } from 'zod';
import { assertActor } from '../access/index.js';
import type { HarborApp } from '../http/types.js';
import { createOffice, getOffice, listOffices, updateOffice } from './service.js';

export function registerOfficeRoutes(app: HarborApp): void {
  const { database } = app.harbor;
  const tags = ['offices'];

  app.get(
    '/api/offices',
    { config: { permission: 'office.read' }, schema: { summary: 'Offices and units', tags, querystring: noQuery, response: { 200: z.array(officeView) } } },
    async (req) => {
      assertActor(req.actor);
      return listOffices(database.db);
    },
  );
  app.get(
    '/api/offices/:id',
    {
      config: { permission: 'office.read', recordType: 'office' },
      schema: { summary: 'One office', tags, params: idParams, response: { 200: officeView } },
    },
    async (req) => {
      assertActor(req.actor);
      return getOffice(database.db, req.params.id);
    },
  );
  app.post(
    '/api/offices',
    {
      config: { permission: 'office.manage', auditAction: 'office.create', recordType: 'office' },
      schema: { summary: 'Create an office or unit', tags, body: createOfficeBody, response: { 201: officeView } },
    },
    async (req, reply) => reply.status(201).send(await createOffice(database.db, req.actor, req.body)),
  );
  app.patch(
    '/api/offices/:id',
    {
      config: { permission: 'office.manage', auditAction: 'office.update', recordType: 'office' },
      schema: { summary: 'Change an office', tags, params: idParams, body: updateOfficeBody, response: { 200: officeView } },
    },
    async (req) => updateOffice(database.db, req.actor, req.params.id, req.body),
  );
}
