import { approvalPending, createUserBody, idParams, resetPasswordBody, updateUserBody, userListQuery, userPage, userView, type ApprovalPending, type UserView } from '@harbor/policy/api';
import type { FastifyReply } from 'fastify';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { createUser, getUser, listUsers, resetPassword, updateUser } from './service.js';

/** CF-1: a change that waits for a second administrator answers 202 with the pending change. */
const answer = (reply: FastifyReply, r: UserView | ApprovalPending, done: 200 | 201) => reply.status('pending' in r ? 202 : done).send(r);

export function registerUserRoutes(app: HarborApp): void {
  const { clock, config } = app.harbor;
  const ctx = () => ({ config, now: clock.now() });
  const pending = 'CF-1: a change that gives reach to children’s records beyond one office waits for a second administrator (202).';
  const tags = ['users'];

  app.get(
    '/api/users',
    { config: { permission: 'user.read' }, schema: { summary: 'Staff accounts by name, a page at a time', tags, querystring: userListQuery, response: { 200: userPage } } },
    async (req) => listUsers(repoOf(req), req.query, clock.now()),
  );
  app.get(
    '/api/users/:id',
    { config: { permission: 'user.read', recordType: 'user' }, schema: { summary: 'One staff account', tags, params: idParams, response: { 200: userView } } },
    async (req) => getUser(repoOf(req), req.params.id, clock.now()),
  );
  app.post(
    '/api/users',
    {
      config: { permission: 'user.manage', auditAction: 'user.create', recordType: 'user' },
      schema: { summary: 'Create a staff account', description: pending, tags, body: createUserBody, response: { 201: userView, 202: approvalPending } },
    },
    async (req, reply) => answer(reply, await createUser(repoOf(req), req.body, ctx()), 201),
  );
  app.patch(
    '/api/users/:id',
    {
      config: { permission: 'user.manage', auditAction: 'user.update', recordType: 'user' },
      schema: { summary: 'Change roles, office or name; disable or enable', description: pending, tags, params: idParams, body: updateUserBody, response: { 200: userView, 202: approvalPending } },
    },
    async (req, reply) => answer(reply, await updateUser(repoOf(req), req.params.id, req.body, ctx()), 200),
  );
  app.post(
    '/api/users/:id/password',
    {
      config: { permission: 'user.manage', auditAction: 'user.reset_password', recordType: 'user' },
      schema: { summary: 'Reset a password (and unlock the account)', description: pending, tags, params: idParams, body: resetPasswordBody, response: { 200: userView, 202: approvalPending } },
    },
    async (req, reply) => answer(reply, await resetPassword(repoOf(req), req.params.id, req.body, ctx()), 200),
  );
}
