import type { Browser, Page } from 'playwright-core';
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
let demoWorkerName = '';
let supervisor: Api;

interface ListPage<T> {
  items: T[];
  nextCursor: string | null;
}
/** Every row of a list, page after page. */
async function allOf<T>(client: Api, path: string): Promise<T[]> {
  const rows: T[] = [];
  let cursor: string | null = null;
  do {
    const page: ListPage<T> = await client.ok<ListPage<T>>('GET', `${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`);
    rows.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return rows;
}
/** Whether a list goes on beyond its first `n` rows. */
const beyond = async (client: Api, path: string, n: number) => (await client.ok<ListPage<unknown>>('GET', `${path}?limit=${n}`)).nextCursor !== null;

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
  supervisor = new Api(url);
  await supervisor.signIn(demoUsername('supervisor'));
  const { items: workers } = await supervisor.ok<{ items: { id: string; name: string }[] }>('GET', '/api/referrals/investigators?limit=200');
  const demoWorker = workers.find((w) => w.name.includes('(demo'))!;
  demoWorkerName = demoWorker.name;
  await supervisor.ok('POST', `/api/referrals/${draft.id}/assignment`, { userId: demoWorker.id, version: accepted.version });
  referral = accepted;
  const investigator = new Api(url);
  await investigator.signIn(demoUsername('investigation_worker'));
  const work = (await investigator.ok<{ items: { id: string; clause: string; completes: string; subjectId: string }[] }>('GET', '/api/work?limit=200')).items;
  seeChild = work.find((w) => w.subjectId === referral.id && w.clause === 'CL-6')!.id;
  duty = work.find((w) => w.subjectId === referral.id && w.completes === 'legal_consulted')!.id;
  // Issue 11: more than a page (50) of the Hartford supervisors' duties, in My work and in the unit:
  // accepted Hartford referrals nobody is assigned to yet (their duties are the supervisors').
  for (let i = 0; i < 12 && !((await beyond(supervisor, '/api/work', 50)) && (await beyond(supervisor, '/api/work/unit', 50))); i++) {
    const more = await careline.ok('POST', '/api/referrals', hartfordReferral());
    const sent = await careline.ok('POST', `/api/referrals/${more.id}/submit`, { version: more.version, idempotencyKey: `work-page-${more.id}` });
    await careline.ok('POST', `/api/referrals/${more.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: sent.version });
  }
  expect(await beyond(supervisor, '/api/work', 50), 'more than a page of My work').toBe(true);
}, 180_000);
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
    // The rows before stay on screen (marked busy) until the filtered page arrives; then every row is overdue.
    await page.waitForFunction(() => {
      const rows = document.querySelectorAll('.harbor-data-table:not([aria-busy]) tbody tr');
      return rows.length > 0 && [...rows].every((tr) => tr.classList.contains('harbor-row--overdue'));
    });
    // The server's first page of the overdue, exactly.
    const overdue = await supervisor.ok<ListPage<{ id: string }>>('GET', '/api/work/unit?state=overdue&limit=50');
    expect(await page.locator('tbody th[scope="row"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')))).toEqual(overdue.items.map((d) => `/obligations/${d.id}`));
    await expectAccessible(page, 'unit work, overdue only');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('issue 11: the duty lists page', () => {
  const range = (page: Page) => page.locator('.harbor-table-range');
  const dutyLinks = (page: Page) => page.locator('tbody th[scope="row"] a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));

  it('a supervisor’s My work card counts honestly ("or more"); My work and the unit list go to their next page by keyboard; the owner filter offers every owner of the unit', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('supervisor'));
    await expectHeading(page, 'Supervision');
    // The card reads one small page of a longer list: it says so, rather than a wrong total.
    const card = page.locator('.usa-card', { hasText: 'My work' });
    await card.getByText(/^20 open duties or more, \d+ overdue( or more)?$/).waitFor();
    await card.getByText(/^and at least 17 more$/).waitFor();
    await expectAccessible(page, 'supervision home, My work card of a long list');

    await follow(page, '/work', 'My work');
    await range(page).filter({ hasText: 'Showing rows 1–50' }).waitFor();
    // More than one page: no count of the page's rows as if it were the list.
    expect(await page.locator('.harbor-result-count').count()).toBe(0);
    const first = await dutyLinks(page);
    expect(first).toHaveLength(50);
    await expectAccessible(page, 'My work, first page');
    await press(page, '.harbor-pager__next');
    await page.waitForURL((u) => u.searchParams.has('cursors'));
    await range(page).filter({ hasText: /^Showing rows 51–\d+$/ }).waitFor();
    const second = await dutyLinks(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((d) => first.includes(d))).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.matches('.harbor-pager button, .harbor-data-table') ?? false)).toBe(true);
    await expectAccessible(page, 'My work, second page');

    await follow(page, '/work/unit', 'Unit work');
    await range(page).filter({ hasText: 'Showing rows 1–50' }).waitFor();
    const unitFirst = await dutyLinks(page);
    await press(page, '.harbor-pager__next');
    await page.waitForURL((u) => u.pathname === '/work/unit' && u.searchParams.has('cursors'));
    await range(page).filter({ hasText: /^Showing rows 51–\d+$/ }).waitFor();
    expect((await dutyLinks(page)).filter((d) => unitFirst.includes(d))).toEqual([]);
    await expectAccessible(page, 'unit work, second page');

    // The owners offered are the server's, every owner of an open duty in the unit, whatever page their duties are on.
    const owners = await allOf<{ id: string; name: string }>(supervisor, '/api/work/unit/owners');
    const offered = await page.locator('#owner option').evaluateAll((os) => os.map((o) => o.textContent ?? '').slice(1));
    expect(offered).toEqual(owners.map((o) => o.name));
    expect(offered).toContain(demoWorkerName);
    await choose(page, 'owner', demoWorkerName);
    await press(page, 'form[aria-label="Filter duties"] button[type="submit"]');
    const worker = owners.find((o) => o.name === demoWorkerName)!;
    // A new filter starts from the first page.
    await page.waitForURL((u) => u.searchParams.get('owner') === worker.id && !u.searchParams.has('cursors'));
    // Every row shown is the worker's (the owner column is the third from the end).
    await page.waitForFunction((name) => {
      const rows = [...document.querySelectorAll('.harbor-data-table:not([aria-busy]) tbody tr')];
      return rows.length > 0 && rows.every((tr) => {
        const cells = tr.querySelectorAll('td');
        return cells[cells.length - 3]?.textContent === name;
      });
    }, demoWorkerName);
    await expectAccessible(page, 'unit work, one owner');
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
    const mine = await allOf<{ id: string; clause: string; subjectId: string }>(manager, '/api/work');
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
