import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@harbor/policy';
import pg from 'pg';
import type { DestinationStream } from 'pino';
import { buildApp, type RouteInfo } from '../app.js';
import { auditKeyFrom, useAuditKey } from '../audit/index.js';
import { loadConfig, type Config } from '../config.js';
import { createVault, type Vault } from '../crypto/index.js';
import { openDatabase, type Database } from '../db/client.js';
import type { Clock, HarborApp } from '../http/types.js';
import { demoPassword, demoUsername, seedAgencyStructure, seedDemo } from '../seed/index.js';

/**
 * Integration tests run against a real database: PGlite in memory by default, and a fresh
 * database on the PostgreSQL server of TEST_DATABASE_URL when it is set (`npm test` does both).
 */
export const onPostgres = Boolean(process.env['TEST_DATABASE_URL']);

export interface TestDatabase {
  database: Database;
  /** Superuser connection string of the same database (PostgreSQL only), for tampering tests. */
  adminUrl: string | null;
  /** Connection string as the application's role (PostgreSQL only). */
  appUrl: string | null;
  drop(): Promise<void>;
}

function withDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Where the run's migrated template database is (set by the integration project's global setup,
 * src/test/global-setup.ts): a PGlite data-folder dump, or the name of a PostgreSQL database.
 * Unset (a single file run outside Vitest, the bench), each test database is migrated from empty.
 */
const templateVariable = 'HARBOR_TEST_DB_TEMPLATE';

export interface DatabaseTemplate {
  /** The value of HARBOR_TEST_DB_TEMPLATE for the test processes. */
  ref: string;
  drop(): Promise<void>;
}

/**
 * Migrates one empty database for the whole run. Creating PGlite's data folder (initdb in
 * WebAssembly) and running every migration took about 8 of a test file's 10 s of set-up; a copy
 * of the migrated database (a loaded dump on PGlite, CREATE DATABASE ... TEMPLATE on PostgreSQL)
 * gives each file the same schema, triggers and grants in a second or two.
 */
export async function createDatabaseTemplate(): Promise<DatabaseTemplate> {
  const appBase = process.env['TEST_DATABASE_URL'];
  if (!appBase) {
    const database = await openDatabase({ databaseUrl: null, dataDir: '', command: 'test template', inMemory: true });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-test-template-'));
    const file = path.join(dir, 'migrated.tar');
    try {
      await database.migrate();
      const dump = await database.dumpDataDir!();
      fs.writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
    } finally {
      await database.close();
    }
    return { ref: file, drop: () => Promise.resolve(fs.rmSync(dir, { recursive: true, force: true })) };
  }
  const { name, database } = await newPostgresDatabase(appBase, null);
  try {
    await database.migrate();
  } finally {
    await database.close();
  }
  return { ref: name, drop: () => dropPostgresDatabase(name) };
}

const adminBaseUrl = (appBase: string) => process.env['TEST_DATABASE_ADMIN_URL'] ?? appBase;

/** A new database on the server of TEST_DATABASE_URL (a copy of `template` when given), opened as the application's role. */
async function newPostgresDatabase(appBase: string, template: string | null): Promise<{ name: string; database: Database; appUrl: string; adminUrl: string }> {
  const adminBase = adminBaseUrl(appBase);
  const appRole = new URL(appBase).username || 'postgres';
  const name = `harbor_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminBase });
  await admin.connect();
  try {
    // As in production: the owner role (here the superuser) holds the tables and runs the
    // migrations; the application's role is only granted what it needs (a template's tables keep
    // their grants; the database's own grant is made again).
    await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
    await admin.query(`grant connect, temporary on database ${name} to "${appRole}"`);
  } finally {
    await admin.end();
  }
  const appUrl = withDatabaseName(appBase, name);
  const adminUrl = withDatabaseName(adminBase, name);
  const database = await openDatabase({ databaseUrl: appUrl, ownerUrl: adminBase === appBase ? null : adminUrl, dataDir: '', command: 'test' });
  return { name, database, appUrl, adminUrl };
}

async function dropPostgresDatabase(name: string): Promise<void> {
  const c = new pg.Client({ connectionString: adminBaseUrl(process.env['TEST_DATABASE_URL'] ?? '') });
  await c.connect();
  try {
    await c.query(`drop database if exists ${name} with (force)`);
  } finally {
    await c.end();
  }
}

/**
 * A fresh database for one test file (PGlite in memory, or a new database on TEST_DATABASE_URL's
 * server). The benchmark may keep it (`keep`: drop() only closes it) or open one it kept earlier
 * (`reuse`: its name on the same server; migrated, not created).
 */
export async function createTestDatabase(opts: { keep?: boolean; reuse?: string } = {}): Promise<TestDatabase & { name: string | null }> {
  // The audit chain is keyed (audit/key.ts): derived from the test data key, as a server without
  // HARBOR_AUDIT_KEY derives it from its own.
  useAuditKey(auditKeyFrom({ auditKey: null, dataKey: testDataKey, dataDir: '' }));
  const appBase = process.env['TEST_DATABASE_URL'];
  const template = process.env[templateVariable] || null;
  if (!appBase) {
    if (opts.reuse) throw new Error('A kept database can be reused on PostgreSQL only (set TEST_DATABASE_URL).');
    const snapshot = template ? new Blob([fs.readFileSync(template)]) : undefined;
    const database = await openDatabase({ databaseUrl: null, dataDir: '', command: 'test', inMemory: true, ...(snapshot ? { snapshot } : {}) });
    // Nothing to do on the template's copy; from empty, every migration.
    await database.migrate();
    return { database, adminUrl: null, appUrl: null, name: null, drop: () => database.close() };
  }
  let kept: { name: string; database: Database; appUrl: string; adminUrl: string };
  if (opts.reuse) {
    if (!/^harbor_t_[0-9a-f]{12}$/.test(opts.reuse)) throw new Error(`Not a kept test database: ${opts.reuse}`);
    const appUrl = withDatabaseName(appBase, opts.reuse);
    const adminBase = adminBaseUrl(appBase);
    const adminUrl = withDatabaseName(adminBase, opts.reuse);
    const database = await openDatabase({ databaseUrl: appUrl, ownerUrl: adminBase === appBase ? null : adminUrl, dataDir: '', command: 'test' });
    kept = { name: opts.reuse, database, appUrl, adminUrl };
  } else kept = await newPostgresDatabase(appBase, template);
  const { name, database, appUrl, adminUrl } = kept;
  await database.migrate();
  return {
    database,
    adminUrl,
    appUrl,
    name,
    async drop() {
      await database.close();
      if (!opts.keep && !opts.reuse) await dropPostgresDatabase(name);
    },
  };
}

/** A clock tests can move. */
export class TestClock implements Clock {
  constructor(private current = new Date()) {}
  now(): Date {
    return new Date(this.current);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
  set(d: Date): void {
    this.current = new Date(d);
  }
}

/** The data key of every test server (synthetic data only); tests open sealed rows with it. */
export const testDataKey = 'harbor-test-data-key-not-for-real-records';

export interface TestServer {
  app: HarborApp & { routesList: RouteInfo[] };
  /** The server's vault, for tests that read sealed rows directly. */
  vault: Vault;
  baseUrl: string;
  config: Config;
  clock: TestClock;
  db: TestDatabase;
  close(): Promise<void>;
}

export interface TestServerOptions {
  /** Receives the server's JSON log lines (give `logLevel` in the overrides too; the default is silent). */
  logStream?: DestinationStream;
  /** Routes only a test needs (one that fails on purpose, say), added before the server listens. */
  routes?: (app: HarborApp) => void;
}

export async function startTestServer(overrides: Partial<Config> = {}, options: TestServerOptions = {}): Promise<TestServer> {
  const db = await createTestDatabase();
  await seedAgencyStructure(db.database.db);
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { secureCookies: false, dataKey: testDataKey, ...overrides });
  const vault = createVault(config.dataKey ?? testDataKey);
  useAuditKey(auditKeyFrom(config));
  await seedDemo(db.database.db, vault);
  const clock = new TestClock();
  const app = await buildApp({ config, database: db.database, vault, clock, serveWeb: false, ...(options.logStream ? { logStream: options.logStream } : {}) });
  options.routes?.(app);
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    app,
    vault,
    baseUrl: `http://127.0.0.1:${port}`,
    config,
    clock,
    db,
    async close() {
      await app.close();
      await db.drop();
    },
  };
}

export interface Reply<T = unknown> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * A browser-like HTTP client: keeps its cookies and sends the CSRF token on changes, and, as a
 * browser does on POST, PUT, PATCH and DELETE, the Origin header of the page it acts from
 * (Harbor's own, `baseUrl`, unless told otherwise).
 */
export class Client {
  private cookies = new Map<string, string>();
  csrfToken = '';

  constructor(
    readonly baseUrl: string,
    readonly origin: string = new URL(baseUrl).origin,
  ) {}

  /** The Cookie header this client sends (tests replay it to prove an old session is dead). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  private keepCookies(headers: Headers): void {
    for (const line of headers.getSetCookie()) {
      const [pair] = line.split(';');
      const eq = pair?.indexOf('=') ?? -1;
      if (!pair || eq < 0) continue;
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (value === '' || /expires=Thu, 01 Jan 1970/i.test(line) || /max-age=0/i.test(line)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }

  /** `origin`: the Origin header to send instead of this client's own (null: none at all). */
  async raw(method: string, path: string, init: { body?: string; headers?: Record<string, string>; origin?: string | null } = {}): Promise<Reply> {
    const headers: Record<string, string> = { ...init.headers };
    const origin = init.origin === undefined ? this.origin : init.origin;
    if (method !== 'GET' && method !== 'HEAD' && origin !== null) headers['origin'] = origin;
    if (this.cookies.size > 0) headers['cookie'] = this.cookieHeader();
    const res = await fetch(`${this.baseUrl}${path}`, { method, headers, body: init.body ?? null });
    this.keepCookies(res.headers);
    const text = await res.text();
    let body: unknown = text;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON */
    }
    return { status: res.status, body, headers: res.headers };
  }

  async request<T = unknown>(method: string, path: string, body?: unknown): Promise<Reply<T>> {
    const headers: Record<string, string> = {};
    if (method !== 'GET' && method !== 'HEAD') headers['x-csrf-token'] = this.csrfToken;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const reply = await this.raw(method, path, { headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    return reply as Reply<T>;
  }

  get<T = unknown>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  patch<T = unknown>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = unknown>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** Fetches the session (and the CSRF token that goes with it). */
  async refresh(): Promise<Reply<{ user: { id: string } | null; csrfToken: string; endedReason: string | null }>> {
    const r = await this.get<{ user: { id: string } | null; csrfToken: string; endedReason: string | null }>('/api/session');
    this.csrfToken = r.body.csrfToken;
    return r;
  }

  async signIn(username: string, password: string): Promise<Reply<{ csrfToken: string; user: { id: string } | null }>> {
    await this.refresh();
    const r = await this.post<{ csrfToken: string; user: { id: string } | null }>('/api/session', { username, password });
    if (r.status === 200) this.csrfToken = r.body.csrfToken;
    return r;
  }
}

/** A client signed in as the demo user of a role. */
export async function signedIn(server: TestServer, role: Role): Promise<Client> {
  const c = new Client(server.baseUrl);
  const r = await c.signIn(demoUsername(role), demoPassword);
  if (r.status !== 200) throw new Error(`demo sign-in for ${role} failed: ${r.status}`);
  return c;
}
