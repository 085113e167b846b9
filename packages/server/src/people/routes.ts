import { createPersonBody, idParams, personListQuery, personPage, personView, updatePersonBody } from '@harbor/policy/api';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { createPerson, listPeople, readPerson, updatePerson } from './service.js';

export function registerPeopleRoutes(app: HarborApp): void {
  const { vault } = app.harbor;
  const tags = ['people'];
  app.get(
    '/api/people',
    { config: { permission: 'person.read', auditAction: 'person.list' }, schema: { summary: 'People within your reach, newest first, a page at a time', tags, querystring: personListQuery, response: { 200: personPage } } },
    async (req) => listPeople(repoOf(req), vault, req.query),
  );
  app.get(
    '/api/people/:id',
    {
      config: { permission: 'person.read', auditAction: 'person.read', recordType: 'person' },
      schema: { summary: 'One person', tags, params: idParams, response: { 200: personView } },
    },
    async (req) => readPerson(repoOf(req), vault, req.params.id),
  );
  app.post(
    '/api/people',
    {
      config: { permission: 'person.write', auditAction: 'person.create', recordType: 'person' },
      schema: { summary: 'Record a person', tags, body: createPersonBody, response: { 201: personView } },
    },
    async (req, reply) => reply.status(201).send(await createPerson(repoOf(req), vault, req.body)),
  );
  app.patch(
    '/api/people/:id',
    {
      config: { permission: 'person.write', auditAction: 'person.update', recordType: 'person' },
      schema: { summary: 'Change a person', tags, params: idParams, body: updatePersonBody, response: { 200: personView } },
    },
    async (req) => updatePerson(repoOf(req), vault, req.params.id, req.body),
  );
}
