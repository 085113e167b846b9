import { z } from 'zod';
import type { HarborApp } from '../http/types.js';

export function registerHealthRoutes(app: HarborApp): void {
  const { data } = app.harbor;
  app.get(
    '/healthz',
    {
      config: { permission: 'public' },
      schema: {
        summary: 'Liveness and database reachability',
        tags: ['operations'],
        response: { 200: z.object({ status: z.literal('ok'), database: z.string() }), 503: z.object({ status: z.literal('unavailable'), database: z.string() }) },
      },
    },
    async (req, reply) => {
      try {
        await data.ping();
        return { status: 'ok' as const, database: data.kind };
      } catch {
        req.log.warn('health check: database unreachable');
        return reply.status(503).send({ status: 'unavailable' as const, database: data.kind });
      }
    },
  );
}
