import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, type Referral } from './api';
import { demoUsername, expectAccessible, expectHeading, follow, keyboardSignIn, launchBrowser, openTab, press, tabTo } from './browser';
import { serverForFile } from './server-for-file';

/**
 * The supervisors' and the HART Director's queues and the outgoing-mail page, by keyboard alone:
 * DR-1 and DR-2 triage, CL-2 approval of a non-acceptance, CL-5 assignment, CL-4 outgoing mail.
 * The referrals are made through the API, as a Careline worker's browser would.
 */
const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;

/** A complete referral as a Careline worker submits it (synthetic; labor trafficking suspected). */
const completeReferral = (town: string) => ({
  receivedAt: '2026-03-05T14:07:00-05:00',
  channel: 'mandated_reporter_email_fax',
  reporter: { anonymous: false, name: 'Pat Reporter', relationship: 'professional', mandatedReporterType: 'school_staff', contact: { phone: '860-555-0100' } },
  children: [
    {
      firstName: 'Jamie',
      lastName: 'Queueski',
      aliases: [],
      dateOfBirth: '2010-06-01',
      gender: 'female',
      races: ['white'],
      ethnicity: 'hispanic_or_latino',
      primaryLanguage: 'Spanish',
      citizenship: 'not_us_citizen',
      townName: town,
      state: 'CT',
      livingSituation: 'home',
      dcfInvolvement: { openCase: false, inDcfCare: false },
      prostitutedOrCse: false,
      allegations: ['ht_labor', 'neglect'],
      indicators: ['long_hours_little_pay', 'lives_at_workplace'],
    },
  ],
  exploiters: [{ unknown: false, name: 'Crew boss', relationship: 'employer' }],
  places: [{ townName: town, type: 'business', detail: 'Farm stand' }],
  narrative: 'The student says she works every night at a farm stand to pay back her travel and sleeps in the barn.',
});

let careline: Api;
/** Draft, saved complete, submitted (DCF-737 notices to every party), then decided. */
async function referral(decision: 'accepted' | 'not_accepted' | null, by: Api = careline): Promise<Referral> {
  const careline = by;
  const draft = await careline.ok('POST', '/api/referrals', { narrative: 'First words of the call' });
  const saved = await careline.ok('PATCH', `/api/referrals/${draft.id}`, { ...completeReferral('Enfield'), version: draft.version });
  const submitted = await careline.ok('POST', `/api/referrals/${saved.id}/submit`, { version: saved.version, idempotencyKey: `queues-${saved.id}` });
  if (decision === 'accepted') return careline.ok('POST', `/api/referrals/${saved.id}/decision`, { decision, responsePriority: { answers: { in_danger_now: 'yes' } }, version: submitted.version });
  if (decision === 'not_accepted') {
    return careline.ok('POST', `/api/referrals/${saved.id}/decision`, { decision, reasonCode: 'age_18_or_older', explanation: 'The caller confirmed she is 19.', version: submitted.version });
  }
  return submitted;
}

let forTriage: Referral;
let forApproval: Referral;
let forAssignment: Referral;
let ownDecision: Referral;
beforeAll(async () => {
  browser = await launchBrowser();
  careline = new Api(url);
  await careline.signIn(demoUsername('careline_worker'));
  forApproval = await referral('not_accepted');
  forAssignment = await referral('accepted');
  // A non-acceptance the Careline supervisor decided themselves: another supervisor must approve it (CL-2).
  const supervisor = new Api(url);
  await supervisor.signIn(demoUsername('careline_supervisor'));
  ownDecision = await referral('not_accepted', supervisor);
  // The newest: first among the untriaged on the HART Director's home page.
  forTriage = await referral(null);
});
afterAll(async () => {
  await browser.close();
});


/** Follows a link by Tab and Enter, and waits for the page it opens. */


describe('the HART Director’s statewide queue, by keyboard alone', () => {
  it('[DR-1] finds the referral in the triage queue; [DR-2] no further action without a reason names the field; triages it to the regional HART team', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('hart_director'));
    await expectHeading(page, 'HART Director');
    await page.locator('.usa-card', { hasText: 'Waiting for triage' }).getByRole('link', { name: forTriage.number }).waitFor();
    await expectAccessible(page, 'HART Director home with live queues');

    await follow(page, '/referrals/triage', 'Statewide triage queue');
    expect(await page.title()).toBe('Statewide triage queue | Harbor');
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: forTriage.number, exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Not triaged');
    expect(await row.textContent()).toContain('A DCF-737 was sent');
    await expectAccessible(page, 'triage queue');

    await follow(page, `/referrals/${forTriage.id}/triage`, 'Triage a referral');
    await page.getByText('Why the reporter suspects trafficking').waitFor();
    await expectAccessible(page, 'triage page');

    await press(page, '#outcomes-no_further_action', 'Space');
    await press(page, 'button[type="submit"]', 'Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.locator('#reason-error').textContent()).toBe('Give the reason no further action is needed');
    expect(await page.getAttribute('#reason', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'triage page with a field error');

    await press(page, '#outcomes-no_further_action', 'Space');
    await press(page, '#outcomes', 'Space');
    expect(await page.isChecked('#outcomes')).toBe(true);
    await press(page, 'button[type="submit"]', 'Enter');
    await page.waitForURL((u) => u.pathname === '/referrals/triage');
    await page.getByText(`Referral ${forTriage.number} is triaged.`).waitFor();
    await row.getByText('Regional HART team response').waitFor();
    await expectAccessible(page, 'triage queue after triage');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('two triages of one referral', () => {
  it('[DR-2] the second is refused with a clear conflict message, nothing overwritten, and the page reloads the latest version', async () => {
    const r = await referral(null);
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('hart_director'));
    await page.goto(`/referrals/${r.id}/triage`);
    await expectHeading(page, 'Triage a referral');
    await page.locator('#outcomes').waitFor();
    // Meanwhile the referral is triaged elsewhere (the Director's other tab).
    const elsewhere = new Api(url);
    await elsewhere.signIn(demoUsername('hart_director'));
    await elsewhere.ok('POST', `/api/referrals/${r.id}/triage`, { outcomes: ['mdt'], version: r.version });

    await press(page, '#outcomes', 'Space');
    await press(page, 'button[type="submit"]', 'Enter');
    await page.locator('.usa-alert--error', { hasText: 'Someone else changed this referral since you opened it.' }).waitFor();
    await expectAccessible(page, 'triage page after a conflict');
    await press(page, '.usa-alert--error button', 'Enter');
    await page.getByText('Multidisciplinary team (MDT) review, on').waitFor();
    expect(await page.isChecked('#outcomes-mdt')).toBe(true);
    expect(await page.isChecked('#outcomes')).toBe(false);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the Careline supervisor, by keyboard alone', () => {
  it('[CL-2] approves a non-acceptance after a missing choice is named; [CL-4] the notice-problems page says plainly what it could or could not load', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('careline_supervisor'));
    await expectHeading(page, 'Careline');
    await page.locator('.usa-card', { hasText: 'Waiting for your approval' }).getByRole('link', { name: forApproval.number }).waitFor();
    await expectAccessible(page, 'Careline supervisor home with live queues');

    await follow(page, '/referrals/approvals', 'Non-acceptances waiting for approval');
    await page.getByRole('link', { name: forApproval.number, exact: true }).waitFor();
    await expectAccessible(page, 'approvals');

    await follow(page, `/referrals/${forApproval.id}/approval`, 'Approve a non-acceptance');
    await page.getByText('The caller confirmed she is 19.').waitFor();
    await page.getByText('The alleged victim is 18 years of age or older').waitFor();
    await expectAccessible(page, 'approval page');
    await press(page, 'button[type="submit"]', 'Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.locator('#approved-error').textContent()).toBe('Choose whether you approve the non-acceptance or return it');
    await expectAccessible(page, 'approval page with a field error');

    await press(page, '#approved', 'Space');
    expect(await page.isChecked('#approved')).toBe(true);
    await press(page, 'button[type="submit"]', 'Enter');
    await page.waitForURL((u) => u.pathname === '/referrals/approvals');
    await page.getByText(`The non-acceptance of referral ${forApproval.number} is approved.`).waitFor();
    expect(await page.getByRole('link', { name: forApproval.number, exact: true }).count()).toBe(0);

    // Their own decision: the server refuses, and the page shows its words.
    await page.goto(`/referrals/${ownDecision.id}/approval`);
    await expectHeading(page, 'Approve a non-acceptance');
    await press(page, '#approved', 'Space');
    await press(page, 'button[type="submit"]', 'Enter');
    await page.locator('.usa-alert--error', { hasText: 'The worker who made the decision cannot approve it' }).waitFor();
    await expectAccessible(page, 'approval refused by the server');

    await follow(page, '/referrals/notice-problems', 'Notices not delivered');
    // This server has no mail server: nothing is failing, and the page says so (notice-problems.browser.test.ts has failures).
    await page.getByText('No notice is failing. Notices that cannot be delivered will appear here.').waitFor();
    await expectAccessible(page, 'notice problems');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the supervisor’s assignment queue, by keyboard alone', () => {
  it('[CL-5] shows the time left to see the child and assigns an investigation worker of the region', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('supervisor'));
    await expectHeading(page, 'Supervision');
    await page.locator('.usa-card', { hasText: 'Waiting for assignment' }).getByRole('link', { name: forAssignment.number }).waitFor();
    await expectAccessible(page, 'supervisor home with the assignment queue');

    await follow(page, '/referrals/assignment', 'Waiting for an investigation worker');
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: forAssignment.number, exact: true }) });
    await row.waitFor();
    // Received in March and due within hours: long overdue, and it says so.
    expect(await row.locator('.harbor-tag--overdue').textContent()).toMatch(/^Overdue by \d+ h \d+ min$/);
    await expectAccessible(page, 'assignment queue');

    // A queue longer than a page: its first page of the largest size no longer holds this referral
    // (the page once looked for it there). The page reads the one referral by id instead.
    await page.route('**/api/referrals/assignment-queue?limit=200*', (route) => route.fulfill({ json: { items: [], nextCursor: null } }));
    await follow(page, `/referrals/${forAssignment.id}/assignment`, 'Assign an investigation worker');
    await page.getByRole('link', { name: forAssignment.number, exact: true }).waitFor();
    await page.locator('#userId option', { hasText: '(demo' }).waitFor({ state: 'attached' });
    await expectAccessible(page, 'assignment page');
    await press(page, 'button[type="submit"]', 'Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.locator('#userId-error').textContent()).toBe('Choose an investigation social worker');
    await expectAccessible(page, 'assignment page with a field error');

    // Down the list to the demo investigation worker, by arrow keys.
    const options = await page.locator('#userId option').allTextContents();
    const target = options.findIndex((o) => o.includes('(demo'));
    expect(target).toBeGreaterThan(0);
    await tabTo(page, '#userId', 200);
    for (let i = 0; i < target; i++) await page.keyboard.press('ArrowDown');
    const name = options[target]!.split(' (')[0]!;
    await press(page, 'button[type="submit"]', 'Enter');
    await page.waitForURL((u) => u.pathname === '/referrals/assignment');
    await page.getByText(`Referral ${forAssignment.number} is assigned to ${name}`).waitFor();
    expect(await page.getByRole('link', { name: forAssignment.number, exact: true }).count()).toBe(0);
    await expectAccessible(page, 'assignment queue after assignment');
    // Assigned, it no longer waits: its assignment page says so and shows nothing of it.
    await page.goto(`/referrals/${forAssignment.id}/assignment`);
    await expectHeading(page, 'Assign an investigation worker');
    await page.locator('.usa-alert--info').waitFor();
    expect(await page.locator('main').textContent()).not.toContain(forAssignment.number);
    await expectAccessible(page, 'assignment page of a referral no longer waiting');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('outgoing mail, by keyboard alone', () => {
  it('[CL-4] with no mail server configured, says so and labels every notice as not sent; the status filter lives in the URL', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('administrator'));
    await expectHeading(page, 'Administration');
    await follow(page, '/outgoing-mail', 'Outgoing mail');
    await page.getByText('No mail server is configured: messages are kept here and have not been sent.').waitFor();
    const held = page.locator('tbody .usa-tag', { hasText: 'Not sent — no mail server configured' });
    await held.first().waitFor();
    expect(await held.count()).toBeGreaterThan(0);
    expect(await page.locator('tbody .harbor-tag--sent').count()).toBe(0);
    await expectAccessible(page, 'outgoing mail');

    await tabTo(page, '#filter-status', 200);
    await page.keyboard.type('Not sent');
    await press(page, '.harbor-filters button[type="submit"]', 'Enter');
    await page.waitForURL((u) => u.searchParams.get('status') === 'held_no_transport');
    await page.locator('.harbor-result-count', { hasText: /^Messages 1 to \d+$/ }).waitFor();
    const statuses = await page.locator('tbody td:nth-child(4)').allTextContents();
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.every((s) => s.includes('Not sent'))).toBe(true);
    await expectAccessible(page, 'outgoing mail filtered');
    expect(problems).toEqual([]);
    await context.close();
  });
});
