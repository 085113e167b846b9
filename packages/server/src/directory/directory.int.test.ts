import { partnerDirectorySeed, requiredNotices, towns } from '@harbor/policy';
import type { PartnerAgencyView, ReferralView } from '@harbor/policy/api';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, partnerAgencies } from '../db/schema.js';
import { seedAgencyStructure } from '../seed/index.js';
import { signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { evidentDraft } from '../test/referral-fixtures.js';
import { directoryLoads, PartyNotFoundError, resolveParty } from './index.js';

let server: TestServer;
const db = () => server.db.database.db;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

describe('partner directory [CL-4]', () => {
  it('is seeded for every town, region, judicial district and the statewide parties, and seeding again adds nothing', async () => {
    const before = await db().select().from(partnerAgencies);
    expect(before).toHaveLength(partnerDirectorySeed().length);
    expect(before.filter((p) => p.kind === 'police_department')).toHaveLength(169);
    await seedAgencyStructure(db());
    expect(await db().select().from(partnerAgencies)).toHaveLength(before.length);
  });

  it('resolves every party every town’s Careline notices need to one active entry of the right kind and place', async () => {
    for (const t of towns) {
      for (const n of requiredNotices({ context: 'careline', townName: t.name })) {
        const p = await resolveParty(db(), n);
        expect(p.kind, `${t.name} ${n.key}`).toBe(n.party);
        expect(p.active).toBe(true);
        if (n.resolveBy === 'town') expect(p.townName).toBe(t.name);
        if (n.resolveBy === 'region') expect(p.regionCode).toBe(n.resolveKey);
        if (n.resolveBy === 'judicial_district') expect(p.judicialDistrictCode).toBe(t.judicialDistrictCode);
      }
    }
    const ongoing = requiredNotices({ context: 'ongoing', townName: 'Hartford' }).find((n) => n.party === 'hart_director')!;
    expect((await resolveParty(db(), ongoing)).email).toBe('hart-director@dcf.example.gov');
  });

  it('never resolves to an inactive entry: a party with none left is an error naming it, not a silent skip', async () => {
    const notice = requiredNotices({ context: 'careline', townName: 'Bozrah' }).find((n) => n.key === 'police_department.dcf737')!;
    const entry = await resolveParty(db(), notice);
    const admin = await signedIn(server, 'administrator');
    expect((await admin.patch(`/api/directory/${entry.id}`, { active: false, version: entry.version })).status).toBe(200);
    await expect(resolveParty(db(), notice)).rejects.toBeInstanceOf(PartyNotFoundError);
    await expect(resolveParty(db(), notice)).rejects.toThrow(/police_department\.dcf737 \(town Bozrah\)/);
    expect((await admin.patch(`/api/directory/${entry.id}`, { active: true, version: entry.version + 1 })).status).toBe(200);
    expect((await resolveParty(db(), notice)).id).toBe(entry.id);
  });

  it('is cached in memory, and the cache sees an edit made here and one made elsewhere (another instance, an approved change)', async () => {
    const notice = requiredNotices({ context: 'careline', townName: 'Canaan' }).find((n) => n.key === 'police_department.dcf737')!;
    const entry = await resolveParty(db(), notice);
    const loads = directoryLoads.count;
    for (let i = 0; i < 3; i++) expect((await resolveParty(db(), notice)).phone).toBe(entry.phone);
    expect(directoryLoads.count, 'resolved from memory while nothing changed').toBe(loads);

    // An edit through the API: the next resolve sees it.
    const admin = await signedIn(server, 'administrator');
    const edited = await admin.patch<PartnerAgencyView>(`/api/directory/${entry.id}`, { phone: '860-555-0142', version: entry.version });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ id: entry.id, phone: '860-555-0142', version: entry.version + 1, email: entry.email });
    expect((await resolveParty(db(), notice)).phone).toBe('860-555-0142');

    // An edit this process did not make (another server instance, approvals/apply.ts): seen by the version check.
    await db().update(partnerAgencies).set({ email: 'records@canaan-pd.example.gov', version: sql`${partnerAgencies.version} + 1`, updatedAt: new Date() }).where(eq(partnerAgencies.id, entry.id));
    expect(await resolveParty(db(), notice)).toMatchObject({ email: 'records@canaan-pd.example.gov', version: entry.version + 2 });
  });

  it('[CL-4][CL-5] is checked once per referral submission: its DCF-737s and its DCF-823 are resolved from one copy', async () => {
    const worker = await signedIn(server, 'careline_worker');
    const created = await worker.post<ReferralView>('/api/referrals', evidentDraft());
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const checks = directoryLoads.checks;
    const submitted = await worker.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: created.body.version, idempotencyKey: 'directory-once-0001' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.notices.filter((n) => n.means === 'dcf823').length).toBeGreaterThan(0);
    expect(submitted.body.notices.filter((n) => n.means !== 'dcf823').length).toBeGreaterThan(0);
    expect(directoryLoads.checks - checks, 'one version check for the whole submission').toBe(1);
  });

  it('lists entries to caseworkers, filtered by kind and by text', async () => {
    const worker = await signedIn(server, 'careline_worker');
    const mdts = await worker.get<PartnerAgencyView[]>('/api/directory?kind=mdt');
    expect(mdts.status).toBe(200);
    expect(mdts.body).toHaveLength(13);
    const found = await worker.get<PartnerAgencyView[]>('/api/directory?q=new%20haven');
    expect(found.body.map((p) => p.code)).toEqual(expect.arrayContaining(['PD-NEW-HAVEN', 'FBI-NEW-HAVEN', 'MDT-JD-NHV']));
    const wild = await worker.get<PartnerAgencyView[]>('/api/directory?q=%25');
    expect(wild.body).toEqual([]);
  });

  it('lets an administrator change a contact, audited; a second save from a stale version is refused (409) and changes nothing', async () => {
    const admin = await signedIn(server, 'administrator');
    // A designated hospital: its mail names no child, so its address changes at once (CF-1).
    const [pd] = await db().select().from(partnerAgencies).where(eq(partnerAgencies.code, 'HOSP-HARTFORD'));
    const ok = await admin.patch<PartnerAgencyView>(`/api/directory/${pd!.id}`, { email: 'dispatch@hartford-pd.example.gov', version: pd!.version });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ email: 'dispatch@hartford-pd.example.gov', version: pd!.version + 1 });
    const [row] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'directory.update'), eq(auditEvents.recordId, pd!.id)));
    expect(row).toMatchObject({ outcome: 'success', recordType: 'partner_agency', detail: { fields: ['email'] } });

    const stale = await admin.patch<{ error: string; message: string }>(`/api/directory/${pd!.id}`, { phone: '860-555-0199', version: pd!.version });
    expect(stale.status).toBe(409);
    expect(stale.body.message).toMatch(/Someone else changed this agency/);
    const [after] = await db().select().from(partnerAgencies).where(eq(partnerAgencies.id, pd!.id));
    expect(after).toMatchObject({ email: 'dispatch@hartford-pd.example.gov', phone: pd!.phone, version: pd!.version + 1 });

    const missing = await admin.patch(`/api/directory/${crypto.randomUUID()}`, { phone: '860-555-0199', version: 1 });
    expect(missing.status).toBe(404);
  });
});
