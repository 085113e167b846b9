import { createUserBody, idParams, resetPasswordBody, updateUserBody, userListQuery, userView } from '@harbor/policy/api';
import { z } from 'zod';
import { assertActor } from '../access/index.js';
import type { HarborApp } from '../http/types.js';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './service.js';

export function registerUserRoutes(app: HarborApp): void {
  const { database, clock } = app.harbor;
  const tags = ['users'];

  app.get(
    '/api/users',
    { config: { permission: 'user.read' }, schema: { summary: 'Staff accounts', tags, querystring: userListQuery, response: { 200: z.array(userView) } } },
    async (req) => listUsers(database.db, req.actor, req.query, clock.now()),
  );
  app.get(
    '/api/users/:id',
    { config: { permission: 'user.read', recordType: 'user' }, schema: { summary: 'One staff account', tags, params: idParams, response: { 200: userView } } },
    async (req) => {
      assertActor(req.actor);
      return getUser(database.db, req.params.id, clock.now());
    },
  );
  app.post(
    '/api/users',
    {
      config: { permission: 'user.manage', auditAction: 'user.create', recordType: 'user' },
      schema: { summary: 'Create a staff account', tags, body: createUserBody, response: { 201: userView } },
    },
    async (req, reply) => reply.status(201).send(await createUser(database.db, req.actor, req.body, clock.now())),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'user.manage', auditAction: 'user.update', recordType: 'user' },
      schema: { summary: 'Change roles, office or name; disable or enable', tags, params: idParams, body: updateUserBody, response: { 200: userView } },
    },
    async (req) => updateUser(database.db, req.actor, req.params.id, req.body, clock.now()),
  );
  app.post(
    '/api/users/:id/password',
    {
      config: { permission: 'user.manage', auditAction: 'user.reset_password', recordType: 'user' },
      schema: { summary: 'Reset a password (and unlock the account)', tags, params: idParams, body: resetPasswordBody, response: { 200: userView } },
    },
    async (req) => resetPassword(database.db, req.actor, req.params.id, req.body, clock.now()),
  );
}
