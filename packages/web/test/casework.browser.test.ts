import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, type Referral } from './api';
import { check, choose, demoUsername, expectAccessible, expectHeading, keyboardSignIn, launchBrowser, modal, openTab, press, tabTo, typeInto } from './browser';
import { serverForFile } from './server-for-file';

/**
 * Casework by keyboard alone (issue 4, part C): an ongoing worker opens a case and raises an HT
 * concern (OG-1 .. OG-4) and sees its notices and consult; an investigation worker works the
 * checklist (IN-1 consult request, IN-6 hospital, IN-3 not warranted, IN-4); a HART liaison's
 * list of open cases lacking a sent DCF-737 (HL-2). Every page passes an axe scan.
 */
const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;

const hartfordReferral = (changes: Record<string, unknown> = {}) => ({
  receivedAt: '2026-03-05T14:07:00-05:00',
  channel: 'mandated_reporter_email_fax',
  reporter: { anonymous: false, name: 'Pat Reporter', relationship: 'professional', mandatedReporterType: 'school_staff', contact: { phone: '860-555-0100' } },
  children: [
    {
      firstName: 'Jamie',
      lastName: 'Checklister',
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
      ...changes,
    },
  ],
  exploiters: [{ unknown: false, name: 'Crew boss', relationship: 'employer' }],
  places: [{ townName: 'Hartford', type: 'business', detail: 'Restaurant' }],
  narrative: 'The student says she works every night at a restaurant to pay back her travel and sleeps in the storage room.',
});

/** Submitted, accepted and assigned to the demo investigation worker, through the API. */
async function investigation(changes: Record<string, unknown> = {}): Promise<Referral> {
  const careline = new Api(url);
  await careline.signIn(demoUsername('careline_worker'));
  const draft = await careline.ok('POST', '/api/referrals', hartfordReferral(changes));
  const submitted = await careline.ok('POST', `/api/referrals/${draft.id}/submit`, { version: draft.version });
  const accepted = await careline.ok('POST', `/api/referrals/${draft.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: submitted.version });
  const supervisor = new Api(url);
  await supervisor.signIn(demoUsername('supervisor'));
  const investigator = new Api(url);
  await investigator.signIn(demoUsername('investigation_worker'));
  const me = ((await investigator.send('GET', '/api/session')).body as { user: { id: string } }).user.id;
  await supervisor.ok('POST', `/api/referrals/${draft.id}/assignment`, { userId: me, version: accepted.version });
  return accepted;
}

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});



describe('an ongoing worker’s open case', () => {
  it('[OG-1] [OG-2] [OG-3] opens a case, raises an HT concern and then reports a new HT allegation by keyboard; both, with their notices, referrals and the consult, are on the case page', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('ongoing_worker'));
    await expectHeading(page, 'My casework');
    await page.locator('.usa-card', { hasText: 'My cases' }).waitFor();
    await expectAccessible(page, 'casework home with My cases');

    await page.goto('/cases/new');
    await expectHeading(page, 'Open a case');
    await expectAccessible(page, 'open a case');
    await press(page, 'button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.getAttribute('#child-firstName', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'open a case with field errors');

    await typeInto(page, 'child-firstName', 'Rosa');
    await typeInto(page, 'child-lastName', 'Keyboard');
    await tabTo(page, '#child-dateOfBirth');
    await page.keyboard.type('04022011');
    await choose(page, 'child-gender', 'Female');
    await typeInto(page, 'child-townName', 'Hartford');
    await press(page, 'button[type="submit"]');
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await expectHeading(page, 'Case');
    await page.getByText('No HT concern has been raised on this case.').waitFor();
    await expectAccessible(page, 'the new case');

    await press(page, 'a[href$="/ht-concern"]');
    await expectHeading(page, 'Raise an HT concern');
    await expectAccessible(page, 'raise an HT concern');
    await press(page, 'button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.locator('#indicators-error').textContent()).toBe('Choose at least one red flag');
    await expectAccessible(page, 'raise an HT concern with errors');
    await check(page, 'indicators-missing_now');
    await check(page, 'indicators-hotel_keys_or_supplies');
    await typeInto(page, 'narrative', 'The youth came back after two nights away with hotel key cards and talks about an older boyfriend.');
    await press(page, 'button[type="submit"]');
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByText(/The HT concern on case C-\d{4}-\d{6} is raised/).waitFor();
    const notices = page.locator('table', { hasText: 'Party' }).locator('tbody tr');
    await notices.first().waitFor();
    // Five DCF-737s and the phone call to local police (OG-2), awaiting the worker's record of the call.
    expect(await notices.count()).toBe(6);
    expect(await page.locator('table', { hasText: 'Party' }).textContent()).toContain('HART Director');
    expect(await page.locator('table', { hasText: 'Party' }).textContent()).toContain('Local police, by phone');
    expect(await page.locator('table', { hasText: 'Party' }).textContent()).toContain('Call not yet recorded');
    await page.getByRole('link', { name: /^HC-\d{4}-\d{5}$/ }).waitFor();
    await page.getByText(/Careline referral for the new allegation: R-/).waitFor();
    await expectAccessible(page, 'the case after the HT concern');

    // OG-2: the worker records the call by keyboard; the notice shows it and the form goes away.
    await page.getByRole('heading', { name: 'Record the phone call to local police (OG-2)' }).waitFor();
    await typeInto(page, 'case-phone-officerName', 'Officer Tam Reyes');
    await typeInto(page, 'case-phone-badgeNumber', '3318');
    await press(page, 'form[aria-labelledby="case-phone-heading"] button[type="submit"]');
    await page.getByText(/officer Officer Tam Reyes/).waitFor();
    expect(await page.locator('table', { hasText: 'Party' }).textContent()).toContain('Call recorded');
    expect(await page.locator('#case-phone-heading').count()).toBe(0);
    await expectAccessible(page, 'the case after the police call is recorded');

    // Weeks later, a new allegation on the same case: its own red flags, DCF-737s and Careline referral.
    await press(page, 'a[href$="/ht-allegation"]');
    await expectHeading(page, 'Report a new HT allegation');
    await expectAccessible(page, 'report a new HT allegation');
    await press(page, 'button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.locator('#narrative-error').textContent()).toContain('Describe in full');
    await check(page, 'indicators-ownership_tattoo');
    await check(page, 'indicators-earnings_kept_by_other');
    await typeInto(page, 'narrative', 'She now has a tattoo of a man’s name and works nights for an adult who keeps her pay.');
    await press(page, 'button[type="submit"]');
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByText(/The new HT allegation on case C-\d{4}-\d{6} is reported/).waitFor();
    await page.getByText(/HART consult HC-\d{4}-\d{5} is still open, so no new consult was requested/).first().waitFor();
    await page.getByRole('heading', { name: 'Allegation 1: the HT concern' }).waitFor();
    await page.getByRole('heading', { name: 'Allegation 2: a new HT allegation' }).waitFor();
    const second = page.locator('section[aria-labelledby="allegation-2"]');
    expect(await second.locator('li').allTextContents()).toHaveLength(2);
    expect(await second.locator('tbody tr').count()).toBe(6);
    expect(await page.locator('table', { hasText: 'Party' }).count()).toBe(2);
    const referrals = await page.getByText(/Careline referral for the new allegation: R-/).allTextContents();
    expect(referrals).toHaveLength(2);
    expect(new Set(referrals).size).toBe(2);
    await expectAccessible(page, 'the case with two allegations');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('a case for a child already in Harbor', () => {
  it('finds the child by name as the worker types (past the first 200 children within reach), picks it by keyboard and opens the case', async () => {
    const ongoing = new Api(url);
    await ongoing.signIn(demoUsername('ongoing_worker'));
    const session = (await ongoing.send('GET', '/api/session')).body as { user: { office: { id: string } } };
    const child = (firstName: string, lastName: string) =>
      ongoing.ok<{ id: string }>('POST', '/api/people', { kind: 'child', firstName, lastName, dateOfBirth: '2011-09-14', gender: 'female', townName: 'Hartford', officeId: session.user.office.id });
    const wren = await child('Wren', 'Pickwell');
    // 200 children filed after her: she is not among the newest 200 the picker used to offer.
    const letters = 'abcdefghijklmnopqrst';
    for (let batch = 0; batch < 20; batch++) await Promise.all([...letters.slice(0, 10)].map((l) => child('Filler', `Row${letters[batch]}${l}`)));

    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('ongoing_worker'));
    await page.goto('/cases/new');
    await expectHeading(page, 'Open a case');
    await press(page, '#childKind-new', 'ArrowDown');
    expect(await page.isChecked('#childKind-existing')).toBe(true);
    await page.locator('#child-personId').waitFor();
    await press(page, 'button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.getAttribute('#child-personId', 'aria-invalid')).toBe('true');
    expect(await page.locator('#child-personId-error').textContent()).toBe('Choose the child');
    await expectAccessible(page, 'open a case for a known child, with the field error');

    await typeInto(page, 'child-personId', 'Wren Pickwel');
    await page.getByText('No child of that name within your reach').waitFor();
    await page.keyboard.type('l');
    await page.keyboard.press('Enter');
    await page.getByText('1 child found').waitFor();
    expect(new URL(page.url()).pathname, 'Enter in the search field searches; it does not send the form').toBe('/cases/new');
    await page.getByRole('radio', { name: /^Pickwell, Wren/ }).waitFor();
    await expectAccessible(page, 'the child found by name');
    await check(page, 'child-personId-found');
    expect(await page.locator('#child-personId-found').getAttribute('value')).toBe(wren.id);

    await press(page, 'button[type="submit"]');
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await expectHeading(page, 'Case');
    await page.getByText(/Pickwell/).first().waitFor();
    await expectAccessible(page, 'the case of the child found by name');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('an open case whose child has no date of birth', () => {
  it('[OG-3] asks for the child’s estimated age (the Careline referral needs one), with a field error until it is given', async () => {
    const ongoing = new Api(url);
    await ongoing.signIn(demoUsername('ongoing_worker'));
    const session = (await ongoing.send('GET', '/api/session')).body as { user: { id: string; office: { id: string } } };
    const child = await ongoing.ok<{ id: string }>('POST', '/api/people', { kind: 'child', firstName: 'Noor', lastName: 'Ageless', dateOfBirth: null, gender: 'female', townName: 'Hartford', officeId: session.user.office.id });
    const opened = await ongoing.ok<{ id: string }>('POST', '/api/cases', { child: { kind: 'existing', personId: child.id }, officeId: session.user.office.id, workerId: session.user.id, idempotencyKey: `browser-noage-${Date.now()}` });

    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('ongoing_worker'));
    await page.goto(`/cases/${opened.id}/ht-concern`);
    await expectHeading(page, 'Raise an HT concern');
    await page.getByLabel(/Child’s estimated age/).waitFor();
    await check(page, 'indicators-missing_now');
    await typeInto(page, 'narrative', 'The youth was found at a motel with adults and would not say how she got there.');
    await press(page, 'button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    expect(await page.getAttribute('#estimatedAge', 'aria-invalid')).toBe('true');
    expect(await page.locator('#estimatedAge-error').textContent()).toContain('estimated age');
    await expectAccessible(page, 'the HT concern asking for the estimated age');
    await typeInto(page, 'estimatedAge', '15');
    await press(page, 'button[type="submit"]');
    await page.waitForURL((u) => /^\/cases\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByText(/Careline referral for the new allegation: R-\S+ \(Submitted, awaiting decision\)/).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('an investigation worker’s checklist', () => {
  it('[IN-1] [IN-6] [IN-3] requests the consult, records the hospital assessment and a not-warranted item, by keyboard', async () => {
    const referral = await investigation();
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('investigation_worker'));
    await page.goto(`/referrals/${referral.id}`);
    await press(page, `a[href="/referrals/${referral.id}/investigation"]`);
    await expectHeading(page, 'Investigation checklist');
    await page.getByRole('heading', { name: /^IN-1: Request a HART consult/ }).waitFor();
    await expectAccessible(page, 'the investigation checklist');

    await typeInto(page, 'consult_requested-reason', 'Labor trafficking suspected: she works nights to repay a debt.');
    await press(page, '#item-consult_requested button[type="submit"]');
    await page.locator('#item-consult_requested').getByRole('link', { name: /Open the consult HC-/ }).waitFor();

    await typeInto(page, 'hospital_assessment_decided-who', 'Worker and Officer Diaz');
    await choose(page, 'hospital_assessment_decided-hospitalId', 'Hartford');
    await typeInto(page, 'hospital_assessment_decided-outcome', 'Assessed in the ED; no injuries.');
    await press(page, '#item-hospital_assessment_decided button[type="submit"]');
    await page.locator('#item-hospital_assessment_decided').getByText(/Hospital: Hartford/).waitFor();

    await press(page, '#item-legal_consulted form:nth-of-type(2) button[type="submit"]');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    await expectAccessible(page, 'a waiver without its reason');
    await typeInto(page, 'legal_consulted-waive-reason', 'No court action is expected.');
    await press(page, '#item-legal_consulted form:nth-of-type(2) button[type="submit"]');
    await page.locator('#item-legal_consulted').getByText('Not needed').waitFor();
    await expectAccessible(page, 'the checklist with items done');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('[IN-4] HT first found during an investigation: confirms, then the new Careline referral is made', async () => {
    const referral = await investigation({ allegations: ['neglect'], indicators: [] });
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('investigation_worker'));
    await page.goto(`/referrals/${referral.id}/investigation`);
    await expectHeading(page, 'Investigation checklist');
    await typeInto(page, 'ht-narrative', 'At the home visit the child said she must work nights at a restaurant to repay a debt.');
    // A radio group is one Tab stop; the arrow keys choose within it.
    await tabTo(page, '#ht-category-ht_sex');
    await page.keyboard.press('ArrowDown');
    expect(await page.isChecked('#ht-category-ht_labor')).toBe(true);
    await press(page, '#ht-found-heading ~ form button[type="submit"]');
    await modal(page, 'Make the new Careline referral?').waitFor({ state: 'visible' });
    await expectAccessible(page, 'the IN-4 confirmation');
    await press(page, '.usa-modal button.usa-button:not(.usa-button--unstyled)');
    await page.getByText(/HT found during this investigation was reported: referral R-/).waitFor();
    await expectAccessible(page, 'the checklist after IN-4');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('the HART liaison’s open cases missing a DCF-737', () => {
  it('[HL-2] lists the Hartford case whose DCF-737s are not sent (no mail server here), from the home page', async () => {
    const ongoing = new Api(url);
    await ongoing.signIn(demoUsername('ongoing_worker'));
    const session = (await ongoing.send('GET', '/api/session')).body as { user: { id: string; office: { id: string } } };
    const opened = await ongoing.ok<{ id: string; number: string }>('POST', '/api/cases', {
      child: { kind: 'new', firstName: 'Lia', lastName: 'Unsent', dateOfBirth: '2010-09-09', gender: 'female', townName: 'Hartford' },
      officeId: session.user.office.id,
      workerId: session.user.id,
      idempotencyKey: `browser-hl2-${Date.now()}`,
    });
    await ongoing.ok('POST', `/api/cases/${opened.id}/ht-concern`, { indicators: ['missing_now'], narrative: 'The youth is missing again and was seen at a motel with adults.', idempotencyKey: `browser-hl2-c-${Date.now()}` });

    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('hart_liaison'));
    await page.locator('.usa-card', { hasText: 'DCF-737s not sent on open cases' }).waitFor();
    await expectAccessible(page, 'HART liaison home');
    await press(page, '.usa-card a[href="/hart/missing-737"]');
    await expectHeading(page, 'Open cases missing a DCF-737');
    const row = page.locator('tbody tr', { has: page.getByRole('link', { name: opened.number, exact: true }) });
    await row.waitFor();
    expect(await row.textContent()).toContain('Not sent yet');
    await expectAccessible(page, 'HL-2 list');
    await press(page, `a[href="/cases/${opened.id}"]`);
    await expectHeading(page, 'Case');
    await page.getByText('A DCF-737 of this case has not been sent.').waitFor();
    await expectAccessible(page, 'the case as the liaison sees it');
    expect(problems).toEqual([]);
    await context.close();
  });
});
