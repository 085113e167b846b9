import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, type Referral } from './api';
import { choose, demoUsername, expectAccessible, expectHeading, follow, keyboardSignIn, launchBrowser, openTab, press, tabTo, typeInto } from './browser';
import { serverForFile } from './server-for-file';

/**
 * Duties (issue 4, items 2, 7, 8) by keyboard alone: a worker's My work with the overdue duties
 * first, a duty marked not needed after its missing reason is named, the HART Director's
 * compliance view with the demo week's overdue consults (HL-1), a supervisor's unit filtered,
 * and a referral's case timeline with its milestones and duties.
 */
const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;
let careline: Api;
let referral: Referral;
let duty = '';
let seeChild = '';

const hartfordReferral = () => ({
  receivedAt: new Date(Date.now() - 10 * 60_000).toISOString(),
  channel: 'mandated_reporter_email_fax',
  reporter: { anonymous: false, name: 'Pat Reporter', relationship: 'professional', mandatedReporterType: 'school_staff', contact: { phone: '860-555-0100' } },
  children: [
    {
      firstName: 'Jamie',
      lastName: 'Workski',
      aliases: [],
      dateOfBirth: '2010-06-01',
      gender: 'female',
      races: ['white'],
      ethnicity: 'hispanic_or_latino',
      primaryLanguage: 'Spanish',
      citizenship: 'us_citizen',
      townName: 'Hartford',
      state: 'CT',
      livingSituation: 'home',
      dcfInvolvement: { openCase: false, inDcfCare: false },
      prostitutedOrCse: false,
      allegations: ['ht_labor', 'neglect'],
      indicators: ['long_hours_little_pay', 'lives_at_workplace'],
    },
  ],
  exploiters: [{ unknown: false, name: 'Crew boss', relationship: 'employer' }],
  places: [{ townName: 'Hartford', type: 'business', detail: 'Farm stand' }],
  narrative: 'The student says she works every night at a farm stand to pay back her travel and sleeps in the barn.',
});

beforeAll(async () => {
  browser = await launchBrowser();
  careline = new Api(url);
  await careline.signIn(demoUsername('careline_worker'));
  // Taken ten minutes ago, accepted with a 2-hour response (CL-6), assigned to the demo worker.
  const draft = await careline.ok('POST', '/api/referrals', hartfordReferral());
  const submitted = await careline.ok('POST', `/api/referrals/${draft.id}/submit`, { version: draft.version, idempotencyKey: `work-${draft.id}` });
  const accepted = await careline.ok('POST', `/api/referrals/${draft.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: submitted.version });
  const supervisor = new Api(url);
  await supervisor.signIn(demoUsername('supervisor'));
  const { items: workers } = await supervisor.ok<{ items: { id: string; name: string }[] }>('GET', '/api/referrals/investigators?limit=200');
  const demoWorker = workers.find((w) => w.name.includes('(demo'))!;
  await supervisor.ok('POST', `/api/referrals/${draft.id}/assignment`, { userId: demoWorker.id, version: accepted.version });
  referral = accepted;
  const investigator = new Api(url);
  await investigator.signIn(demoUsername('investigation_worker'));
  const work = (await investigator.ok<{ items: { id: string; clause: string; completes: string; subjectId: string }[] }>('GET', '/api/work?limit=200')).items;
  seeChild = work.find((w) => w.subjectId === referral.id && w.clause === 'CL-6')!.id;
  duty = work.find((w) => w.subjectId === referral.id && w.completes === 'legal_consulted')!.id;
});
afterAll(async () => {
  await browser.close();
});




describe('My work', () => {
  it('[CL-6] [IN-3] shows a worker their duties, the overdue ones first with a red tag, and takes an "as needed" duty to not needed with its reason; a required one cannot be', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('investigation_worker'));
    await expectHeading(page, 'My casework');
    await page.locator('.usa-card', { hasText: 'My work' }).getByText(/open dut/).waitFor();
    await expectAccessible(page, 'casework home with the My work card');

    await follow(page, '/work', 'My work');
    expect(await page.title()).toBe('My work | Harbor');
    const rows = page.locator('tbody tr');
    await rows.first().waitFor();
    const tagged = await rows.evaluateAll((trs) => trs.map((tr) => tr.querySelector('.harbor-tag--overdue') !== null));
    expect(tagged[0], 'the first duty is overdue').toBe(true);
    expect(tagged.lastIndexOf(true)).toBeLessThan(tagged.indexOf(false));
    const ours = page.locator('tbody tr', { has: page.getByRole('link', { name: `Referral ${referral.number}`, exact: true }) }).filter({ hasText: 'CL-6' });
    expect(await ours.textContent()).toMatch(/Due in 1 h/);
    await expectAccessible(page, 'My work');

    await follow(page, `/obligations/${duty}`, 'IN-3 Consult DCF legal staff');
    await page.getByText('Created', { exact: true }).waitFor();
    await expectAccessible(page, 'a duty');
    await press(page, 'section[aria-labelledby="not-needed-heading"] button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.locator('#reason-error').textContent()).toBe('Enter the reason');
    expect(await page.getAttribute('#reason', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'a duty with a field error');
    await typeInto(page, 'reason', 'No legal question arose: the family court order already covers placement.');
    await press(page, 'section[aria-labelledby="not-needed-heading"] button[type="submit"]');
    await page.getByText('This duty is closed.').waitFor();
    await page.getByRole('rowheader', { name: 'Marked not needed' }).waitFor();
    await expectAccessible(page, 'a closed duty');

    // CL-6 is required: its page offers "done" only, and says why.
    await page.goto(`/obligations/${seeChild}`);
    await expectHeading(page, 'CL-6 See the child within the response time');
    await page.getByText('The policy requires this duty: it cannot be marked not needed.').waitFor();
    expect(await page.locator('section[aria-labelledby="not-needed-heading"]').count()).toBe(0);
    await expectAccessible(page, 'a required duty');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('shows a supervisor their unit’s duties, filtered by keyboard', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('supervisor'));
    await follow(page, '/work/unit', 'Unit work');
    await page.locator('tbody tr').first().waitFor();
    // Every duty is the office's own: no column repeats it.
    expect(await page.getByRole('columnheader', { name: 'Office', exact: true }).count()).toBe(0);
    await expectAccessible(page, 'unit work');
    await choose(page, 'state', 'Overdue');
    await press(page, 'form[aria-label="Filter duties"] button[type="submit"]');
    await page.waitForURL((u) => u.searchParams.get('state') === 'overdue');
    await page.locator('tbody tr').first().waitFor();
    expect(await page.locator('tbody tr:not(.harbor-row--overdue)').count()).toBe(0);
    await expectAccessible(page, 'unit work, overdue only');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('[IN-1] at intake', () => {
  it('[IN-1] the intake Program Manager requests the HART consult from the duty’s page by keyboard, after a missing reason is named', async () => {
    // An HT referral accepted in Hartford, nobody assigned yet: IN-1 is the supervisors'.
    const draft = await careline.ok('POST', '/api/referrals', hartfordReferral());
    const submitted = await careline.ok('POST', `/api/referrals/${draft.id}/submit`, { version: draft.version, idempotencyKey: `in1-${draft.id}` });
    await careline.ok('POST', `/api/referrals/${draft.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: submitted.version });
    const manager = new Api(url);
    await manager.signIn(demoUsername('supervisor'));
    const mine = (await manager.ok<{ items: { id: string; clause: string; subjectId: string }[] }>('GET', '/api/work?limit=200')).items;
    const in1 = mine.find((w) => w.subjectId === draft.id && w.clause === 'IN-1')!;

    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('supervisor'));
    await page.goto(`/obligations/${in1.id}`);
    await expectHeading(page, 'IN-1 Request a HART consult from the area office HART liaison');
    await page.getByRole('heading', { name: 'Request the HART consult' }).waitFor();
    await expectAccessible(page, 'IN-1 at intake');
    await press(page, 'section[aria-labelledby="request-consult-heading"] button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.locator('#consult-reason-error').textContent()).toBe('Say why a consult is needed');
    await expectAccessible(page, 'IN-1 with a field error');
    await typeInto(page, 'consult-reason', 'Labor trafficking indicators at intake; works nights to repay travel.');
    await press(page, 'section[aria-labelledby="request-consult-heading"] button[type="submit"]');
    await page.getByText('This duty is closed.').waitFor();
    await page.getByText(/HART consult HC-\d{4}-\d{5} requested/).first().waitFor();
    await expectAccessible(page, 'IN-1 done');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('compliance', () => {
  it('[HL-1] [DR-4] shows the HART Director the consults not held within 72 hours, each linking to its consult', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('hart_director'));
    await follow(page, '/compliance', 'Compliance');
    const consults = page.locator('table', { has: page.locator('caption', { hasText: 'Consults not held within 72 hours' }) }).locator('tbody tr');
    await consults.first().waitFor();
    expect(await consults.first().locator('a[href^="/consults/"]').textContent()).toMatch(/^HC-\d{4}-\d{5}$/);
    expect(await consults.first().textContent()).toMatch(/Overdue by/);
    await page.getByText('Held within 72 hours', { exact: true }).waitFor();
    await expectAccessible(page, 'compliance');
    await tabTo(page, 'a[href^="/consults/"]', 300);
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the case timeline', () => {
  it('shows a referral’s milestones and duties in time order, reached from the referral page', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('careline_worker'));
    await page.goto(`/referrals/${referral.id}`);
    await expectHeading(page, `Referral ${referral.number}`);
    await follow(page, `/referrals/${referral.id}/timeline`, `Case timeline: ${referral.number}`);
    const steps = page.locator('.usa-process-list__heading');
    await steps.first().waitFor();
    const texts = await steps.allTextContents();
    for (const step of ['Report received', 'Referral submitted', 'Decision made', 'Routed to office', 'Investigation worker assigned', 'Duty created', 'Duty handed over', 'Duty marked not needed']) {
      expect(texts, step).toContain(step);
    }
    expect(texts.indexOf('Report received')).toBeLessThan(texts.indexOf('Decision made'));
    const times = await page.locator('.usa-process-list time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    expect([...times].sort()).toEqual(times);
    expect(await page.textContent('main')).not.toContain('Workski');
    await expectAccessible(page, 'case timeline');
    expect(problems).toEqual([]);
    await context.close();
  });
});
