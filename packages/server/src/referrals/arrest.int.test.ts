import type { ReferralView } from '@harbor/policy/api';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents } from '../db/schema.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';

/** CL-8: a police report of a youth arrested for prostitution is a referral in which the youth is the child victim. */
let server: TestServer;
let worker: Client;
beforeAll(async () => {
  server = await startTestServer();
  worker = await signedIn(server, 'careline_worker');
});
afterAll(async () => {
  await server.close();
});

type ErrorBody = { message: string; fields?: { field: string; message: string }[] };
const report = {
  receivedAt: '2026-03-06T01:20:00-05:00',
  report: { statute: '53a-82', department: 'Hartford Police Department', officerName: 'Officer Sam Ortiz', badgeNumber: '2231', policeCaseNumber: 'HPD-26-00991', arrestTownName: 'Hartford' },
  officerPhone: '860-555-0142',
  youth: { firstName: 'Riley', lastName: 'Testcase', estimatedAge: 15, townName: 'Hartford' },
};
/** What the worker adds on the call to the draft the report started. */
const completion = {
  gender: 'female',
  races: ['unknown'],
  ethnicity: 'unknown',
  primaryLanguage: 'English',
  citizenship: 'unknown',
  livingSituation: 'missing_from_care',
  dcfInvolvement: { openCase: true, inDcfCare: true },
  aliases: [],
};

describe('arrest of a minor (CL-8)', () => {
  it('[CL-8] starts a law-enforcement referral with the arrested youth as the child victim of sex trafficking; on submission trafficking is evident', async () => {
    const created = await worker.post<ReferralView>('/api/referrals/from-arrest', report);
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const draft = created.body.draft as { channel: string; children: Record<string, unknown>[]; exploiters: unknown[]; reporter: Record<string, unknown>; arrest: Record<string, unknown> };
    expect(draft.channel).toBe('law_enforcement');
    expect(draft.children).toHaveLength(1);
    expect(draft.children[0]).toMatchObject({ firstName: 'Riley', prostitutedOrCse: true, allegations: ['ht_sex'], indicators: ['arrested_for_prostitution'] });
    expect(draft.exploiters, 'the youth is never an exploiter').toEqual([]);
    expect(draft.reporter).toMatchObject({ name: 'Officer Sam Ortiz', relationship: 'law_enforcement' });
    expect(draft.arrest).toMatchObject({ policeCaseNumber: 'HPD-26-00991' });
    expect(created.body.htCharacteristics).toBe(true);
    const [audit] = await server.db.database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.create'), eq(auditEvents.recordId, created.body.id)));
    expect(audit?.detail).toMatchObject({ source: 'arrest_report' });

    const child = { ...draft.children[0], ...completion };
    const saved = await worker.patch<ReferralView>(`/api/referrals/${created.body.id}`, { ...draft, children: [child], version: created.body.version });
    expect(saved.status, JSON.stringify(saved.body)).toBe(200);
    const submitted = await worker.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: saved.body.version, idempotencyKey: 'arrest-submit-1' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body).toMatchObject({ status: 'submitted', channel: 'law_enforcement', htEvident: true, townName: 'Hartford' });
    expect(submitted.body.notices.some((n) => n.means === 'dcf823'), 'a Critical Incident: trafficking is evident').toBe(true);
  });

  it('[CL-8] refuses to record the arrested youth as an alleged exploiter, naming the field', async () => {
    const created = await worker.post<ReferralView>('/api/referrals/from-arrest', report);
    const draft = created.body.draft as { children: Record<string, unknown>[] };
    const exploiters = [{ unknown: false, name: 'Riley Testcase', relationship: 'other' }];
    const saved = await worker.patch<ReferralView>(`/api/referrals/${created.body.id}`, { ...created.body.draft, children: [{ ...draft.children[0], ...completion }], exploiters, version: created.body.version });
    expect(saved.status).toBe(200);
    const r = await worker.post<ErrorBody>(`/api/referrals/${created.body.id}/submit`, { version: saved.body.version });
    expect(r.status).toBe(400);
    expect(r.body.fields?.find((f) => f.field === 'exploiters.0.name')?.message).toContain('child victim');
  });

  it('[CL-8] names the missing parts of an arrest report', async () => {
    const r = await worker.post<ErrorBody>('/api/referrals/from-arrest', { ...report, report: { ...report.report, statute: '53a-83', officerName: '' } });
    expect(r.status).toBe(400);
    expect(r.body.fields?.map((f) => f.field).sort()).toEqual(['report.officerName', 'report.statute']);
  });
});
