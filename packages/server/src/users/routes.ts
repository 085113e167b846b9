import { approvalPending, createUserBody, idParams, resetPasswordBody, updateUserBody, userListQuery, userView, type ApprovalPending, type UserView } from '@harbor/policy/api';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { assertActor } from '../access/index.js';
import type { HarborApp } from '../http/types.js';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './service.js';

/** CF-1: a change that waits for a second administrator answers 202 with the pending change. */
const answer = (reply: FastifyReply, r: UserView | ApprovalPending, done: 200 | 201) => reply.status('pending' in r ? 202 : done).send(r);

export function registerUserRoutes(app: HarborApp): void {
  const { database, clock, config } = app.harbor;
  const ctx = () => ({ config, now: clock.now() });
  const pending = 'CF-1: a change that gives reach to children’s records beyond one office waits for a second administrator (202).';
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
      schema: { summary: 'Create a staff account', description: pending, tags, body: createUserBody, response: { 201: userView, 202: approvalPending } },
    },
    async (req, reply) => answer(reply, await createUser(database.db, req.actor, req.body, ctx()), 201),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'user.manage', auditAction: 'user.update', recordType: 'user' },
      schema: { summary: 'Change roles, office or name; disable or enable', description: pending, tags, params: idParams, body: updateUserBody, response: { 200: userView, 202: approvalPending } },
    },
    async (req, reply) => answer(reply, await updateUser(database.db, req.actor, req.params.id, req.body, ctx()), 200),
  );
  app.post(
    '/api/users/:id/password',
    {
      config: { permission: 'user.manage', auditAction: 'user.reset_password', recordType: 'user' },
      schema: { summary: 'Reset a password (and unlock the account)', description: pending, tags, params: idParams, body: resetPasswordBody, response: { 200: userView, 202: approvalPending } },
    },
    async (req, reply) => answer(reply, await resetPassword(database.db, req.actor, req.params.id, req.body, ctx()), 200),
  );
}
