import { outboxPage, outboxQuery } from '@harbor/policy/api';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { repoOf } from '../http/guard.js';
import type { HarborApp } from '../http/types.js';
import { acknowledge, ackPage, ackStatus } from './ack.js';
import { linkKeys } from './links.js';
import { listOutbox } from './service.js';

/** Bounded and otherwise free: a malformed token is answered with the same neutral page as a wrong one. */
const ackParams = z.strictObject({ token: z.string().min(1).max(100) });

export function registerOutboxRoutes(app: HarborApp): void {
  const { data, config, clock } = app.harbor;
  // Nobody is signed in on the link's page: the partner's opening is the system's work, named by
  // the request (its id and address), never by a user, and answering nothing of the case.
  const partner = (req: { id: string; ip: string }) => data.forSystem('ack-link', { requestId: req.id, clientAddress: req.ip });

  app.get(
    '/api/outbox',
    {
      config: { permission: 'outbox.read', auditAction: 'outbox.list' },
      schema: { summary: 'Outgoing mail and its delivery status (newest first; no message bodies)', tags: ['outbox'], querystring: outboxQuery, response: { 200: outboxPage } },
    },
    // The page says plainly when no mail server is configured: nothing is sent then (issue 3, item 12).
    async (req) => listOutbox(repoOf(req), req.query, config.smtpUrl ? 'smtp' : 'none'),
  );

  // The acknowledgment link in every notice: public, and the page it shows holds no case data.
  // GET (and the HEAD Fastify answers from it) only shows the page: mail scanners and link
  // previews open links, so opening one acknowledges nothing. The page's "Confirm receipt"
  // button POSTs to the same address, and only that records the acknowledgment, once.
  app.get(
    '/ack/:token',
    {
      config: { permission: 'public', auditAction: 'notice.acknowledge' },
      schema: { summary: 'The acknowledgment page of a notice (the link in the e-mail): a "Confirm receipt" button; changes nothing', tags: ['outbox'], params: ackParams },
    },
    async (req, reply) => {
      const keys = await linkKeys(data, config.secretKey);
      const { status, html } = ackPage(await ackStatus(partner(req), keys, req.params.token, clock.now()));
      return reply.status(status).header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
    },
  );

  // The page's form posts application/x-www-form-urlencoded with no fields: taken, and ignored, on this route only.
  void app.register((plugin, _opts, registered) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (_req, _body, done) => done(null, undefined));
    scope.post(
      '/ack/:token',
      {
        config: { permission: 'public', auditAction: 'notice.acknowledge', tokenInPath: true },
        schema: { summary: 'Confirm receipt of a notice (the button of the acknowledgment page): recorded once', tags: ['outbox'], params: ackParams },
      },
      async (req, reply) => {
        const keys = await linkKeys(data, config.secretKey);
        const result = await acknowledge(partner(req), keys, req.params.token, clock.now());
        const { status, html } = ackPage(result);
        return reply.status(status).header('x-robots-tag', 'noindex, nofollow').type('text/html; charset=utf-8').send(html);
      },
    );
    registered();
  });
}
