import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateHistory, historyCounts } from '../../bench/index.js';
import { verifyAuditChain } from '../audit/index.js';
import { queryRows } from '../db/client.js';
import { openIdentity } from '../people/index.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';

/**
 * The benchmark's synthetic history generator (issue 11) at a tiny scale: the proportions a real
 * agency's history has, the keyed audit chain still whole, and the records readable through the
 * API as the application wrote them (sealed values open, blind indexes find the child).
 */
const scale = 300;
let server: TestServer;
let before: Record<string, number>;
let after: Record<string, number>;

const rows = <T>(q: ReturnType<typeof sql>) => queryRows<T>(server.db.database.db, q);
const n = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: string | number }>(q))[0]?.n ?? 0);

beforeAll(async () => {
  server = await startTestServer();
  const db = server.db.database.db;
  before = await historyCounts(db);
  const result = await generateHistory(server.db.database, server.vault, server.config, { referrals: scale, batchRows: 500 });
  expect(result.referrals).toBe(scale);
  after = await historyCounts(db);
}, 300_000);

afterAll(async () => {
  await server.close();
});

describe('harbor bench generate', () => {
  it('writes the referrals asked for (and its templates), with a child each and about one in eight about trafficking', async () => {
    const added = after['referrals']! - before['referrals']!;
    // The copies, plus the template stories taken through the services.
    expect(added).toBeGreaterThanOrEqual(scale);
    expect(added).toBeLessThan(scale + 40);
    expect(after['referral_children']! - before['referral_children']!).toBeGreaterThanOrEqual(added - (await n(sql`select count(*) as n from referrals where status = 'draft'`)));
    const ht = (after['referrals_ht']! - before['referrals_ht']!) / added;
    expect(ht).toBeGreaterThan(0.06);
    expect(ht).toBeLessThan(0.3);
    // Every child has a person record with blind indexes to find it by.
    expect(after['people']! - before['people']!).toBeGreaterThanOrEqual(scale * 0.9);
    expect(after['person_match_keys']! - before['person_match_keys']!).toBeGreaterThan(after['people']! - before['people']!);
  });

  it('gives HT referrals their notices, DCF-737 documents and outbox messages; non-HT referrals none', async () => {
    expect(await n(sql`select count(*) as n from referrals r where r.ht_characteristics and r.status <> 'draft' and not exists (select 1 from referral_notices x where x.referral_id = r.id)`)).toBe(0);
    expect(await n(sql`select count(*) as n from referrals r where not r.ht_characteristics and exists (select 1 from referral_notices x where x.referral_id = r.id)`)).toBe(0);
    expect(after['documents']! - before['documents']!).toBeGreaterThan(0);
    expect(after['outbox_messages']! - before['outbox_messages']!).toBeGreaterThan(0);
    // A history's mail was sent long ago (a few failed), not waiting for the delivery worker.
    expect(await n(sql`select count(*) as n from outbox_messages where status in ('sent', 'acknowledged')`)).toBeGreaterThan(await n(sql`select count(*) as n from outbox_messages where status in ('queued', 'held_no_transport')`));
  });

  it('leaves most duties done and some open or overdue, with cases, consults and several audit rows a referral', async () => {
    const done = await n(sql`select count(*) as n from obligations where state in ('done', 'not_needed')`);
    const open = await n(sql`select count(*) as n from obligations where state in ('open', 'overdue')`);
    expect(done).toBeGreaterThan(open);
    expect(open).toBeGreaterThan(0);
    expect(after['cases']! - before['cases']!).toBeGreaterThan(0);
    expect(after['consults']! - before['consults']!).toBeGreaterThan(0);
    expect(after['audit_events']! - before['audit_events']!).toBeGreaterThanOrEqual(scale * 2);
  });

  it('keeps the keyed audit chain intact', async () => {
    const v = await verifyAuditChain(server.db.database.db);
    expect(v).toMatchObject({ ok: true, rows: after['audit_events'] });
  });

  it('writes referrals the HART Director opens through the API, with the draft naming the child of its person record', async () => {
    const [r] = await rows<{ id: string; person_id: string; identity: string }>(
      sql`select r.id::text as id, p.id::text as person_id, p.identity from referrals r join referral_children c on c.referral_id = r.id join people p on p.id = c.person_id where r.status <> 'draft' order by r.created_at limit 1`,
    );
    expect(r).toBeDefined();
    const director = await signedIn(server, 'hart_director');
    const res = await director.get<{ id: string; draft: { children: { firstName: string; lastName: string; dateOfBirth: string }[] } }>(`/api/referrals/${r!.id}`);
    expect(res.status).toBe(200);
    const identity = openIdentity(server.vault, r!.person_id, r!.identity);
    expect(res.body.draft.children[0]).toMatchObject({ firstName: identity.firstName, lastName: identity.lastName, dateOfBirth: identity.dateOfBirth });
  });

  it('writes children the repeat-victim search finds', async () => {
    const [p] = await rows<{ id: string; identity: string; town_name: string | null }>(
      sql`select p.id::text as id, p.identity, p.town_name from people p join referral_children c on c.person_id = p.id join referrals r on r.id = c.referral_id where r.status <> 'draft' order by r.created_at limit 1`,
    );
    const identity = openIdentity(server.vault, p!.id, p!.identity);
    const worker = await signedIn(server, 'careline_worker');
    const res = await worker.post<{ personId: string }[]>('/api/referrals/person-matches', {
      firstName: identity.firstName,
      lastName: identity.lastName,
      ...(identity.dateOfBirth ? { dateOfBirth: identity.dateOfBirth } : {}),
      ...(p!.town_name ? { townName: p!.town_name } : {}),
    });
    expect(res.status).toBe(200);
    const found = Array.isArray(res.body) ? res.body : ((res.body as unknown as { items: { personId: string }[] }).items ?? []);
    expect(found.map((m) => m.personId)).toContain(p!.id);
  });
});

describe('harbor bench generate, the command', () => {
  const bin = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../bin/harbor.js');
  const run = (env: Record<string, string>) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-bench-'));
    try {
      return spawnSync(process.execPath, [bin, 'bench', 'generate', '--referrals', '5'], {
        env: { ...process.env, HARBOR_DATA_DIR: dataDir, DATABASE_URL: '', LOG_LEVEL: 'warn', HARBOR_DATA_KEY: 'bench-test-data-key-of-at-least-32-characters', HARBOR_SECRET_KEY: 'bench-test-link-key-of-at-least-32-characters', ...env },
        encoding: 'utf8',
        timeout: 170_000,
      });
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  };

  it('is refused in production mode, before the database is opened', () => {
    const r = run({ NODE_ENV: 'production' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('never runs in production mode');
  }, 180_000);

  it('refuses a database without the demo agency unless told --yes', () => {
    const r = run({ NODE_ENV: 'development', HARBOR_DEMO: 'off' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('does not look like a bench or demo database');
  }, 180_000);
});
