import type { ApprovalPending, CaseView, HtFoundResult, ReferralView } from '@harbor/policy/api';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offices, partnerAgencies } from '../db/schema.js';
import { createSmtpTransport, deliveryOptionsFrom, startDeliveryWorker, type DeliveryWorker, type Log } from '../outbox/index.js';
import { demoPassword, demoSecondAdministrator, demoUsername } from '../seed/index.js';
import { acceptedReferral, noHtDraft, userIdOf } from '../test/casework-fixtures.js';
import { Client, signedIn, startTestServer, type TestServer } from '../test/harness.js';
import { completeDraft } from '../test/referral-fixtures.js';
import { SmtpPeer } from '../test/smtp-peer.js';

/**
 * Issue 11: every action whose commit queues mail wakes the delivery worker after the commit, as
 * a submission does: the Careline decision's DCF-823, OG-2/OG-3's DCF-737s on an open case, IN-4's
 * new referral, a CF-1 change the HART Director is told of. The worker here polls once an hour
 * (HARBOR_OUTBOX_POLL_SECONDS 3600), so within these tests only the wake-up can deliver.
 */
let server: TestServer;
let peer: SmtpPeer;
let careline: Client;
let supervisor: Client;
let investigator: Client;
let ongoing: Client;
let admin: Client;
const db = () => server.db.database.db;
const quiet: Log = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };
/** Well within the hour between polls. */
const arrives = { timeout: 30_000 };

beforeAll(async () => {
  peer = await new SmtpPeer().start();
  server = await startTestServer({ smtpUrl: peer.url, outboxPollMs: 3_600_000 });
  careline = await signedIn(server, 'careline_worker');
  supervisor = await signedIn(server, 'supervisor');
  investigator = await signedIn(server, 'investigation_worker');
  ongoing = await signedIn(server, 'ongoing_worker');
  admin = await signedIn(server, 'administrator');
});
afterAll(async () => {
  await server.close();
  await peer.stop();
});

/**
 * A delivery worker with nothing left to send: its start-up pass delivers what the set-up queued
 * (no worker was listening then); once a pass claims less than a batch, the next poll is an hour
 * away and only a wake-up runs another.
 */
async function idleWorker(): Promise<DeliveryWorker> {
  let idle!: () => void;
  const started = new Promise<void>((resolve) => (idle = resolve));
  const worker = startDeliveryWorker({
    repo: server.app.harbor.data.forSystem('outbox'),
    transport: createSmtpTransport(peer.url),
    options: await deliveryOptionsFrom(server.app.harbor.data, server.config, server.vault, { batchSize: 10 }),
    clock: server.clock,
    pollMs: server.config.outboxPollMs,
    log: quiet,
    afterPass: (report) => {
      if ((report?.claimed ?? 0) < 10) idle();
    },
  });
  await started;
  return worker;
}

const received = (subject: string) => peer.received.filter((m) => m.subject.includes(subject)).length;

describe('mail queued by an action goes out when the action commits, not at the next poll', () => {
  it('[CL-5] the Careline decision: the DCF-823 of an accepted HT referral reaches the HART Director', async () => {
    const created = await careline.post<ReferralView>('/api/referrals', completeDraft());
    const submitted = await careline.post<ReferralView>(`/api/referrals/${created.body.id}/submit`, { version: created.body.version });
    expect(submitted.status).toBe(200);
    const worker = await idleWorker();
    try {
      const subject = `DCF-823 Critical Incident, referral ${submitted.body.number}: HT referral accepted`;
      expect(received(subject)).toBe(0);
      const decided = await careline.post<ReferralView>(`/api/referrals/${created.body.id}/decision`, { version: submitted.body.version, decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } } });
      expect(decided.status, JSON.stringify(decided.body)).toBe(200);
      await expect.poll(() => received(subject), arrives).toBe(1);
    } finally {
      await worker.stop();
    }
  });

  it('[OG-2] an HT concern raised on an open case: its DCF-737s reach the parties', async () => {
    const hfd = (await db().select({ id: offices.id }).from(offices).where(eq(offices.code, 'HFD')))[0]!.id;
    const me = await userIdOf(server, demoUsername('ongoing_worker'));
    const child = { kind: 'new', firstName: 'Rosa', lastName: 'Despierta', dateOfBirth: '2011-04-02', gender: 'female', townName: 'Hartford' };
    const opened = await ongoing.post<CaseView>('/api/cases', { child, officeId: hfd, workerId: me, idempotencyKey: 'wake-case-0001' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(201);
    const worker = await idleWorker();
    try {
      const subject = `DCF-737 notice, open case ${opened.body.number}`;
      const raised = await ongoing.post<CaseView>(`/api/cases/${opened.body.id}/ht-concern`, {
        indicators: ['missing_now', 'hotel_keys_or_supplies'],
        narrative: 'The youth came back with hotel key cards.',
        idempotencyKey: 'wake-concern-0001',
      });
      expect(raised.status, JSON.stringify(raised.body)).toBe(200);
      await expect.poll(() => received(subject), arrives).toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
  });

  it('[IN-4] HT found in an investigation: the new referral’s notices go out', async () => {
    const original = await acceptedReferral(server, { careline, supervisor }, noHtDraft('Hartford'));
    const worker = await idleWorker();
    try {
      const found = await investigator.post<HtFoundResult>(`/api/investigations/${original.id}/ht-found`, {
        narrative: 'The child said she works nights at a restaurant to repay a debt.',
        category: 'ht_labor',
        idempotencyKey: 'wake-in4-0001',
      });
      expect(found.status, JSON.stringify(found.body)).toBe(201);
      await expect.poll(() => received(`DCF-737 notice, referral ${found.body.number}`), arrives).toBeGreaterThan(0);
    } finally {
      await worker.stop();
    }
  });

  it('[CF-1] a change that waits for a second administrator, and its rejection: the HART Director is told of each', async () => {
    const [pd] = await db().select().from(partnerAgencies).where(eq(partnerAgencies.code, 'PD-HARTFORD'));
    const second = new Client(server.baseUrl);
    expect((await second.signIn(demoSecondAdministrator, demoPassword)).status).toBe(200);
    const worker = await idleWorker();
    try {
      const asked = await admin.patch<ApprovalPending>(`/api/directory/${pd!.id}`, { email: 'records@hartford-pd.example.org', version: pd!.version });
      expect(asked.status).toBe(202);
      await expect.poll(() => received('an administrative change awaits a second administrator'), arrives).toBe(1);
      const rejected = await second.post(`/api/approvals/${asked.body.approval.id}/reject`, { reason: 'Not the department’s address' });
      expect(rejected.status).toBe(200);
      await expect.poll(() => received('an administrative change was rejected'), arrives).toBe(1);
    } finally {
      await worker.stop();
    }
  });
});
