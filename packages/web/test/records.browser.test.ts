import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { choose, demoUsername, expectAccessible, expectHeading, follow, keyboardSignIn, launchBrowser, openTab, press, signIn, typeInto } from './browser';
import { serverForFile } from './server-for-file';

const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('people, for caseworkers', () => {
  it('lists the people within reach in a captioned table and opens a person', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await signIn(page, demoUsername('investigation_worker'));
    await page.getByRole('navigation').getByRole('link', { name: 'People' }).click();
    await expectHeading(page, 'People');
    await page.locator('table caption', { hasText: 'People within your reach, most recently added first' }).waitFor();
    // One page: how many; more than one (other test files add people): which rows, and no total.
    expect(await page.locator('.harbor-result-count, .harbor-table-range').first().textContent()).toMatch(/^(\d+ (people|person)|Showing rows 1–50)$/);
    expect(await page.locator('thead th[scope="col"]').count()).toBe(5);
    await expectAccessible(page, 'people list');

    const first = page.locator('tbody th[scope="row"] a').first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
    const [last, given] = name.split(', ');
    await expectHeading(page, `${given} ${last}`);
    expect(await page.title()).toBe('Person | Harbor');
    await page.getByText('Date of birth').waitFor();
    await expectAccessible(page, 'person page');

    await page.goto('/people/00000000-0000-4000-8000-000000000000');
    await page.getByText('No such person, or you do not have access to it.').waitFor();
    await expectAccessible(page, 'person page for a record out of reach');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('audit trail, for auditors: the DataTable by keyboard alone', () => {
  it('filters, sorts and pages through the URL (Back works), keeps every row once, and passes axe at each step', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('auditor'));
    await expectHeading(page, 'Audit');
    // Each search of the trail is itself an entry: make more than one page of them.
    for (let i = 0; i < 55; i++) await page.request.get(`/api/audit?limit=1&action=nothing.${i}`);
    await follow(page, '/audit/trail', 'Audit trail');
    await page.locator('table caption', { hasText: 'Audit entries' }).waitFor();
    // Newest first without a choice, and the header says so.
    expect(await page.getAttribute('thead th:first-child', 'aria-sort')).toBe('descending');
    expect(await page.locator('thead th[aria-sort]').count()).toBe(1);
    await expectAccessible(page, 'audit trail');

    await typeInto(page, 'filter-username', 'demo.auditor');
    await choose(page, 'filter-outcome', 'Success');
    await press(page, '.harbor-filters button[type="submit"]');
    await page.waitForURL((u) => u.searchParams.get('username') === 'demo.auditor' && u.searchParams.get('outcome') === 'success');
    await page.waitForFunction(() => document.querySelector('.harbor-result-count')?.textContent === '50 entries');
    await page.locator('.harbor-table-range', { hasText: 'Showing rows 1–50' }).waitFor();
    expect(await page.locator('.harbor-pager__previous').count()).toBe(0);
    const users = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(users.every((u) => u.startsWith('demo.auditor'))).toBe(true);
    const rowsOf = () => page.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => `${tr.querySelector('time')?.getAttribute('datetime')} ${tr.querySelector('td:last-child')?.textContent}`));
    const first = await rowsOf();
    expect(first).toHaveLength(50);

    // Next page by keyboard: rows 51 on, none of them on the first page.
    await press(page, '.harbor-pager__next');
    await page.waitForURL((u) => u.searchParams.has('cursors') && u.searchParams.get('username') === 'demo.auditor');
    await page.locator('.harbor-table-range', { hasText: /^Showing rows 51–\d+$/ }).waitFor();
    const second = await rowsOf();
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((r) => first.includes(r))).toEqual([]);
    // The focus stays on a pager button, or (on the last page, the Next button gone) on the table.
    expect(await page.evaluate(() => document.activeElement?.matches('.harbor-pager button, .harbor-data-table') ?? false)).toBe(true);
    await expectAccessible(page, 'audit trail, second page');

    // Previous page shows the first page again; the browser's Back returns to the second.
    await press(page, '.harbor-pager__previous');
    await page.waitForURL((u) => !u.searchParams.has('cursors') && u.searchParams.get('username') === 'demo.auditor');
    await page.locator('.harbor-table-range', { hasText: 'Showing rows 1–50' }).waitFor();
    // Page 1 is the newest entries, and this very walk adds searches of the trail at its top.
    const again = await rowsOf();
    expect(first.slice(0, 40).every((r) => again.includes(r))).toBe(true);
    expect(again.filter((r) => second.includes(r))).toEqual([]);
    await page.goBack();
    await page.locator('.harbor-table-range', { hasText: /^Showing rows 51–\d+$/ }).waitFor();
    expect(await rowsOf()).toEqual(second);

    // Sorting by time (oldest first) starts again from the first page, filters kept.
    await press(page, 'thead th:first-child button.harbor-sort');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'time' && u.searchParams.get('dir') === 'asc' && !u.searchParams.has('cursors') && u.searchParams.get('username') === 'demo.auditor');
    await page.waitForFunction(() => document.querySelector('thead th:first-child')?.getAttribute('aria-sort') === 'ascending');
    await page.locator('.harbor-table-range', { hasText: 'Showing rows 1–50' }).waitFor();
    const times = await page.locator('tbody time').evaluateAll((ts) => ts.map((el) => el.getAttribute('datetime') ?? ''));
    expect(times).toEqual([...times].sort());
    expect(times[0]! < first[first.length - 1]!).toBe(true);
    await expectAccessible(page, 'audit trail, oldest first');

    await page.locator('#filter-from').fill('2026-02-10');
    await page.locator('#filter-to').fill('2026-02-01');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.getByRole('heading', { name: 'There is 1 error on this page' }).waitFor();
    expect(await page.getAttribute('#filter-to', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'audit trail with a date error');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('pages every user meets', () => {
  it('skip link, Spanish, page not found and a page the role does not open', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await signIn(page, demoUsername('careline_worker'));
    await expectHeading(page, 'Careline');
    await page.goto('/careline');
    await expectHeading(page, 'Careline');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to main content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');

    await page.getByRole('button', { name: 'Español' }).click();
    await expectHeading(page, 'Careline');
    expect(await page.getAttribute('html', 'lang')).toBe('es');
    await page.getByText('Colas de trabajo').waitFor();
    expect(await page.title()).toBe('Careline | Harbor');
    await expectAccessible(page, 'home page in Spanish');
    await page.getByRole('button', { name: 'English' }).click();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    await page.goto('/no-such-page');
    await expectHeading(page, 'Page not found');
    expect(await page.title()).toBe('Page not found | Harbor');
    await expectAccessible(page, 'page not found');

    await page.goto('/users');
    await expectHeading(page, 'You do not have access to this page');
    await expectAccessible(page, 'a page the role does not open');
    const nav = await page.getByRole('navigation', { name: 'Primary navigation' }).textContent();
    expect(nav).not.toContain('Users');
    expect(nav).not.toContain('Audit trail');
    expect(problems).toEqual([]);
    await context.close();
  });
});
