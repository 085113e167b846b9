import type { FastifyServerOptions } from 'fastify';
import type { DestinationStream } from 'pino';

/**
 * Structured JSON logs with request ids and no personal data: only method, route pattern,
 * status and timing. Query strings (which may carry a search for a name), bodies, cookies and
 * headers are never logged.
 */
export function loggerOptions(level: string, stream?: DestinationStream): FastifyServerOptions['logger'] {
  return {
    level,
    ...(stream ? { stream } : {}),
    base: { service: 'harbor' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    serializers: {
      req(req: { method?: string; routeOptions?: { url?: string }; url?: string; id?: string }) {
        const path = req.routeOptions?.url ?? (req.url ?? '').split('?')[0];
        return { method: req.method, route: path, id: req.id };
      },
      res(res: { statusCode?: number }) {
        return { statusCode: res.statusCode };
      },
    },
    redact: { paths: ['req.headers', 'headers', 'cookie', 'password', '*.password', 'body'], remove: true },
  };
}
