import { requiredNotices } from '@harbor/policy';
import type { NoticeProblemView, ReferralView } from '@harbor/policy/api';
import { and, asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, documents, obligationEvents, obligations, outboxMessages, referralNotices, referrals } from '../db/schema.js';
import { extractPdfText } from '../documents/index.js';
import { runObligationPass, schedulerOptionsFrom, schedulerReason } from '../obligations/index.js';
import { createSmtpTransport, deliverDue, deliveryOptionsFrom, type MailTransport } from '../outbox/index.js';
import { SmtpPeer } from '../test/smtp-peer.js';
import { signedIn, startTestServer, type Client, type TestServer } from '../test/harness.js';
import { collectPages } from '../test/paging.js';
import { completeDraft, evidentDraft, narrativeText } from '../test/referral-fixtures.js';
import { openPoliceContact } from './sealed-fields.js';

/**
 * Submitting a referral sends its notices (CL-4, CL-5) through the outbox to a real SMTP server on
 * 127.0.0.1: one e-mail per party with the DCF-737 PDF, nothing of the narrative; a mail server
 * that is down loses nothing; a retried submit makes nothing twice.
 */
let server: TestServer;
let peer: SmtpPeer;
let transport: MailTransport;
let worker: Client;
const db = () => server.db.database.db;

beforeAll(async () => {
  peer = await new SmtpPeer().start();
  server = await startTestServer({ smtpUrl: peer.url });
  transport = createSmtpTransport(peer.url, { connectionMs: 5000, greetingMs: 5000, socketMs: 10_000 });
  worker = await signedIn(server, 'careline_worker');
});
afterAll(async () => {
  transport.close();
  await peer.stop();
  await server.close();
});

const deliver = async () => deliverDue(server.app.harbor.data.forSystem('outbox'), transport, server.clock.now(), await deliveryOptionsFrom(server.app.harbor.data, server.config, server.vault));
async function submitNew(draft: Record<string, unknown>, key: string): Promise<ReferralView> {
  const created = await worker.post<ReferralView>('/api/referrals', draft);
  const r = await worker.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: created.body.version, idempotencyKey: key });
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return r.body;
}
const mailsFor = (number: string) => peer.received.filter((m) => m.subject.includes(number));
/** Neglect only: no HT indicator, no HT category, no child reported prostituted. */
const neglectDraft = () => {
  const d = completeDraft();
  d.children[0] = { ...d.children[0]!, allegations: ['neglect'], indicators: [], prostitutedOrCse: false };
  return d;
};
const accept = (who: Client, r: ReferralView) => who.post<ReferralView>(`/api/referrals/${r.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: r.version });
const everyParty = ['records@enfield-pd.example.gov', 'hart-lead.r4@dcf.example.gov', 'hart-director@dcf.example.gov', 'ct-child-exploitation@fbi.example.gov', 'trafficking@csa.example.gov', 'mdt.hartford@mdt.example.org'];
/** Per party: how many mails about `number` it received, and how many of them carried a DCF-737 or DCF-823 document. */
function perParty(number: string) {
  const mails = mailsFor(number);
  return Object.fromEntries(
    everyParty.map((to) => {
      const mine = mails.filter((m) => m.envelopeTo.includes(to));
      // The attached document's form: its file name and its title.
      const carrying = (form: string) => mine.filter((m) => m.attachments.some((a) => a.filename.startsWith(form) && extractPdfText(a.content).includes(`${form} `))).length;
      return [to, { mails: mine.length, dcf737: carrying('DCF-737'), dcf823: carrying('DCF-823') }];
    }),
  );
}

describe('notices on submission', () => {
  it('[CL-4][CL-5] a neglect-only referral sends no DCF-737 and no DCF-823 to any party, submitted or accepted, and gives no police-call duty', async () => {
    const referral = await submitNew(neglectDraft(), 'neglect-only-submit');
    expect(referral).toMatchObject({ htCharacteristics: false, htEvident: false, notices: [] });
    const accepted = await accept(worker, referral);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    expect(accepted.body.notices).toEqual([]);
    await deliver();
    const zero = { mails: 0, dcf737: 0, dcf823: 0 };
    expect(perParty(referral.number)).toEqual(Object.fromEntries(everyParty.map((to) => [to, zero])));
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.recordId, referral.id))).toEqual([]);
    expect(await db().select().from(documents).where(eq(documents.recordId, referral.id))).toEqual([]);
    expect(await db().select().from(obligations).where(and(eq(obligations.subjectId, referral.id), eq(obligations.completes, 'police_phoned')))).toEqual([]);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.submit'), eq(auditEvents.recordId, referral.id)));
    expect(audit?.detail).toMatchObject({ htCharacteristics: false, noticesWarranted: false, notices: 0 });
  });

  it('[CL-4] sends each required party exactly one e-mail with the DCF-737 PDF, holding the minimum and never the narrative; the police call awaits the worker', async () => {
    const referral = await submitNew(completeDraft(), 'cl4-first-submit');
    const dcf737 = requiredNotices({ context: 'careline', townName: 'Enfield' }).filter((n) => n.means === 'dcf737');
    expect(referral.notices.map((n) => n.key).sort()).toEqual(requiredNotices({ context: 'careline', townName: 'Enfield' }).map((n) => n.key).sort());
    expect(referral.notices.find((n) => n.means === 'phone')).toMatchObject({ party: 'police_department', immediate: true, status: 'awaiting_entry', outboxMessageId: null });

    expect(await deliver()).toMatchObject({ sent: dcf737.length });
    const mails = mailsFor(referral.number);
    expect(mails).toHaveLength(dcf737.length);
    const expectedTo = ['records@enfield-pd.example.gov', 'hart-lead.r4@dcf.example.gov', 'ct-child-exploitation@fbi.example.gov', 'trafficking@csa.example.gov', 'mdt.hartford@mdt.example.org'];
    expect(mails.flatMap((m) => m.envelopeTo).sort()).toEqual(expectedTo.sort());
    const worker = (await db().select().from(referrals).where(eq(referrals.id, referral.id)))[0]!;
    for (const mail of mails) {
      expect(mail.attachments).toHaveLength(1);
      expect(mail.attachments[0]!.contentType).toBe('application/pdf');
      const text = extractPdfText(mail.attachments[0]!.content);
      for (const field of [referral.number, 'J.D.', '15', 'Female', 'Enfield', 'Human trafficking (labor)', 'Physical neglect', 'School employee (mandated reporter)', '1-800-842-2288']) {
        expect(text, field).toContain(field);
      }
      expect(text).toMatch(/Worker\s+\S/);
      for (const secret of ['NARRATIVE-SECRET', 'farm stand', 'Jamie', 'Doeski', 'Pat Reporter', 'Crew boss']) {
        expect(text, secret).not.toContain(secret);
        expect(mail.text, secret).not.toContain(secret);
      }
    }
    expect(worker.htEvident).toBe(false);
    expect(mailsFor(referral.number).some((m) => m.subject.startsWith('DCF-823'))).toBe(false);
    const [audit] = await db().select().from(auditEvents).where(and(eq(auditEvents.action, 'referral.submit'), eq(auditEvents.recordId, referral.id)));
    expect(audit).toMatchObject({ outcome: 'success', detail: { number: referral.number, htCharacteristics: true, htEvident: false, notices: 6 } });
    expect(JSON.stringify(audit?.detail)).not.toContain(narrativeText.slice(0, 20));
  });

  it('answers a retried submit (same key) with the first result and creates nothing twice; another key is refused', async () => {
    const created = await worker.post<ReferralView>('/api/referrals', completeDraft());
    const url = `/api/referrals/${created.body.id}/submit`;
    const [a, b] = await Promise.all([worker.post<ReferralView>(url, { version: 1, idempotencyKey: 'retry-key-0001' }), worker.post<ReferralView>(url, { version: 1, idempotencyKey: 'retry-key-0001' })]);
    expect([a.status, b.status]).toEqual([200, 200]);
    const c = await worker.request<ReferralView>('POST', url, { version: 1 });
    expect(c.status).toBe(409);
    expect(b.body.notices.map((n) => n.id).sort()).toEqual(a.body.notices.map((n) => n.id).sort());
    expect(await db().select().from(referralNotices).where(eq(referralNotices.referralId, created.body.id))).toHaveLength(6);
    expect(await db().select().from(outboxMessages).where(eq(outboxMessages.recordId, created.body.id))).toHaveLength(5);
    expect(await db().select().from(documents).where(eq(documents.recordId, created.body.id))).toHaveLength(5);
    await deliver();
    expect(mailsFor(a.body.number)).toHaveLength(5);
  });

  it('saves a referral submitted while the mail server is down; each notice arrives once when it is back', async () => {
    await peer.stop();
    const referral = await submitNew(completeDraft(), 'smtp-down-submit');
    expect(referral.status).toBe('submitted');
    expect(await deliver()).toMatchObject({ sent: 0, retrying: 5 });
    const rows = await db().select().from(outboxMessages).where(eq(outboxMessages.recordId, referral.id));
    expect(rows.map((r) => r.status)).toEqual(Array(5).fill('failed_retrying'));
    await peer.start();
    server.clock.advance(61_000);
    expect(await deliver()).toMatchObject({ sent: 5 });
    server.clock.advance(3_600_000);
    expect(await deliver()).toMatchObject({ claimed: 0 });
    const mails = mailsFor(referral.number);
    expect(mails).toHaveLength(5);
    expect(new Set(mails.flatMap((m) => m.envelopeTo)).size).toBe(5);
  });

  it('[CL-4] escalates notices still failing after the third attempt to the Careline supervisor, who sees them until they are sent', async () => {
    worker = await signedIn(server, 'careline_worker');
    const supervisor = await signedIn(server, 'careline_supervisor');
    await peer.stop();
    const referral = await submitNew(completeDraft(), 'escalation-submit');
    const problems = async () => (await collectPages<NoticeProblemView>(supervisor, '/api/referrals/notice-problems', 200)).items.filter((p) => p.referralNumber === referral.number);
    for (const wait of [0, 61_000, 121_000]) {
      server.clock.advance(wait);
      expect(await problems(), 'not escalated before the third failure').toEqual([]);
      await deliver();
    }
    const listed = await problems();
    expect(listed).toHaveLength(5);
    expect(listed[0]).toMatchObject({ referralId: referral.id, means: 'dcf737', status: 'failed_retrying', attempts: 3, statusLabel: 'Failed — retrying' });
    expect(listed.every((p) => p.escalatedAt !== null && !!p.lastError && !p.lastError.includes('@'))).toBe(true);
    expect(listed.map((p) => p.partnerName)).toContain(referral.notices.find((n) => n.party === 'fbi_field_office')!.partnerName);
    expect((await worker.get('/api/referrals/notice-problems')).status, 'a Careline worker has no such list').toBe(403);
    const messageIds = referral.notices.map((n) => n.outboxMessageId).filter((id) => id !== null);
    const escalations = await db().select().from(auditEvents).where(eq(auditEvents.action, 'notice.escalated'));
    expect(escalations.filter((e) => messageIds.includes(e.recordId!)), 'each escalation audited once').toHaveLength(5);

    await peer.start();
    server.clock.advance(241_000);
    expect(await deliver()).toMatchObject({ sent: 5 });
    expect(await problems(), 'sent notices leave the list').toEqual([]);
    expect(mailsFor(referral.number)).toHaveLength(5);
  });

  it('[CL-5] sends the DCF-823 Critical Incident to the HART Director when trafficking is evident at the report', async () => {
    worker = await signedIn(server, 'careline_worker'); // the test clock moved past the idle lock
    const referral = await submitNew(evidentDraft(), 'cl5-evident-submit');
    expect(referral).toMatchObject({ htCharacteristics: true, htEvident: true });
    expect(referral.notices.find((n) => n.means === 'dcf823')).toMatchObject({ party: 'hart_director' });
    await deliver();
    const incident = mailsFor(referral.number).filter((m) => m.subject.startsWith('DCF-823'));
    expect(incident).toHaveLength(1);
    expect(incident[0]!.envelopeTo).toEqual(['hart-director@dcf.example.gov']);
    const text = extractPdfText(incident[0]!.attachments[0]!.content);
    expect(text).toContain(referral.number);
    expect(text).toContain('human trafficking was evident');
    expect(text).not.toContain('NARRATIVE-SECRET');
    expect(mailsFor(referral.number)).toHaveLength(6);
  });

  it('[CL-5] an S1-like referral (trafficking evident at the report, then accepted) has one Critical Incident: one DCF-823 mailed once, updated to version 2 with version 1 kept', async () => {
    worker = await signedIn(server, 'careline_worker');
    const referral = await submitNew(evidentDraft(), 's1-like-submit');
    await deliver();
    const accepted = await accept(worker, referral);
    expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
    await deliver();
    const counts = perParty(referral.number);
    expect(counts['hart-director@dcf.example.gov']).toEqual({ mails: 2, dcf737: 0, dcf823: 1 });
    for (const to of everyParty.filter((p) => p !== 'hart-director@dcf.example.gov')) expect(counts[to]!.dcf823, to).toBe(0);
    for (const to of everyParty.filter((p) => p !== 'hart-director@dcf.example.gov')) expect(counts[to]!.dcf737, to).toBe(1);
    const toDirector = mailsFor(referral.number).filter((m) => m.envelopeTo.includes('hart-director@dcf.example.gov'));
    expect(toDirector.map((m) => m.subject)).toEqual([
      `DCF-823 Critical Incident, referral ${referral.number}: trafficking evident at the report`,
      `Critical Incident updated, referral ${referral.number}: HT referral accepted`,
    ]);
    const note = toDirector[1]!;
    expect(note.attachments).toHaveLength(0);
    for (const secret of ['Jamie', 'Doeski', '2010-06-01', 'NARRATIVE-SECRET']) expect(note.text, secret).not.toContain(secret);
    const versions = await db().select().from(documents).where(and(eq(documents.recordId, referral.id), eq(documents.kind, 'DCF-823'))).orderBy(asc(documents.version));
    expect(versions.map((v) => v.version)).toEqual([1, 2]);
    expect(versions[1]!.previousId).toBe(versions[0]!.id);
    expect(versions[0]!.sha256).not.toBe(versions[1]!.sha256);
    const notices = accepted.body.notices.filter((n) => n.means === 'dcf823').map((n) => n.key);
    expect(notices).toEqual(['hart_director.dcf823', 'hart_director.dcf823.accepted']);
  });

  it('[CL-4] records the immediate phone call to the police once (officer, badge, case number); a second record is refused', async () => {
    worker = await signedIn(server, 'careline_worker');
    const referral = await submitNew(completeDraft(), 'phone-notice-submit');
    // The call is a duty of the worker who submitted, due at once (our clock), closed by recording it.
    const duty = async () => (await db().select().from(obligations).where(and(eq(obligations.subjectId, referral.id), eq(obligations.completes, 'police_phoned'))))[0];
    expect(await duty()).toMatchObject({ clause: 'CL-4', ruleCode: 'phone_local_police', ownerUserId: referral.createdBy, state: 'open', dueAt: new Date(referral.submittedAt!) });
    const calledAt = server.clock.now().toISOString();
    const call = { calledAt, officerName: 'Officer Dana Lee', badgeNumber: '4471', policeCaseNumber: 'EPD-26-01234' };
    const r = await worker.post<ReferralView>(`/api/referrals/${referral.id}/phone-notices`, call);
    expect(r.status).toBe(200);
    expect(r.body.notices.find((n) => n.means === 'phone')).toMatchObject({ status: 'recorded', phoneCall: { ...call, calledAt: new Date(calledAt).toISOString() } });
    const again = await worker.post<{ message: string }>(`/api/referrals/${referral.id}/phone-notices`, { ...call, officerName: 'Someone Else' });
    expect(again.status).toBe(409);
    const [row] = await db().select().from(referralNotices).where(and(eq(referralNotices.referralId, referral.id), eq(referralNotices.means, 'phone')));
    expect(openPoliceContact(server.vault, row!.id, row!.policeContactSealed)?.officerName).toBe('Officer Dana Lee');
    expect(await duty()).toMatchObject({ state: 'done' });
    const draft = await worker.post<ReferralView>('/api/referrals', completeDraft());
    expect((await worker.post(`/api/referrals/${draft.body.id}/phone-notices`, call)).status).toBe(409);
  });
});

describe('the police call as a duty (CL-4)', () => {
  it('[CL-4] a call not recorded is overdue at once and escalated to the Careline supervisors like any other duty', async () => {
    worker = await signedIn(server, 'careline_worker');
    const referral = await submitNew(completeDraft(), 'phone-duty-escalation');
    const [duty] = await db().select().from(obligations).where(and(eq(obligations.subjectId, referral.id), eq(obligations.completes, 'police_phoned')));
    expect(duty).toMatchObject({ state: 'open', ownerUserId: referral.createdBy });
    await runObligationPass(server.app.harbor.data.forSystem(schedulerReason), {}, server.clock.now(), schedulerOptionsFrom(server.config));
    expect((await db().select().from(obligations).where(eq(obligations.id, duty!.id)))[0]).toMatchObject({ state: 'overdue' });
    server.clock.advance(server.config.escalateEveryMs + 60_000);
    await runObligationPass(server.app.harbor.data.forSystem(schedulerReason), {}, server.clock.now(), schedulerOptionsFrom(server.config));
    const [escalated] = await db().select().from(obligationEvents).where(and(eq(obligationEvents.obligationId, duty!.id), eq(obligationEvents.kind, 'escalated')));
    expect(escalated).toMatchObject({ toRole: 'supervisor' });
    expect((escalated!.detail as { recipients: number }).recipients, 'the Careline office’s supervisors are told').toBeGreaterThan(0);
  });
});

describe('configured Critical Incident recipients', () => {
  it('[CL-5] sends the DCF-823 to every configured recipient once at the report, and on acceptance a note of its new version', async () => {
    const configured = await startTestServer({ smtpUrl: peer.url, criticalIncidentRecipients: ['hart_director', 'hart_lead'] });
    const before = peer.received.length; // this server numbers its referrals from 1 again
    try {
      const careline = await signedIn(configured, 'careline_worker');
      const created = await careline.post<ReferralView>('/api/referrals', evidentDraft());
      const submitted = await careline.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: created.body.version, idempotencyKey: 'configured-823' });
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
      expect(submitted.body.notices.filter((n) => n.means === 'dcf823').map((n) => n.key).sort()).toEqual(['hart_director.dcf823', 'hart_lead.dcf823']);
      const accepted = await careline.post<ReferralView>(`/api/referrals/${created.body.id}/decision`, {
        decision: 'accepted',
        responsePriority: { answers: { in_danger_now: 'yes' } },
        version: submitted.body.version,
      });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(200);
      const data = configured.app.harbor.data;
      await deliverDue(data.forSystem('outbox'), transport, configured.clock.now(), await deliveryOptionsFrom(data, configured.config, configured.vault));
      const mine = peer.received.slice(before).filter((m) => m.subject.includes(submitted.body.number));
      const incidents = mine.filter((m) => m.subject.startsWith('DCF-823'));
      expect(incidents.map((m) => m.envelopeTo[0]).sort()).toEqual(['hart-director@dcf.example.gov', 'hart-lead.r4@dcf.example.gov']);
      expect(incidents.every((m) => m.attachments.length === 1)).toBe(true);
      const updates = mine.filter((m) => m.subject.startsWith('Critical Incident updated'));
      expect(updates.map((m) => m.envelopeTo[0]).sort()).toEqual(['hart-director@dcf.example.gov', 'hart-lead.r4@dcf.example.gov']);
      expect(updates.every((m) => m.attachments.length === 0)).toBe(true);
    } finally {
      await configured.close();
    }
  });
});
