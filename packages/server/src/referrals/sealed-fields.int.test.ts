import type { ReferralView } from '@harbor/policy/api';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryRows } from '../db/client.js';
import { referralNotices, referrals } from '../db/schema.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';
import { completeDraft } from '../test/referral-fixtures.js';
import { sealPlainFields } from './sealed-fields.js';

/** CF-1: police officers' names, badges and case numbers, and free-text decision and override reasons, are sealed at rest. */
let server: TestServer;
let worker: Client;
let supervisor: Client;
let director: Client;
const db = () => server.db.database.db;
beforeAll(async () => {
  server = await startTestServer();
  worker = await signedIn(server, 'careline_worker');
  supervisor = await signedIn(server, 'careline_supervisor');
  director = await signedIn(server, 'hart_director');
});
afterAll(async () => {
  await server.close();
});

const rawRows = async (table: string) =>
  (await queryRows<{ row: string }>(db(), sql`select row_to_json(t)::text as row from ${sql.identifier(table)} t`)).map((r) => r.row).join('\n');

async function submitted(): Promise<ReferralView> {
  const created = await worker.post<ReferralView>('/api/referrals', completeDraft());
  expect(created.status).toBe(201);
  const r = await worker.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: 1 });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}

const secrets = {
  officer: 'Officer Thaddeus Wrenfield',
  badge: 'B-77123',
  caseNumber: 'HPD-26-88811',
  explanation: 'The caller named a neighbour who already called twice this week',
  override: 'Police say the man is on his way to the motel now',
  triage: 'Already known to the Quarry Street task force',
};

describe('[CF-1] sealed at rest', () => {
  it('[CF-1] keeps the officer, badge and police case number, the non-acceptance explanation, the override and triage reasons only sealed, while the API answers them', async () => {
    const called = await submitted();
    const phone = await worker.post<ReferralView>(`/api/referrals/${called.id}/phone-notices`, {
      calledAt: new Date(server.clock.now().getTime() - 60_000).toISOString(),
      officerName: secrets.officer,
      badgeNumber: secrets.badge,
      policeCaseNumber: secrets.caseNumber,
    });
    expect(phone.status, JSON.stringify(phone.body)).toBe(200);
    expect(phone.body.notices.find((n) => n.phoneCall)?.phoneCall).toMatchObject({ officerName: secrets.officer, badgeNumber: secrets.badge, policeCaseNumber: secrets.caseNumber });

    const declined = await submitted();
    const d = await worker.post<ReferralView>(`/api/referrals/${declined.id}/decision`, { decision: 'not_accepted', reasonCode: 'age_18_or_older', explanation: secrets.explanation, version: declined.version });
    expect(d.status, JSON.stringify(d.body)).toBe(200);
    expect(d.body.decisionExplanation).toBe(secrets.explanation);

    const urgent = await submitted();
    const override = { to: 'within_2_hours', reason: secrets.override };
    const a = await supervisor.post<ReferralView>(`/api/referrals/${urgent.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'no', missing: 'yes', location_lead: 'no' }, override }, version: urgent.version });
    expect(a.status, JSON.stringify(a.body)).toBe(200);
    expect(a.body.responsePriority).toMatchObject({ override: { to: 'within_2_hours', reason: secrets.override } });

    const t = await director.post<ReferralView>(`/api/referrals/${called.id}/triage`, { outcomes: ['no_further_action'], reason: secrets.triage, version: phone.body.version });
    expect(t.status, JSON.stringify(t.body)).toBe(200);
    expect(t.body.triage?.reason).toBe(secrets.triage);
    // Lists open them too (the approvals queue shows the explanation).
    const pending = await supervisor.get<{ items: { id: string; decisionExplanation: string | null }[] }>('/api/referrals?status=not_accepted_pending_approval&limit=200');
    expect(pending.body.items.find((r) => r.id === declined.id)?.decisionExplanation).toBe(secrets.explanation);

    const stored = [await rawRows('referrals'), await rawRows('referral_notices'), await rawRows('audit_events')].join('\n');
    expect(stored).toContain(urgent.id);
    for (const secret of Object.values(secrets)) expect(stored, secret).not.toContain(secret);
  });

  it('[CF-1] seals at start what was written in plain text before, once: the plain columns end empty and the API answers the same', async () => {
    const r = await submitted();
    const [notice] = await db().select({ id: referralNotices.id }).from(referralNotices).where(eq(referralNotices.referralId, r.id)).limit(1);
    // As an earlier Harbor wrote them: plain text in the old columns, the override reason inside the JSON.
    const priority = { outcome: 'within_2_hours', outcomeLabel: 'Within 2 hours', responseHours: 2, path: [], treeVersion: '1', override: { from: 'within_24_hours', fromHours: 24, to: 'within_2_hours', reason: secrets.override } };
    await db().execute(sql`update referrals set decision_explanation = ${secrets.explanation}, triage_reason = ${secrets.triage}, response_priority = ${JSON.stringify(priority)}::jsonb,
                            triaged_at = now(), triaged_by = created_by, triage_outcomes = '["no_further_action"]'::jsonb where id = ${r.id}`);
    await db().execute(sql`update referral_notices set called_at = now(), officer_name = ${secrets.officer}, badge_number = ${secrets.badge}, police_case_number = ${secrets.caseNumber} where id = ${notice!.id}`);
    expect(await rawRows('referrals')).toContain(secrets.explanation);

    expect(await sealPlainFields(server.app.harbor.data.forSystem('test'), server.vault)).toBe(2);
    expect(await sealPlainFields(server.app.harbor.data.forSystem('test'), server.vault), 'a second start finds nothing to seal').toBe(0);

    const stored = [await rawRows('referrals'), await rawRows('referral_notices')].join('\n');
    for (const secret of Object.values(secrets)) expect(stored, secret).not.toContain(secret);
    const [row] = await db().select().from(referrals).where(eq(referrals.id, r.id));
    expect(row).toMatchObject({ legacyDecisionExplanation: null, legacyTriageReason: null });
    const view = await director.get<ReferralView>(`/api/referrals/${r.id}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({ decisionExplanation: secrets.explanation, triage: { reason: secrets.triage }, responsePriority: { override: { reason: secrets.override, from: 'within_24_hours' } } });
    expect(view.body.notices.find((n) => n.id === notice!.id)?.phoneCall).toMatchObject({ officerName: secrets.officer, badgeNumber: secrets.badge, policeCaseNumber: secrets.caseNumber });
  });
});
