import type { ConsultSummaryView, HartTeamView, SupportSummaryView } from '@harbor/policy/api';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { seedDemoHart } from './demo-hart.js';
import { seedDemoReferrals } from './demo-referrals.js';

/** The demo week's HART work: teams, meetings, consults in every state, support requests at every step. */
let server: TestServer;
const now = new Date();
beforeAll(async () => {
  server = await startTestServer();
  await seedDemoReferrals(server.db.database.db, server.app.harbor.data, server.vault, server.config, now);
  await seedDemoHart(server.db.database.db, server.app.harbor.data, server.vault, server.config, now);
});
afterAll(async () => {
  await server.close();
});

describe('demo HART', () => {
  it('[LD-1] [HL-1] [HL-3] [HL-5] [LD-2] [LD-4] [DR-3] fills every state through the services', async () => {
    const db = server.db.database.db;
    const states = await queryRows<{ status: string; overridden: boolean; n: string | number }>(db, sql`select status, overridden_at is not null as overridden, count(*) as n from consults group by 1, 2`);
    const count = (status: string, overridden?: boolean) => states.filter((s) => s.status === status && (overridden === undefined || s.overridden === overridden)).reduce((n, s) => n + Number(s.n), 0);
    expect(count('requested')).toBeGreaterThanOrEqual(2);
    expect(count('held')).toBeGreaterThanOrEqual(2);
    expect(count('entered')).toBeGreaterThanOrEqual(1);
    expect(count('held', true)).toBe(1);
    const director = await signedIn(server, 'hart_director');
    const consults = (await director.get<{ items: ConsultSummaryView[] }>('/api/consults?limit=200')).body.items;
    expect(consults.some((c) => c.overdue)).toBe(true);
    const teams = (await director.get<HartTeamView[]>('/api/hart/teams')).body;
    expect(teams.length).toBeGreaterThanOrEqual(14);
    for (const t of teams) expect(t.members.length, t.office.code).toBeGreaterThanOrEqual(3);
    expect(teams.filter((t) => t.lastMeetingAt !== null).length).toBeGreaterThanOrEqual(3);
    const support = (await director.get<{ items: SupportSummaryView[] }>('/api/hart/support?limit=200')).body.items;
    expect(new Set(support.map((s) => s.status))).toEqual(new Set(['open', 'answered', 'escalated', 'resolved']));
    const liaison = await signedIn(server, 'hart_liaison');
    expect((await liaison.get<{ items: ConsultSummaryView[] }>('/api/consults?limit=200')).body.items.length).toBeGreaterThan(0);
  });
});
