import type { ReferralSummaryView, TriageQueueItem } from '@harbor/policy/api';
import { collectPages } from '../test/paging.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { seedDemoDuties } from './demo-duties.js';
import { seedDemoHart } from './demo-hart.js';
import { seedDemoReferrals } from './demo-referrals.js';

/** The demo week: every queue of issue 3 has something in it, as a Monday morning would. */
let server: TestServer;
const now = new Date();
beforeAll(async () => {
  server = await startTestServer();
  expect(await seedDemoReferrals(server.db.database.db, server.app.harbor.data, server.vault, server.config, now)).toBe(26);
});
afterAll(async () => {
  await server.close();
});

describe('demo referrals', () => {
  it('spreads a week of referrals over every stage, through the referral services', async () => {
    const rows = await queryRows<{ status: string; n: string | number }>(server.db.database.db, sql`select status, count(*) as n from referrals group by status`);
    const by = Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
    expect(by).toMatchObject({ draft: 3, submitted: 4, not_accepted_pending_approval: 2, not_accepted: 2 });
    expect(by['accepted']).toBe(15);
    const [times] = await queryRows<{ oldest: Date; newest: Date }>(server.db.database.db, sql`select min(received_at) as oldest, max(received_at) as newest from referrals`);
    expect(now.getTime() - new Date(times!.oldest).getTime()).toBeGreaterThan(6 * 86_400_000);
    expect(new Date(times!.newest).getTime()).toBeLessThanOrEqual(now.getTime());
  });

  it('fills the queues each role opens first', async () => {
    const worker = await signedIn(server, 'careline_worker');
    const mine = (await collectPages<ReferralSummaryView>(worker, '/api/referrals', 200)).items;
    expect(mine.some((r) => r.status === 'draft')).toBe(true);
    expect(mine.some((r) => r.status === 'submitted')).toBe(true);
    const director = await signedIn(server, 'hart_director');
    const triage = (await collectPages<TriageQueueItem>(director, '/api/referrals/triage-queue', 200)).items;
    expect(triage.filter((t) => t.triage === null).length).toBeGreaterThan(2);
    expect(triage.filter((t) => t.triage !== null).length).toBeGreaterThan(2);
    const supervisor = await signedIn(server, 'supervisor');
    expect((await collectPages<ReferralSummaryView>(supervisor, '/api/referrals/assignment-queue', 200)).items.length).toBeGreaterThan(0);
    const careline = await signedIn(server, 'careline_supervisor');
    expect((await collectPages<ReferralSummaryView>(careline, '/api/referrals?status=not_accepted_pending_approval', 200)).items).toHaveLength(2);
    const investigator = await signedIn(server, 'investigation_worker');
    expect((await collectPages<ReferralSummaryView>(investigator, '/api/referrals', 200)).items.length).toBeGreaterThan(0);
  });

  it('[CL-6] gives the accepted referrals their duties, which the week’s scheduler passes reminded, marked overdue and escalated', async () => {
    const [raised] = await queryRows<{ referrals: string | number; duties: string | number }>(
      server.db.database.db,
      sql`select count(distinct subject_id) as referrals, count(*) as duties from obligations where subject_type = 'referral' and clause = 'CL-6'`,
    );
    expect(Number(raised!.referrals)).toBe(15);
    // The HART demo requests the week's consults (its oldest not held in 72 hours); then the passes run.
    await seedDemoHart(server.db.database.db, server.app.harbor.data, server.vault, server.config, now);
    const report = await seedDemoDuties(server.app.harbor.data, server.vault, server.config, now);
    expect(report.overdue).toBeGreaterThan(0);
    expect(report.escalated).toBeGreaterThan(0);
    const investigator = await signedIn(server, 'investigation_worker');
    expect((await investigator.get<{ items: unknown[] }>('/api/work?limit=200')).body.items.length).toBeGreaterThan(0);
    const director = await signedIn(server, 'hart_director');
    const unit = await director.get<{ items: unknown[] }>('/api/work/unit?limit=200');
    expect(unit.status, JSON.stringify(unit.body)).toBe(200);
    expect(unit.body.items.length).toBeGreaterThan(0);
    // HL-1: the week's oldest consults were not held within 72 hours.
    expect((await director.get<{ overdueConsults: unknown[] }>('/api/compliance')).body.overdueConsults.length).toBeGreaterThan(0);
  });
});
