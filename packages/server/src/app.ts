import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify from 'fastify';
import type { DestinationStream } from 'pino';
import { jsonSchemaTransform, serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { registerAgencyRoutes } from './agency/routes.js';
import { registerApprovalRoutes } from './approvals/routes.js';
import { registerAuditRoutes } from './audit/routes.js';
import { warmUpPasswordHashing } from './auth/index.js';
import { registerAuthRoutes } from './auth/routes.js';
import { registerConsultRoutes } from './consults/index.js';
import { registerDirectoryRoutes } from './directory/index.js';
import { registerHartRoutes } from './hart/index.js';
import type { Config } from './config.js';
import { dataLayer } from './data/index.js';
import type { Database } from './db/client.js';
import { errorHandler } from './http/error-handler.js';
import { installGuard, isApiRoute } from './http/guard.js';
import { installJsonParser } from './http/json-body.js';
import { loggerOptions } from './http/logger.js';
import { systemClock, type Clock, type HarborApp, type RoutePermission } from './http/types.js';
import { zodValidatorCompiler } from './http/validation.js';
import { registerObligationRoutes } from './obligations/index.js';
import { registerOfficeRoutes } from './offices/routes.js';
import { registerOutboxRoutes } from './outbox/routes.js';
import { registerHealthRoutes } from './ops/routes.js';
import { registerPeopleRoutes } from './people/routes.js';
import { registerReferralRoutes } from './referrals/index.js';
import { registerTimelineRoutes } from './timeline/routes.js';
import { registerInvestigationRoutes } from './investigations/index.js';
import { registerCaseRoutes } from './cases/index.js';
import { registerUserRoutes } from './users/routes.js';
import type { Vault } from './crypto/index.js';

export interface RouteInfo {
  method: string;
  url: string;
  permission: RoutePermission;
}

export interface BuildOptions {
  config: Config;
  database: Database;
  /** The data key's vault (loadVault); tests give one of a fixed key. */
  vault: Vault;
  clock?: Clock;
  /** Serve the built web app (off in API tests). */
  serveWeb?: boolean;
  /** Where the JSON log lines go (default: standard output); tests capture them. */
  logStream?: DestinationStream;
}

export async function buildApp(opts: BuildOptions): Promise<HarborApp & { routesList: RouteInfo[] }> {
  const { config, database } = opts;
  const fastify = Fastify({
    logger: loggerOptions(config.logLevel, opts.logStream),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    // Graceful shutdown: close() lets in-flight requests finish and drops idle keep-alives.
    forceCloseConnections: 'idle',
    return503OnClosing: true,
    routerOptions: { ignoreTrailingSlash: true },
  }).withTypeProvider<ZodTypeProvider>();

  const app = fastify as unknown as HarborApp & { routesList: RouteInfo[] };
  app.decorate('harbor', { config, data: dataLayer(database), vault: opts.vault, clock: opts.clock ?? systemClock });
  const routesList: RouteInfo[] = [];
  app.decorate('routesList', routesList);

  app.setValidatorCompiler(zodValidatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  installJsonParser(app);

  // Every API route must say which permission it needs; a route without one does not start.
  app.addHook('onRoute', (route) => {
    // The API document and its viewer describe every route: for signed-in users only (the guard
    // answers 401 otherwise). They are not routes of the API itself, so not in routesList.
    if (route.url.startsWith('/api/docs')) {
      route.config = { ...route.config, permission: 'authenticated' };
      return;
    }
    if (!isApiRoute(route.url)) return;
    const permission = route.config?.permission;
    if (!permission) throw new Error(`Route ${String(route.method)} ${route.url} declares no permission`);
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      routesList.push({ method: String(method), url: route.url, permission });
    }
  });

  // Graceful shutdown: an answer sent while closing also closes its keep-alive connection, so
  // close() need not wait for the client's idle connection to time out (72 s) after the last request.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', async (req, reply, payload) => {
    void reply.header('x-request-id', req.id);
    if (closing) void reply.header('connection', 'close');
    if (req.routeOptions.config.permission !== undefined || isApiRoute(req.url)) void reply.header('cache-control', 'no-store');
    return payload;
  });

  await app.register(cookie);
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        // Harbor may run on plain http://localhost; never rewrite its requests to https.
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: config.secureCookies ? { maxAge: 31536000, includeSubDomains: true } : false,
    // Referer and Origin only to Harbor itself. Not `no-referrer`: under it a browser sends
    // `Origin: null` with a form's POST (the acknowledgment page's button), which the origin
    // check (http/origin.ts) must refuse.
    referrerPolicy: { policy: 'same-origin' },
  });
  await app.register(rateLimit, { max: 600, timeWindow: '1 minute', allowList: () => config.env === 'test' });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Harbor API', version: '0.1.0', description: 'Case response and tracking for child-trafficking work. Every route needs a signed-in session cookie and, for changes, the x-csrf-token header.' },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP: true,
    // Served on plain http://localhost too: keep same-origin loads as they are.
    transformStaticCSP: (header) => header.replace(/\s*upgrade-insecure-requests;?/, '').replace(/ https:/g, ''),
  });

  installGuard(app);
  await warmUpPasswordHashing();

  registerHealthRoutes(app);
  registerAuthRoutes(app);
  registerAgencyRoutes(app);
  registerOfficeRoutes(app);
  registerUserRoutes(app);
  registerPeopleRoutes(app);
  registerAuditRoutes(app);
  registerOutboxRoutes(app);
  registerDirectoryRoutes(app);
  registerApprovalRoutes(app);
  registerReferralRoutes(app);
  registerObligationRoutes(app);
  registerTimelineRoutes(app);
  registerConsultRoutes(app);
  registerHartRoutes(app);
  registerInvestigationRoutes(app);
  registerCaseRoutes(app);

  if (opts.serveWeb !== false && fs.existsSync(path.join(config.webDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: config.webDist, wildcard: false, index: false });
    // The single-page app answers every other GET that is not an API or asset path.
    app.setNotFoundHandler((req, reply) => {
      if (req.method === 'GET' && !isApiRoute(req.url) && !path.extname(req.url.split('?')[0] ?? '')) {
        return reply.type('text/html').sendFile('index.html');
      }
      return reply.status(404).send({ error: 'not_found', message: 'Not found.', requestId: req.id });
    });
  } else {
    app.setNotFoundHandler((req, reply) => reply.status(404).send({ error: 'not_found', message: 'Not found.', requestId: req.id }));
  }

  return app;
}
