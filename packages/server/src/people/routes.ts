import { createPersonBody, idParams, personView, updatePersonBody, noQuery } from '@harbor/policy/api';
import { z } from 'zod';
import type { HarborApp } from '../http/types.js';
import { createPerson, listPeople, readPerson, updatePerson } from './service.js';

export function registerPeopleRoutes(app: HarborApp): void {
  const { database, vault } = app.harbor;
  const tags = ['people'];
  app.get(
    '/api/people',
    { config: { permission: 'person.read', auditAction: 'person.list' }, schema: { summary: 'People within your reach', tags, querystring: noQuery, response: { 200: z.array(personView) } } },
    async (req) => listPeople(database.db, vault, req.actor),
  );
  app.get(
    '/api/people/:id',
    {
      config: { permission: 'person.read', auditAction: 'person.read', recordType: 'person' },
      schema: { summary: 'One person', tags, params: idParams, response: { 200: personView } },
    },
    async (req) => readPerson(database.db, vault, req.actor, req.params.id),
  );
  app.post(
    '/api/people',
    {
      config: { permission: 'person.write', auditAction: 'person.create', recordType: 'person' },
      schema: { summary: 'Record a person', tags, body: createPersonBody, response: { 201: personView } },
    },
    async (req, reply) => reply.status(201).send(await createPerson(database.db, vault, req.actor, req.body)),
  );
  app.patch(
    '/api/people/:id',
    {
      config: { permission: 'person.write', auditAction: 'person.update', recordType: 'person' },
      schema: { summary: 'Change a person', tags, params: idParams, body: updatePersonBody, response: { 200: personView } },
    },
    async (req) => updatePerson(database.db, vault, req.actor, req.params.id, req.body),
  );
}
