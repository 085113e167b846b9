import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoUsername, expectAccessible, expectHeading, launchBrowser, openTab, signIn } from './browser';

const url = inject('harborUrl');
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
    await page.locator('table caption', { hasText: 'People within your reach, by last name' }).waitFor();
    expect(await page.locator('.harbor-result-count').textContent()).toMatch(/^\d+ (people|person)$/);
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

describe('audit trail, for auditors', () => {
  it('filters by user and outcome in the URL, pages to older entries, and checks its dates', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await signIn(page, demoUsername('auditor'));
    await expectHeading(page, 'Audit');
    // Each search of the trail is itself an entry: make more than one page of them.
    for (let i = 0; i < 55; i++) await page.request.get(`/api/audit?limit=1&action=nothing.${i}`);
    await page.getByRole('navigation').getByRole('link', { name: 'Audit trail' }).click();
    await expectHeading(page, 'Audit trail');
    await page.locator('table caption', { hasText: 'Audit entries, newest first' }).waitFor();
    await expectAccessible(page, 'audit trail');

    await page.locator('#filter-username').fill('demo.auditor');
    await page.locator('#filter-outcome').selectOption('success');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((u) => u.searchParams.get('username') === 'demo.auditor' && u.searchParams.get('outcome') === 'success');
    await page.waitForFunction(() => document.querySelector('.harbor-result-count')?.textContent === '50 entries');
    const users = await page.locator('tbody tr td:nth-child(2)').allTextContents();
    expect(users.every((u) => u.startsWith('demo.auditor'))).toBe(true);

    await page.getByRole('button', { name: 'Older entries' }).click();
    await page.waitForURL((u) => u.searchParams.has('before') && u.searchParams.get('username') === 'demo.auditor');
    await page.getByText('Showing older entries.', { exact: false }).waitFor();
    await expectAccessible(page, 'audit trail, older entries');
    await page.getByRole('link', { name: 'Newest entries' }).click();
    await page.waitForURL((u) => !u.searchParams.has('before') && u.searchParams.get('username') === 'demo.auditor');

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
