import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api } from './api';
import { check, choose, expectAccessible, expectHeading, keyboardSignIn, launchBrowser, openTab, press, tabTo, typeInto } from './browser';
import { serverForFile } from './server-for-file';

/**
 * Issue 3: a Careline worker takes a referral on a live call from the first field to submission
 * by keyboard alone, meets a field-named error, sees every notice's status (CL-4) and records the
 * phone call to the police; the HART Director then finds it in the triage queue (DR-1).
 */
const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');
const valueOf = (page: Page, id: string) => page.locator(`#${id}`).inputValue();





/** Starts a referral from the Referrals page by keyboard; answers the draft's id. */
async function startReferral(page: Page): Promise<string> {
  await tabTo(page, 'nav a[href="/referrals"]');
  await page.keyboard.press('Enter');
  await page.waitForURL('**/referrals');
  await page.locator('main h1', { hasText: 'Referrals' }).waitFor();
  await tabTo(page, 'main a[href="/referrals/new"]');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/referrals\/[0-9a-f-]{36}\/edit$/);
  await page.locator('main h1', { hasText: 'Referral intake' }).waitFor();
  return /\/referrals\/([0-9a-f-]{36})\/edit$/.exec(page.url())?.[1] ?? '';
}

let referralNumber = '';

describe('Careline referral intake, by keyboard alone (issue 3)', () => {
  it('[CL-1][CL-3][CL-4][CL-7] a Careline worker takes a referral from the first field to submission, sees each notice and records the phone call', async () => {
    const tab = await openTab(browser, url);
    const { page } = tab;
    await keyboardSignIn(page, 'demo.careline-worker');
    await tabTo(page, 'nav a[href="/referrals"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/referrals');
    // The count, or (more than one page, when other test files have added referrals) the rows shown.
    await page.getByRole('status').filter({ hasText: /referral|Showing rows 1–50/ }).first().waitFor();
    await expectAccessible(page, 'referral list');

    const id = await startReferral(page);
    expect(id).not.toBe('');
    // The draft starts received now; the worker goes through the form from the first field.
    expect(await valueOf(page, 'receivedAt')).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    await choose(page, 'channel', 'Phone');
    await typeInto(page, 'reporter-name', 'Pat Counselor');
    await choose(page, 'reporter-relationship', 'Professional');
    await choose(page, 'reporter-mandatedReporterType', 'School');
    await typeInto(page, 'reporter-contact-phone', '860-555-0142');

    await typeInto(page, 'children-0-firstName', 'Ana');
    await typeInto(page, 'children-0-lastName', 'Example');
    await typeInto(page, 'children-0-estimatedAge', '15');
    await choose(page, 'children-0-gender', 'Female');
    await check(page, 'children-0-races-unknown');
    await choose(page, 'children-0-ethnicity', 'Unknown');
    await typeInto(page, 'children-0-primaryLanguage', 'English');
    await choose(page, 'children-0-citizenship', 'U.S.');
    await typeInto(page, 'children-0-townName', 'Hartford');
    await choose(page, 'children-0-livingSituation', 'At');
    // CL-7: a child reported commercially sexually exploited must have the HT (sex) category; the form says why.
    await check(page, 'children-0-prostitutedOrCse');
    await page.getByText('“Human trafficking (sex)” must be recorded as a maltreatment category (CL-7)').waitFor();
    expect(await page.isChecked('#children-0-allegations')).toBe(true);
    // CL-1: one indicator flags the referral at once.
    await check(page, 'children-0-indicators-owes_debt');
    await page.locator('legend .usa-tag', { hasText: 'HT characteristics' }).waitFor();

    // Autosave: a polite status says when the draft was saved.
    await page.locator('#save-status', { hasText: /^Saved \d{1,2}:\d{2}/ }).waitFor({ timeout: 10_000 });
    expect(await page.getAttribute('#save-status', 'role')).toBe('status');

    // Submitting without the narrative (CL-3): the summary names it, its link moves focus there, nothing typed is lost.
    await tabTo(page, 'form.harbor-intake button[type="submit"]', 200);
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    const link = page.locator('.harbor-error-summary a[href="#narrative"]');
    await link.waitFor();
    expect(await link.textContent()).toBe('Describe in full why the reporter suspects human trafficking');
    expect(await page.locator('#narrative-error').textContent()).toBe('Describe in full why the reporter suspects human trafficking');
    expect(await page.getAttribute('#narrative', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'intake form with errors');
    await tabTo(page, '.harbor-error-summary a[href="#narrative"]');
    await page.keyboard.press('Enter');
    expect(await activeId(page)).toBe('narrative');
    expect(await valueOf(page, 'children-0-firstName')).toBe('Ana');
    expect(await valueOf(page, 'reporter-name')).toBe('Pat Counselor');
    expect(await page.isChecked('#children-0-indicators-owes_debt')).toBe(true);

    await page.keyboard.type('The school counselor reports an older man collects Ana after school; she says she owes him money.');
    await tabTo(page, 'form.harbor-intake button[type="submit"]', 200);
    await page.keyboard.press('Enter');

    await page.waitForURL(`**/referrals/${id}`);
    const h1 = page.locator('main h1', { hasText: /^Referral R-\d{4}-\d{6}$/ });
    await h1.waitFor();
    referralNumber = ((await h1.textContent()) ?? '').replace('Referral ', '');
    await page.getByText('Submitted, awaiting decision').waitFor();
    await page.locator('.usa-tag', { hasText: 'HT evident' }).waitFor();

    // CL-4: every party with its means and status in plain words; no SMTP here, so nothing claims it was sent.
    const rows = page.locator('table.harbor-notices tbody tr');
    await page.locator('tr[data-notice="police_department.phone"]', { hasText: 'Awaiting entry of the call' }).waitFor();
    for (const party of ['police_department.dcf737', 'hart_lead.dcf737', 'fbi_field_office.dcf737', 'chief_states_attorney.dcf737', 'mdt.dcf737']) {
      await page.locator(`tr[data-notice="${party}"]`, { hasText: 'Not sent — no mail server configured' }).waitFor({ timeout: 30_000 });
    }
    expect(await rows.count()).toBeGreaterThanOrEqual(6);
    expect(await page.locator('tr[data-notice="police_department.phone"] .usa-tag').textContent()).toBe('Immediate');
    await expectAccessible(page, 'referral page');

    await typeInto(page, 'phone-officerName', 'Officer Lee');
    await typeInto(page, 'phone-badgeNumber', '4411');
    await typeInto(page, 'phone-policeCaseNumber', 'HPD-26-0042');
    await page.keyboard.press('Enter');
    await page.locator('tr[data-notice="police_department.phone"]', { hasText: 'Call recorded' }).waitFor();
    await page.locator('tr[data-notice="police_department.phone"]', { hasText: 'officer Officer Lee' }).waitFor();
    expect(await page.locator('#phone-officerName').count()).toBe(0);
    await expectAccessible(page, 'referral page after the phone notice');

    // CL-2, CL-6: accept; the policy pack's tree gives the response time before the decision is recorded.
    await check(page, 'decision');
    await check(page, 'answers-in_danger_now');
    await page.locator('#response-time', { hasText: 'See the child within 2 hours' }).waitFor();
    await expectAccessible(page, 'decision form');
    await tabTo(page, 'main form button[type="submit"]');
    await page.keyboard.press('Enter');
    await page.getByText('Accepted', { exact: true }).first().waitFor();
    await page.locator('dd', { hasText: 'See the child within 2 hours' }).waitFor();
    await page.locator('dt', { hasText: 'Assigned office' }).waitFor();
    expect(await page.locator('#decision').count()).toBe(0);

    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('[DR-1] the HART Director finds the referral in the triage queue', async () => {
    expect(referralNumber).toMatch(/^R-\d{4}-\d{6}$/);
    const tab = await openTab(browser, url);
    const { page } = tab;
    await keyboardSignIn(page, 'demo.hart-director');
    await page.goto('/referrals/triage');
    await page.locator('main table tbody tr', { hasText: referralNumber }).waitFor();
    await expectAccessible(page, 'triage queue');
    await tab.context.close();
  });

  it('a worker who leaves a draft and comes back sees what was saved and goes on saving (no false conflict)', async () => {
    const tab = await openTab(browser, url);
    const { page } = tab;
    await keyboardSignIn(page, 'demo.careline-worker');
    const id = await startReferral(page);
    await typeInto(page, 'children-0-firstName', 'Ari');
    await page.locator('#save-status', { hasText: /^Saved/ }).waitFor({ timeout: 10_000 });
    // Away to the list and back, inside the app (its cache kept), by keyboard: back up to the menu.
    for (let i = 0; i < 40 && !(await page.evaluate(() => document.activeElement?.matches('nav a[href="/referrals"]') ?? false)); i++) await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: 'Referrals' }).waitFor();
    await page.locator(`main a[href="/referrals/${id}/edit"]`).waitFor({ timeout: 10_000 });
    await tabTo(page, `main a[href="/referrals/${id}/edit"]`, 200);
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: 'Referral intake' }).waitFor();
    expect(await valueOf(page, 'children-0-firstName')).toBe('Ari');
    await typeInto(page, 'narrative', 'More of what the caller said.');
    await page.locator('#save-status', { hasText: /^Saved/ }).waitFor({ timeout: 10_000 });
    expect(await page.getByRole('alert').filter({ hasText: 'Someone else saved this draft' }).count()).toBe(0);
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });

  it('two workers on one draft: the second save is refused with the conflict message, and what was typed is kept', async () => {
    const tab = await openTab(browser, url);
    const { page } = tab;
    await keyboardSignIn(page, 'demo.careline-worker');
    const id = await startReferral(page);
    await typeInto(page, 'children-0-firstName', 'Bo');
    await page.locator('#save-status', { hasText: /^Saved/ }).waitFor({ timeout: 10_000 });

    // Someone else saves the draft first (the same draft and version, through the API).
    const status = await page.evaluate(async (referralId) => {
      const session = (await (await fetch('/api/session')).json()) as { csrfToken: string };
      const current = (await (await fetch(`/api/referrals/${referralId}`)).json()) as { version: number };
      const res = await fetch(`/api/referrals/${referralId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': session.csrfToken },
        body: JSON.stringify({ version: current.version, narrative: 'Their account of the call, saved first.' }),
      });
      return res.status;
    }, id);
    expect(status).toBe(200);

    await typeInto(page, 'narrative', 'My own words about the call.');
    const alert = page.getByRole('alert').filter({ hasText: 'Someone else saved this draft since you opened it.' });
    await alert.waitFor({ timeout: 10_000 });
    await page.locator('#save-status', { hasText: 'Not saved' }).waitFor();
    expect(await valueOf(page, 'narrative')).toBe('My own words about the call.');
    expect(await valueOf(page, 'children-0-firstName')).toBe('Bo');
    await expectAccessible(page, 'intake form with a conflict');

    await tabTo(page, '#load-theirs', 200);
    await page.keyboard.press('Enter');
    await alert.waitFor({ state: 'detached' });
    expect(await valueOf(page, 'narrative')).toBe('Their account of the call, saved first.');
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});

describe('the referral list, one server page at a time (issue 11), by keyboard alone', () => {
  it('moves to the next page and back, sorts by a server sort key from the first page, keeps the filter in the URL, and passes axe at each step', async () => {
    // More than one page (50 rows) of drafts. A draft reaches only its author: the Careline
    // supervisor's drafts change no other user's list.
    const author = new Api(url);
    await author.signIn('demo.careline-supervisor');
    for (let i = 0; i < 55; i++) await author.ok('POST', '/api/referrals', { narrative: `A call taken for the paging test (${i})` });

    const tab = await openTab(browser, url);
    const { page } = tab;
    await keyboardSignIn(page, 'demo.careline-supervisor');
    await press(page, 'nav a[href="/referrals"]');
    await expectHeading(page, 'Referrals');
    await choose(page, 'status', 'Draft');
    await press(page, '.harbor-filters button[type="submit"]');
    await page.waitForURL((u) => u.searchParams.get('status') === 'draft');
    await page.locator('.harbor-table-range', { hasText: 'Showing rows 1–50' }).waitFor();
    // More than one page: the rows shown, no total; the previous page does not exist yet.
    expect(await page.locator('.harbor-result-count').count()).toBe(0);
    expect(await page.locator('.harbor-pager__previous').count()).toBe(0);
    // Only the server's sort keys sort (Submitted, Last changed); the list is most recently changed first.
    expect(await page.locator('thead button.harbor-sort').allTextContents()).toEqual(['Submitted⇅', 'Last changed▼']);
    expect(await page.getAttribute('thead th:nth-child(7)', 'aria-sort')).toBe('descending');
    const numbers = () => page.locator('tbody th[scope="row"]').allTextContents();
    const first = await numbers();
    expect(first).toHaveLength(50);
    await expectAccessible(page, 'referral list, first page');

    await press(page, '.harbor-pager__next');
    await page.waitForURL((u) => u.searchParams.has('cursors') && u.searchParams.get('status') === 'draft');
    await page.locator('.harbor-table-range', { hasText: /^Showing rows 51–\d+$/ }).waitFor();
    const second = await numbers();
    expect(second.length).toBeGreaterThanOrEqual(5);
    expect(second.filter((n) => first.includes(n))).toEqual([]);
    expect(new Set(await page.locator('tbody td:nth-child(2)').allTextContents())).toEqual(new Set(['Draft']));
    // The focus stays on a pager button, or (on the last page, Next gone) on the table.
    expect(await page.evaluate(() => document.activeElement?.matches('.harbor-pager button, .harbor-data-table') ?? false)).toBe(true);
    await expectAccessible(page, 'referral list, second page');

    await press(page, '.harbor-pager__previous');
    await page.waitForURL((u) => !u.searchParams.has('cursors') && u.searchParams.get('status') === 'draft');
    await page.locator('.harbor-table-range', { hasText: 'Showing rows 1–50' }).waitFor();
    expect(await numbers()).toEqual(first);

    // Oldest submitted first (a draft by when it was started), from the first page, the filter kept.
    await press(page, 'thead th:nth-child(6) button.harbor-sort');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'submittedAt' && u.searchParams.get('dir') === 'asc' && !u.searchParams.has('cursors') && u.searchParams.get('status') === 'draft');
    await page.waitForFunction(() => document.querySelector('thead th:nth-child(6)')?.getAttribute('aria-sort') === 'ascending');
    await page.locator('.harbor-table-range', { hasText: 'Showing rows 1–50' }).waitFor();
    const oldest = await numbers();
    expect(second).toContain(oldest[0]);
    await expectAccessible(page, 'referral list, oldest first');
    expect(tab.problems).toEqual([]);
    await tab.context.close();
  });
});
