/**
 * The benchmark suite (issue 11): `npm run bench`. For each scale asked for, a fresh database
 * (PostgreSQL when BENCH_DATABASE_URL or TEST_DATABASE_URL is set, else PGlite in memory) gets the
 * demo agency's staff and a synthetic history of that many referrals (history/generate.ts); then
 * the real server starts on it, with its delivery worker sending to a real SMTP peer, and the
 * suite signs in as each role and measures every work queue, list, search, timeline and dashboard
 * read; the intake (referral submission at 8 and 32 concurrent, next to a raw-SQL writer of the
 * same rows in the same run); and the time from a submission's answer to its DCF-737 at the SMTP
 * peer. Prints a table per scale and writes a report (docs/benchmarks.md with --docs). Prints
 * figures; asserts nothing.
 *
 *   npm run bench                                   small scale (2,000 referrals), PGlite
 *   npm run bench -- --scales 50000,500000 --docs   (or BENCH_SCALES=50000,500000)
 *   BENCH_DATABASE_URL=postgres://harbor_app@host/db BENCH_DATABASE_ADMIN_URL=postgres://postgres@host/db npm run bench
 *
 * Knobs (environment): BENCH_READS (samples per read, 40), BENCH_READ_SECONDS (time cap per read,
 * 20), BENCH_INTAKE (submissions per concurrency level, 96), BENCH_MAIL (submissions timed to the
 * SMTP peer, 20), BENCH_NOTE (a line for the report).
 *
 * A large history takes long to generate; on PostgreSQL it can be generated once and measured
 * later (on a quiet machine): `--generate-only` (or BENCH_KEEP=1 after a whole run) keeps the
 * database and prints its name; `BENCH_REUSE=<name>` measures that kept database again (one scale;
 * its history is not generated again, and the intake adds its few hundred referrals to it), or
 * `BENCH_REUSE=500000:<name>` to reuse it for that scale only and generate the others.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import type { Role } from '@harbor/policy';
import { sql } from 'drizzle-orm';
import pg from 'pg';

const flag = (name: string): string | undefined => {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  const a = args[i]!;
  return a.includes('=') ? a.slice(a.indexOf('=') + 1) : (args[i + 1] ?? '');
};
// The harness reads TEST_DATABASE_URL when it makes a database: the bench's own names first.
if (process.env['BENCH_DATABASE_URL']) process.env['TEST_DATABASE_URL'] = process.env['BENCH_DATABASE_URL'];
if (process.env['BENCH_DATABASE_ADMIN_URL']) process.env['TEST_DATABASE_ADMIN_URL'] = process.env['BENCH_DATABASE_ADMIN_URL'];

const { buildApp } = await import('../src/app.js');
const { auditKeyFrom, useAuditKey, verifyAuditChain } = await import('../src/audit/index.js');
const { loadConfig } = await import('../src/config.js');
const { createVault } = await import('../src/crypto/index.js');
const { queryRows } = await import('../src/db/client.js');
const { systemClock } = await import('../src/http/types.js');
const { startSchedulerWorker, schedulerOptionsFrom, schedulerReason } = await import('../src/obligations/index.js');
const { createSmtpTransport, deliveryOptionsFrom, startDeliveryWorker } = await import('../src/outbox/index.js');
const { demoPassword, demoUsername, seedAgencyStructure, seedDemo } = await import('../src/seed/index.js');
const { Client, createTestDatabase, testDataKey } = await import('../src/test/harness.js');
const { completeDraft, evidentDraft } = await import('../src/test/referral-fixtures.js');
const { SmtpPeer } = await import('../src/test/smtp-peer.js');
const { Batch, generateHistory, historyCounts, HistoryCopier, rateBar } = await import('./index.js');

const num = (v: string | undefined, d: number) => (v && Number.isFinite(Number(v)) ? Number(v) : d);
const scales = (flag('scales') ?? process.env['BENCH_SCALES'] ?? '2000')
  .split(',')
  .map((s) => Number(s.trim().replace(/_/g, '')))
  .filter((n) => Number.isInteger(n) && n > 0);
const readSamples = num(process.env['BENCH_READS'], 40);
const readSeconds = num(process.env['BENCH_READ_SECONDS'], 20);
const intakeN = num(process.env['BENCH_INTAKE'], 96);
const mailN = num(process.env['BENCH_MAIL'], 20);
const writeDocs = process.argv.includes('--docs');
const generateOnly = process.argv.includes('--generate-only');
/** BENCH_REUSE: a kept database's name (for the one scale asked for), or `scale:name,...` per scale. */
const reuseOf = (scale: number): string | undefined => {
  const v = process.env['BENCH_REUSE'];
  if (!v) return undefined;
  if (!v.includes(':')) return v;
  return v.split(',').map((p) => p.split(':')).find(([s]) => Number(s?.replace(/_/g, '')) === scale)?.[1];
};
const keep = generateOnly || process.env['BENCH_KEEP'] === '1';
const print = (line: string) => process.stdout.write(`${line}\n`);
const here = path.dirname(fileURLToPath(import.meta.url));
const repoRoot = path.resolve(here, '../../..');

// --- Figures ------------------------------------------------------------------------------------

interface Stat {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
function stat(samples: number[]): Stat {
  const s = [...samples].sort((a, b) => a - b);
  return { n: s.length, p50: pct(s, 50), p95: pct(s, 95), p99: pct(s, 99) };
}

type ReadKind = 'queue' | 'list' | 'search' | 'timeline' | 'dashboard' | 'record';
interface ReadResult extends Stat {
  name: string;
  role: Role;
  kind: ReadKind;
  status: number;
  rows: number | null;
}
interface IntakeResult {
  concurrency: number;
  api: Stat & { perSecond: number; failures: number };
  raw: Stat & { perSecond: number };
}
interface ScaleResult {
  scale: number;
  generateSeconds: number;
  counts: Record<string, number>;
  reads: ReadResult[];
  rowsPerSubmission: Record<string, number>;
  intake: IntakeResult[];
  mail: { first: Stat; all: Stat; missing: number };
  drain: { messages: number; seconds: number };
  recordReads: { perSecond: number; stat: Stat };
  verify: { rows: number; seconds: number; ok: boolean };
  database: string;
  loadAtReads: number;
}

// --- One scale ---------------------------------------------------------------------------------

async function runScale(scale: number): Promise<ScaleResult | null> {
  print(`\n=== ${scale.toLocaleString('en-US')} referrals ===`);
  const reuse = reuseOf(scale);
  const tdb = await createTestDatabase({ keep, ...(reuse ? { reuse } : {}) });
  const database = tdb.database;
  const db = database.db;
  const peer = await new SmtpPeer().start();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }, { secureCookies: false, dataKey: testDataKey, smtpUrl: peer.url });
  const vault = createVault(testDataKey);
  useAuditKey(auditKeyFrom(config));
  let stopWorkers = async () => {};
  let closeApp = async () => {};
  try {
    let gen = { seconds: 0 };
    if (reuse) {
      const [kept] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from referrals`);
      print(`reusing the kept database ${reuse}: ${Number(kept?.n ?? 0).toLocaleString('en-US')} referrals`);
    } else {
      await seedAgencyStructure(db);
      await seedDemo(db, vault);
      const bar = rateBar(process.stderr, `Generating ${scale}`, 'referrals');
      gen = await generateHistory(database, vault, config, { referrals: scale, progress: (d, t, r) => bar.update(d, t, r) });
      bar.end();
      print(`generated in ${gen.seconds.toFixed(0)} s`);
    }
    // Fresh statistics, as a database in service has (autovacuum's analyze).
    if (tdb.adminUrl) {
      const admin = new pg.Client({ connectionString: tdb.adminUrl });
      await admin.connect();
      await admin.query('analyze');
      await admin.end();
    } else await db.execute(sql`analyze`);
    if (generateOnly) {
      print(`kept database ${tdb.name ?? ''}: measure it with BENCH_REUSE=${tdb.name ?? ''} npm run bench -- --scales ${scale}`);
      return null;
    }
    const counts = await historyCounts(db);
    const [version] = await queryRows<{ v: string }>(db, sql`select current_setting('server_version') as v`);
    const databaseName = `${database.kind === 'postgres' ? 'PostgreSQL' : 'PGlite (in memory), PostgreSQL'} ${version?.v ?? ''}`;

    const app = await buildApp({ config, database, vault, clock: systemClock, serveWeb: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    closeApp = () => app.close();
    const address = app.server.address();
    const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    // The workers as `harbor start` runs them (server.ts), default settings.
    const startWorkers = async () => {
      const delivery = startDeliveryWorker({ repo: app.harbor.data.forSystem('outbox'), transport: createSmtpTransport(config.smtpUrl!), options: await deliveryOptionsFrom(app.harbor.data, config, vault), clock: systemClock, pollMs: config.outboxPollMs, log: app.log });
      const scheduler = startSchedulerWorker({ repo: app.harbor.data.forSystem(schedulerReason), ctx: {}, options: schedulerOptionsFrom(config), clock: systemClock, pollMs: config.schedulerPollMs, log: app.log, afterPass: () => delivery.wake() });
      stopWorkers = async () => {
        await Promise.all([delivery.stop(), scheduler.stop()]);
        stopWorkers = async () => {};
      };
    };
    await startWorkers();

    const clients = new Map<Role, InstanceType<typeof Client>>();
    const as = async (role: Role) => {
      let c = clients.get(role);
      if (!c) {
        c = new Client(baseUrl);
        const r = await c.signIn(demoUsername(role), demoPassword);
        if (r.status !== 200) throw new Error(`sign-in as ${role}: ${r.status}`);
        clients.set(role, c);
      }
      return c;
    };

    // Records to open: generated ones, drawn at random.
    const ids = async (q: ReturnType<typeof sql>) => (await queryRows<{ id: string }>(db, q)).map((r) => r.id);
    const referralIds = await ids(sql`select id::text as id from referrals where status <> 'draft' order by random() limit 200`);
    // Cases of the demo supervisor's office: a supervisor reads them (a case is read within its office).
    const caseIds = await ids(sql`select c.id::text as id from cases c join users u on u.office_id = c.office_id where u.username = ${demoUsername('supervisor')} order by random() limit 200`);
    const personIds = await ids(sql`select id::text as id from people where kind = 'child' order by random() limit 200`);
    const [worker] = await queryRows<{ id: string }>(db, sql`select id::text as id from users where username = ${demoUsername('careline_worker')}`);
    const pick = (xs: string[], i: number) => xs[i % Math.max(1, xs.length)] ?? '00000000-0000-0000-0000-000000000000';
    const names = await queryRows<{ identity: string; id: string; town_name: string | null }>(db, sql`select id::text as id, identity, town_name from people where kind = 'child' order by random() limit 50`);
    // Referrals waiting for an investigation worker in the demo supervisor's reach (the assign page's one-entry read).
    const waitingIds = await ids(sql`select r.id::text as id from referrals r join users u on u.username = ${demoUsername('supervisor')} join offices o on o.id = u.office_id where r.status = 'accepted' and r.investigator_id is null and r.assigned_office_code = o.code order by random() limit 200`);
    const { openIdentity } = await import('../src/people/index.js');
    const searches = names.map((p) => ({ ...openIdentity(vault, p.id, p.identity), townName: p.town_name }));

    // --- Reads
    type Read = { name: string; role: Role; kind: ReadKind; get: (i: number) => Promise<{ status: number; body: unknown }> };
    const get = (role: Role, url: (i: number) => string) => async (i: number) => (await as(role)).get(url(i));
    const reads: Read[] = [
      { name: 'GET /api/referrals (Careline worker)', role: 'careline_worker', kind: 'list', get: get('careline_worker', () => '/api/referrals') },
      { name: 'GET /api/referrals (HART Director)', role: 'hart_director', kind: 'list', get: get('hart_director', () => '/api/referrals') },
      { name: 'GET /api/referrals/triage-queue', role: 'hart_director', kind: 'queue', get: get('hart_director', () => '/api/referrals/triage-queue') },
      { name: 'GET /api/referrals/assignment-queue', role: 'supervisor', kind: 'queue', get: get('supervisor', () => '/api/referrals/assignment-queue') },
      { name: 'GET /api/referrals/notice-problems', role: 'careline_supervisor', kind: 'queue', get: get('careline_supervisor', () => '/api/referrals/notice-problems') },
      { name: 'GET /api/cases (supervisor)', role: 'supervisor', kind: 'list', get: get('supervisor', () => '/api/cases') },
      { name: 'GET /api/cases (HART Director)', role: 'hart_director', kind: 'list', get: get('hart_director', () => '/api/cases') },
      { name: 'GET /api/cases/missing-737', role: 'hart_liaison', kind: 'queue', get: get('hart_liaison', () => '/api/cases/missing-737') },
      { name: 'GET /api/people', role: 'hart_director', kind: 'list', get: get('hart_director', () => '/api/people') },
      { name: 'GET /api/consults (HART liaison)', role: 'hart_liaison', kind: 'list', get: get('hart_liaison', () => '/api/consults') },
      { name: 'GET /api/consults (HART Director)', role: 'hart_director', kind: 'list', get: get('hart_director', () => '/api/consults') },
      { name: 'GET /api/hart/support', role: 'hart_lead', kind: 'list', get: get('hart_lead', () => '/api/hart/support') },
      { name: 'GET /api/work (Careline worker)', role: 'careline_worker', kind: 'queue', get: get('careline_worker', () => '/api/work') },
      { name: 'GET /api/work (investigation worker)', role: 'investigation_worker', kind: 'queue', get: get('investigation_worker', () => '/api/work') },
      { name: 'GET /api/work/unit (supervisor)', role: 'supervisor', kind: 'queue', get: get('supervisor', () => '/api/work/unit') },
      { name: 'GET /api/work/unit (Careline supervisor)', role: 'careline_supervisor', kind: 'queue', get: get('careline_supervisor', () => '/api/work/unit') },
      { name: 'GET /api/work/unit/owners (supervisor)', role: 'supervisor', kind: 'queue', get: get('supervisor', () => '/api/work/unit/owners') },
      { name: 'GET /api/work/unit/owners (HART Director)', role: 'hart_director', kind: 'queue', get: get('hart_director', () => '/api/work/unit/owners') },
      { name: 'GET /api/approvals by decision (administrator)', role: 'administrator', kind: 'list', get: get('administrator', () => '/api/approvals?status=approved&sort=decidedAt&dir=asc') },
      { name: 'GET /api/people?q= (supervisor)', role: 'supervisor', kind: 'search', get: get('supervisor', (i) => {
        const p = searches[i % Math.max(1, searches.length)];
        return `/api/people?kind=child&q=${encodeURIComponent(p ? `${p.firstName} ${p.lastName}` : 'Avery')}`;
      }) },
      { name: 'GET /api/compliance (HART Director)', role: 'hart_director', kind: 'dashboard', get: get('hart_director', () => '/api/compliance') },
      { name: 'GET /api/audit?userId= (auditor)', role: 'auditor', kind: 'search', get: get('auditor', () => `/api/audit?userId=${worker?.id ?? ''}`) },
      { name: 'GET /api/outbox (administrator)', role: 'administrator', kind: 'list', get: get('administrator', () => '/api/outbox') },
      { name: 'POST /api/referrals/person-matches', role: 'careline_worker', kind: 'search', get: async (i) => {
        const p = searches[i % Math.max(1, searches.length)];
        return (await as('careline_worker')).post('/api/referrals/person-matches', p ? { firstName: p.firstName, lastName: p.lastName, ...(p.dateOfBirth ? { dateOfBirth: p.dateOfBirth } : {}), ...(p.townName ? { townName: p.townName } : {}) } : { firstName: 'Avery' });
      } },
      { name: 'GET /api/timeline/referral/:id', role: 'hart_director', kind: 'timeline', get: get('hart_director', (i) => `/api/timeline/referral/${pick(referralIds, i)}`) },
      { name: 'GET /api/timeline/case/:id', role: 'supervisor', kind: 'timeline', get: get('supervisor', (i) => `/api/timeline/case/${pick(caseIds, i)}`) },
      { name: 'GET /api/referrals/:id', role: 'hart_director', kind: 'record', get: get('hart_director', (i) => `/api/referrals/${pick(referralIds, i)}`) },
      { name: 'GET /api/referrals/:id/assignment', role: 'supervisor', kind: 'record', get: get('supervisor', (i) => `/api/referrals/${pick(waitingIds, i)}/assignment`) },
      { name: 'GET /api/cases/:id', role: 'supervisor', kind: 'record', get: get('supervisor', (i) => `/api/cases/${pick(caseIds, i)}`) },
      { name: 'GET /api/people/:id', role: 'hart_director', kind: 'record', get: get('hart_director', (i) => `/api/people/${pick(personIds, i)}`) },
    ];
    const loadAtReads = os.loadavg()[0] ?? 0;
    const readResults: ReadResult[] = [];
    for (const r of reads) {
      const first = await r.get(0); // warm: sign-in, plan cache
      const samples: number[] = [];
      const deadline = performance.now() + readSeconds * 1000;
      let status = first.status;
      for (let i = 1; i <= readSamples && (samples.length < 10 || performance.now() < deadline); i++) {
        const t = performance.now();
        const res = await r.get(i);
        samples.push(performance.now() - t);
        if (res.status !== 200) status = res.status;
      }
      const body = first.body;
      // A list answers an array, or a page ({ items, nextCursor }), or an object holding one array.
      const arrays = body && typeof body === 'object' && !Array.isArray(body) ? Object.values(body).filter(Array.isArray) : [];
      const items = Array.isArray(body) ? body : arrays.length === 1 ? (arrays[0] as unknown[]) : null;
      const res: ReadResult = { name: r.name, role: r.role, kind: r.kind, status, rows: items && r.kind !== 'record' ? items.length : null, ...stat(samples) };
      readResults.push(res);
      print(`${r.name.padEnd(46)} ${String(res.status).padStart(3)}  rows ${String(res.rows ?? '-').padStart(4)}  p50 ${res.p50.toFixed(1).padStart(7)}  p95 ${res.p95.toFixed(1).padStart(7)}  p99 ${res.p99.toFixed(1).padStart(7)} ms  (n ${res.n})`);
    }

    // Audited record reads at 8 concurrent (the earlier audited-reads benchmark).
    const director = await as('hart_director');
    const recordLat: number[] = [];
    let next = 0;
    const recordN = Math.max(200, readSamples * 5);
    const r0 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (next < recordN) {
          const i = next++;
          const t = performance.now();
          await director.get(`/api/people/${pick(personIds, i)}`);
          recordLat.push(performance.now() - t);
        }
      }),
    );
    const recordReads = { perSecond: recordN / ((performance.now() - r0) / 1000), stat: stat(recordLat) };
    print(`audited person reads at 8 concurrent: ${recordReads.perSecond.toFixed(0)}/s, p95 ${recordReads.stat.p95.toFixed(1)} ms`);

    // --- Intake
    const careline = await as('careline_worker');
    const draftOf = (i: number) => (i % 3 === 0 ? evidentDraft() : completeDraft());
    const newDraft = async (i: number) => {
      const r = await careline.post<{ id: string; version: number; number: string }>('/api/referrals', draftOf(i));
      if (r.status !== 200 && r.status !== 201) throw new Error(`draft answered ${r.status}`);
      return r.body;
    };
    const countAll = async () => {
      const tables = await queryRows<{ t: string }>(db, sql`select table_name as t from information_schema.tables where table_schema = current_schema() and table_type = 'BASE TABLE' and table_name not in ('sessions', 'sign_in_throttle', '__drizzle_migrations')`);
      const out: Record<string, number> = {};
      for (const { t } of tables) out[t] = Number((await queryRows<{ n: string | number }>(db, sql`select count(*) as n from ${sql.raw(`"${t}"`)}`))[0]?.n ?? 0);
      return out;
    };
    // Rows one submission writes: counted around one real submission (the worker's own queued mail is not sent yet: measured before the peer answers).
    const probe = await newDraft(0);
    const [head] = await queryRows<{ id: string | number }>(db, sql`select max(id) as id from audit_events`);
    await stopWorkers(); // nothing else writes while counting
    const before = await countAll();
    const sub = await careline.post(`/api/referrals/${probe.id}/submit`, { version: probe.version, idempotencyKey: `bench-probe-${probe.id}` });
    if (sub.status !== 200) throw new Error(`submit answered ${sub.status}`);
    const after = await countAll();
    const rowsPerSubmission = Object.fromEntries(Object.entries(after).map(([t, n]) => [t, n - (before[t] ?? 0)]).filter(([, d]) => d !== 0)) as Record<string, number>;
    print(`one submission writes: ${Object.entries(rowsPerSubmission).map(([t, n]) => `${t} ${n}`).join(', ')} (${Object.values(rowsPerSubmission).reduce((a, b) => a + b, 0)} rows)`);
    // The raw-SQL writer copies exactly that submission's rows (the draft row included: the submission updates it, the writer inserts it).
    const copier = await HistoryCopier.open(db, vault, { now: new Date(), seed: 7 });
    const template = await copier.capture(db, { kind: 'ht_evident', fate: 'submitted', town: 'Enfield' }, probe.id, Number(head?.id ?? 0));
    await startWorkers();

    const intake: IntakeResult[] = [];
    for (const concurrency of [8, 32]) {
      const drafts: { id: string; version: number }[] = [];
      let k = 0;
      await Promise.all(Array.from({ length: 4 }, async () => {
        while (k < intakeN) {
          const i = k++;
          drafts[i] = await newDraft(i);
        }
      }));
      const lat: number[] = [];
      let failures = 0;
      let j = 0;
      const t0 = performance.now();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (j < drafts.length) {
          const d = drafts[j++]!;
          const t = performance.now();
          const r = await careline.post(`/api/referrals/${d.id}/submit`, { version: d.version, idempotencyKey: `bench-${d.id}` });
          lat.push(performance.now() - t);
          if (r.status !== 200) failures++;
        }
      }));
      const apiSeconds = (performance.now() - t0) / 1000;
      const rawLat: number[] = [];
      let m = 0;
      const t1 = performance.now();
      await Promise.all(Array.from({ length: concurrency }, async () => {
        while (m < intakeN) {
          m++;
          const t = performance.now();
          const b = new Batch();
          copier.copyInto(b, template, Date.now(), { otherStaff: false });
          await copier.write(db, b);
          rawLat.push(performance.now() - t);
        }
      }));
      const rawSeconds = (performance.now() - t1) / 1000;
      const res: IntakeResult = { concurrency, api: { ...stat(lat), perSecond: drafts.length / apiSeconds, failures }, raw: { ...stat(rawLat), perSecond: intakeN / rawSeconds } };
      intake.push(res);
      print(`intake at ${concurrency} concurrent: API ${res.api.perSecond.toFixed(1)}/s (p50 ${res.api.p50.toFixed(0)} p95 ${res.api.p95.toFixed(0)} p99 ${res.api.p99.toFixed(0)} ms${failures ? `, ${failures} failed` : ''}); raw SQL ${res.raw.perSecond.toFixed(1)}/s (p50 ${res.raw.p50.toFixed(0)} p95 ${res.raw.p95.toFixed(0)} p99 ${res.raw.p99.toFixed(0)} ms); ratio ${(res.api.perSecond / res.raw.perSecond).toFixed(2)}`);
    }

    // --- A DCF-737 from the submission's answer to the SMTP peer (one at a time, nothing else running).
    // First the intake's mail backlog goes out (the delivery worker's throughput), so nothing else is queued.
    const queued = async () => Number((await queryRows<{ n: string | number }>(db, sql`select count(*) as n from outbox_messages where status in ('queued', 'sending')`))[0]?.n ?? 0);
    const backlog = await queued();
    const d0 = performance.now();
    while ((await queued()) > 0 && performance.now() - d0 < 600_000) await new Promise((r) => setTimeout(r, 250));
    const drain = { messages: backlog - (await queued()), seconds: (performance.now() - d0) / 1000 };
    print(`delivery backlog after the intake: ${drain.messages} messages sent in ${drain.seconds.toFixed(0)} s`);
    const firsts: number[] = [];
    const alls: number[] = [];
    let missing = 0;
    for (let i = 0; i < mailN; i++) {
      const d = await newDraft(i);
      const r = await careline.post<{ number: string }>(`/api/referrals/${d.id}/submit`, { version: d.version, idempotencyKey: `bench-mail-${d.id}` });
      const answered = performance.now();
      const number = r.body.number;
      const [expected] = await queryRows<{ n: string | number }>(db, sql`select count(*) as n from outbox_messages where record_id = ${d.id} and subject like 'DCF-737%'`);
      const want = Math.max(1, Number(expected?.n ?? 1));
      let first = 0;
      const deadline = answered + 30_000;
      for (;;) {
        const got = peer.received.filter((m) => m.subject.includes('DCF-737') && m.subject.includes(number)).length;
        if (got > 0 && first === 0) first = performance.now() - answered;
        if (got >= want) {
          alls.push(performance.now() - answered);
          break;
        }
        if (performance.now() > deadline) {
          missing++;
          if (process.env['BENCH_DEBUG']) {
            const sent = await queryRows<{ subject: string; status: string; to_address: string }>(db, sql`select subject, status, to_address from outbox_messages where record_id = ${d.id}`);
            print(`missing: want ${want}, got ${peer.received.filter((m) => m.subject.includes(number)).map((m) => `${m.subject} -> ${m.to}`).join(' | ')}; outbox ${JSON.stringify(sent)}`);
          }
          break;
        }
        await new Promise((res) => setTimeout(res, 5));
      }
      if (first > 0) firsts.push(first);
    }
    const mail = { first: stat(firsts), all: stat(alls), missing };
    print(`DCF-737 at the SMTP peer after the answer: first p50 ${mail.first.p50.toFixed(0)} p95 ${mail.first.p95.toFixed(0)} ms; all of a referral's p95 ${mail.all.p95.toFixed(0)} ms${missing ? `; ${missing} not arrived in 30 s` : ''}`);

    await stopWorkers();
    await app.close();
    closeApp = async () => {};
    const v0 = performance.now();
    const verified = await verifyAuditChain(db);
    const verify = { rows: verified.rows, seconds: (performance.now() - v0) / 1000, ok: verified.ok };
    print(`audit verify: ${verify.rows} rows in ${verify.seconds.toFixed(1)} s, intact: ${String(verify.ok)}`);
    return { scale, generateSeconds: gen.seconds, counts, reads: readResults, rowsPerSubmission, intake, mail, drain, recordReads, verify, database: databaseName, loadAtReads };
  } finally {
    await stopWorkers();
    await closeApp();
    await peer.stop();
    await tdb.drop();
  }
}

// --- The report --------------------------------------------------------------------------------

const fmt = (ms: number) => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const mark = (ok: boolean) => (ok ? 'met' : '**not met**');

function readTarget(kind: ReadKind): number | null {
  if (kind === 'timeline') return 100;
  if (kind === 'dashboard') return 300;
  if (kind === 'queue' || kind === 'list' || kind === 'search') return 50;
  return null;
}

function machine(database: string): string[] {
  const cpus = os.cpus();
  return [
    `- Date: ${new Date().toISOString().replace('T', ' ').slice(0, 16)} UTC`,
    `- Machine: ${cpus.length} cores (${cpus[0]?.model.trim() ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB memory, ${os.type()} ${os.release()}`,
    `- Node ${process.version}; database: ${database}`,
    `- Load average at the end of the run (1, 5, 15 min): ${os.loadavg().map((l) => l.toFixed(1)).join(', ')} (the machine is shared; figures move with it)`,
    `- Samples: ${readSamples} per read, one at a time (fewer when a read has taken ${readSeconds} s, but at least ${Math.min(10, readSamples)}); ${intakeN} submissions per concurrency level; ${mailN} submissions timed to the SMTP peer`,
  ];
}

function report(results: ScaleResult[], facts: string[]): string {
  const out: string[] = ['# Benchmarks', ''];
  out.push('Run with `npm run bench` (see README, "Benchmarks"). Figures in milliseconds unless named otherwise. Targets are those of issue 11; a read target applies at 500,000 referrals, and is shown at other scales for reference.', '');
  if (process.env['BENCH_NOTE']) out.push(process.env['BENCH_NOTE'], '');
  out.push(...facts, '');
  const byScale = new Map(results.map((r) => [r.scale, r]));
  const at50 = byScale.get(50_000);
  const at500 = byScale.get(500_000);
  // The targets at a glance (PostgreSQL figures; the reads' at 500,000 referrals).
  out.push('## Targets', '');
  for (const r of results) {
    for (const x of r.intake) out.push(`- ${r.scale.toLocaleString('en-US')}: intake at ${x.concurrency} concurrent ${x.api.perSecond.toFixed(1)}/s vs raw SQL ${x.raw.perSecond.toFixed(1)}/s = ${(x.api.perSecond / x.raw.perSecond).toFixed(2)}x (>= 0.5x): ${mark(x.api.perSecond >= 0.5 * x.raw.perSecond)}`);
    const c8 = r.intake.find((x) => x.concurrency === 8);
    if (c8) out.push(`- ${r.scale.toLocaleString('en-US')}: intake p99 at 8 concurrent ${fmt(c8.api.p99)} ms (<= 100): ${mark(c8.api.p99 <= 100)}`);
    out.push(`- ${r.scale.toLocaleString('en-US')}: DCF-737 at the SMTP peer p95 ${fmt(r.mail.first.p95)} ms after the answer (<= 2000): ${mark(r.mail.missing === 0 && r.mail.first.p95 <= 2000)}`);
  }
  if (at500) {
    const misses = at500.reads.filter((x) => readTarget(x.kind) !== null && x.p95 > readTarget(x.kind)!);
    out.push(`- 500,000: reads within their p95 targets (queues, lists, searches 50, timelines 100, compliance 300): ${mark(misses.length === 0)}${misses.length ? ` (${misses.length} of ${at500.reads.filter((x) => readTarget(x.kind) !== null).length} over)` : ''}`);
    if (at50) {
      const grown = at500.reads.filter((x) => { const p = at50.reads.find((y) => y.name === x.name); return p && x.p95 > 1.5 * p.p95; });
      out.push(`- p95 at 500,000 no more than 1.5x p95 at 50,000: ${mark(grown.length === 0)}${grown.length ? ` (${grown.map((x) => x.name).join('; ')})` : ''}`);
    }
  } else out.push('- 500,000: the read targets and the growth from 50,000 were not measured in this run.');
  out.push('');
  for (const r of results) {
    out.push(`## ${r.scale.toLocaleString('en-US')} referrals`, '');
    out.push(`${r.generateSeconds > 0 ? `History generated in ${r.generateSeconds.toFixed(0)} s` : 'History generated earlier (a kept database, BENCH_REUSE)'}: ${Object.entries(r.counts).map(([t, n]) => `${t} ${n.toLocaleString('en-US')}`).join(', ')}.`, '');
    out.push(`Load average (1 min) when the reads began: ${r.loadAtReads.toFixed(1)} on ${os.cpus().length} cores.`, '');
    out.push('### Reads', '', '| Read | Role | Status | Rows | p50 | p95 | p99 | Target (p95) | 500k vs 50k |', '|---|---|---|---|---|---|---|---|---|');
    for (const x of r.reads) {
      const target = readTarget(x.kind);
      const atTarget = target === null ? '-' : `<= ${target}: ${mark(x.p95 <= target)}`;
      const prev = at50?.reads.find((y) => y.name === x.name);
      const growth = r.scale === 500_000 && prev && prev.p95 > 0 ? `${(x.p95 / prev.p95).toFixed(2)}x (<= 1.5x: ${mark(x.p95 <= 1.5 * prev.p95)})` : '-';
      out.push(`| ${x.name} | ${x.role} | ${x.status} | ${x.rows ?? '-'} | ${fmt(x.p50)} | ${fmt(x.p95)} | ${fmt(x.p99)} | ${atTarget} | ${growth} |`);
    }
    out.push('', `Audited person reads (GET /api/people/:id) at 8 concurrent: ${r.recordReads.perSecond.toFixed(0)} per second, p50 ${fmt(r.recordReads.stat.p50)}, p95 ${fmt(r.recordReads.stat.p95)}, p99 ${fmt(r.recordReads.stat.p99)}.`, '');
    const total = Object.values(r.rowsPerSubmission).reduce((a, b) => a + b, 0);
    out.push('### Intake', '', `One submission (a DCF-737 referral, through the API) wrote ${total} rows: ${Object.entries(r.rowsPerSubmission).map(([t, n]) => `${t} ${n}`).join(', ')}. The raw-SQL writer inserts a copy of exactly those rows (the draft row too, which the submission updates) per transaction: one multi-row statement per table, every sealed value sealed for its row, the audit rows hashed onto the chain under its lock at the end.`, '');
    out.push('| Concurrent | API per second | API p50 | p95 | p99 | Raw SQL per second | Raw p50 | p95 | p99 | API / raw (>= 0.5) | p99 <= 100 at 8 |', '|---|---|---|---|---|---|---|---|---|---|---|');
    for (const x of r.intake) {
      const ratio = x.api.perSecond / x.raw.perSecond;
      out.push(`| ${x.concurrency} | ${x.api.perSecond.toFixed(1)}${x.api.failures ? ` (${x.api.failures} failed)` : ''} | ${fmt(x.api.p50)} | ${fmt(x.api.p95)} | ${fmt(x.api.p99)} | ${x.raw.perSecond.toFixed(1)} | ${fmt(x.raw.p50)} | ${fmt(x.raw.p95)} | ${fmt(x.raw.p99)} | ${ratio.toFixed(2)}: ${mark(ratio >= 0.5)} | ${x.concurrency === 8 ? mark(x.api.p99 <= 100) : '-'} |`);
    }
    out.push('', `The intake's mail (${r.drain.messages} messages with their PDFs) was delivered to the SMTP peer in ${r.drain.seconds.toFixed(0)} s (${(r.drain.messages / Math.max(0.001, r.drain.seconds)).toFixed(1)} per second) before the next figure was taken.`);
    out.push('', `DCF-737 from the submission's answer to the SMTP peer (delivery worker with default settings, ${r.mail.first.n} submissions one at a time): first DCF-737 p50 ${fmt(r.mail.first.p50)}, p95 ${fmt(r.mail.first.p95)}, p99 ${fmt(r.mail.first.p99)}; all of the referral's DCF-737s p95 ${fmt(r.mail.all.p95)}${r.mail.missing ? `; ${r.mail.missing} did not arrive within 30 s` : ''}. Target p95 <= 2000: ${mark(r.mail.missing === 0 && r.mail.first.p95 <= 2000)}.`, '');
    out.push(`Audit verify: ${r.verify.rows.toLocaleString('en-US')} rows in ${r.verify.seconds.toFixed(1)} s (${(r.verify.rows / r.verify.seconds).toFixed(0)} rows per second), intact: ${String(r.verify.ok)}.`, '');
  }
  return out.join('\n');
}

// --- Main --------------------------------------------------------------------------------------

const results: ScaleResult[] = [];
for (const scale of scales) {
  const r = await runScale(scale);
  if (r) results.push(r);
}
if (generateOnly) process.exit(0);
const text = report(results, machine(results[0]?.database ?? ''));
const file = writeDocs ? path.join(repoRoot, 'docs', 'benchmarks.md') : path.join(here, 'results', 'last-run.md');
mkdirSync(path.dirname(file), { recursive: true });
mkdirSync(path.join(here, 'results'), { recursive: true });
writeFileSync(file, `${text}\n`);
writeFileSync(path.join(here, 'results', 'last-run.json'), `${JSON.stringify(results, null, 1)}\n`);
print(`\nReport written to ${path.relative(process.cwd(), file)}`);
