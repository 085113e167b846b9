import type { CaseSummaryView, CaseView, InvestigationView, Missing737Item, Page, ReferralSummaryView } from '@harbor/policy/api';
import { collectPages } from '../test/paging.js';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { seedDemoCasework } from './demo-casework.js';
import { seedDemoReferrals } from './demo-referrals.js';

/** The demo's casework: open cases across offices, HT concerns, HL-2's list, checklists under way. */
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  const now = new Date();
  await seedDemoReferrals(server.db.database.db, server.app.harbor.data, server.vault, server.config, now);
  expect(await seedDemoCasework(server.db.database.db, server.app.harbor.data, server.vault, server.config, now)).toBe(12);
});
afterAll(async () => {
  await server.close();
});

describe('demo casework', () => {
  it('[HL-2] opens a dozen cases across the offices; the Director sees those with HT concerns, one imported with no DCF-737', async () => {
    const offices = await queryRows<{ code: string }>(server.db.database.db, sql`select f.code from cases c join offices f on f.id = c.office_id where c.status = 'open'`);
    expect(offices).toHaveLength(12);
    expect(new Set(offices.map((o) => o.code)).size).toBeGreaterThan(8);
    const director = await signedIn(server, 'hart_director');
    // HART staff read the cases of their HT work only: the rest are not theirs (least privilege).
    const all = (await director.get<Page<CaseSummaryView>>('/api/cases?limit=200')).body.items;
    expect(all.length).toBeGreaterThanOrEqual(5);
    expect(all.length).toBeLessThan(12);
    expect(all.filter((c) => c.htConcernAt).length).toBeGreaterThanOrEqual(5);
    const views = await Promise.all(all.filter((c) => c.htConcernAt).map(async (c) => (await director.get<CaseView>(`/api/cases/${c.id}`)).body));
    // [OG-3] every allegation's Careline referral was submitted; one case has a later allegation with its own.
    expect(views.flatMap((v) => v.allegations.map((a) => a.referral?.status))).not.toContain('draft');
    expect(views.filter((v) => v.allegations.length === 2)).toHaveLength(1);
    const missing = (await director.get<Page<Missing737Item>>('/api/cases/missing-737?limit=200')).body.items;
    expect(missing.some((m) => m.reason === 'no_notice')).toBe(true);
    const ongoing = await signedIn(server, 'ongoing_worker');
    expect((await ongoing.get<Page<CaseSummaryView>>('/api/cases?limit=200')).body.items.length).toBeGreaterThan(0);
  });

  it('[IN-1] has the demo investigation worker’s HT checklists partly done', async () => {
    const investigator = await signedIn(server, 'investigation_worker');
    const mine = (await collectPages<ReferralSummaryView>(investigator, '/api/referrals?status=accepted', 200)).items.filter((r) => r.htCharacteristics);
    expect(mine.length).toBeGreaterThan(0);
    const lists = await Promise.all(mine.map(async (r) => (await investigator.get<InvestigationView>(`/api/investigations/${r.id}`)).body));
    const states = lists.flatMap((l) => l.items.map((i) => i.state));
    expect(states).toContain('done');
    expect(states).toContain('open');
  });
});
