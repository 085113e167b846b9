import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, expectHeading, launchBrowser, modal, openTab, press, signIn, type Tab } from './browser';
import { serverForFile } from './server-for-file';

const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;
let admin: Tab;
beforeAll(async () => {
  browser = await launchBrowser();
  admin = await openTab(browser, url);
  await signIn(admin.page, 'demo.administrator');
});
afterAll(async () => {
  expect(admin.problems).toEqual([]);
  await browser.close();
});

const resultCount = (page: Page) => page.locator('.harbor-result-count').textContent();

describe('administration pages', () => {
  it('users list: filters are kept in the URL and the result count is announced', async () => {
    const { page } = admin;
    await page.goto('/users?role=hart_liaison');
    await expectHeading(page, 'Users');
    await page.locator('table caption', { hasText: 'Staff accounts, by name' }).waitFor();
    expect(await page.inputValue('#filter-role')).toBe('hart_liaison');
    expect(await page.getAttribute('.harbor-result-count', 'role')).toBe('status');
    const liaisons = await resultCount(page);
    expect(liaisons).toMatch(/^\d+ users$/);
    await expectAccessible(page, 'users list, filtered');

    await page.locator('#filter-q').fill('demo.hart');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === 'demo.hart' && u.searchParams.get('role') === 'hart_liaison');
    await page.waitForFunction(() => document.querySelector('.harbor-result-count')?.textContent === '1 user');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Apply filters');
    expect(await page.locator('tbody tr').count()).toBe(1);

    await page.getByRole('button', { name: 'Clear filters' }).click();
    await page.waitForURL((u) => u.search === '');
    // Issue 11: every account, a server page of 50 at a time by name; the pager says which rows, no count.
    await page.locator('.harbor-table-range', { hasText: 'Showing rows 1–50' }).waitFor();
    expect(await page.locator('.harbor-result-count').count()).toBe(0);
    const names = () => page.locator('tbody th[scope="row"] a').allTextContents();
    const first = await names();
    expect(first).toHaveLength(50);
    await expectAccessible(page, 'users list, first page');
    // Next page by keyboard: rows 51 on, none of the first page's; the filters still none.
    await press(page, '.harbor-pager__next');
    await page.waitForURL((u) => u.searchParams.has('cursors') && !u.searchParams.has('role'));
    await page.locator('.harbor-table-range', { hasText: 'Showing rows 51–100' }).waitFor();
    const second = await names();
    expect(second).toHaveLength(50);
    expect(second.filter((n) => first.includes(n))).toEqual([]);
    expect(await page.evaluate(() => document.activeElement?.matches('.harbor-pager button, .harbor-data-table') ?? false)).toBe(true);
    await expectAccessible(page, 'users list, second page');
    // A filter applied from a later page starts again from the first.
    await page.locator('#filter-q').fill('demo.hart');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((u) => u.searchParams.get('q') === 'demo.hart' && !u.searchParams.has('cursors'));
    await page.waitForFunction(() => /^\d+ users?$/.test(document.querySelector('.harbor-result-count')?.textContent ?? ''));
  });

  it('create user: an empty form lists every error, in an accessible error state', async () => {
    const { page } = admin;
    await page.goto('/users/new');
    await expectHeading(page, 'Create a user');
    await expectAccessible(page, 'create-user page');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.getByRole('heading', { name: 'There are 5 errors on this page' }).waitFor();
    expect(await page.getAttribute('#roles', 'aria-invalid')).toBe('true');
    await expectAccessible(page, 'create-user page with errors');
    // A username that is taken is refused by the server, at its field.
    await page.locator('#username').fill('demo.auditor');
    await page.locator('#displayName').fill('Second Auditor');
    await page.locator('label[for="roles-auditor"]').click();
    await page.locator('#officeId').selectOption({ label: 'Central Office (CO)' });
    await page.locator('#password').fill('temporary-pass-2026');
    await page.getByRole('button', { name: 'Create user' }).click();
    await page.locator('#username-error', { hasText: 'This username is taken' }).waitFor();
  });

  it('user page: disable with confirmation, enable again, reset the password', async () => {
    const { page } = admin;
    // An area office's HART liaison of the seeded roster (not a demo sign-in other tests use).
    // Office reach: enabling it or resetting its password does not wait for a second
    // administrator, as it would for a HART Lead's region-wide reach (CF-1, admin-approvals test).
    await page.goto('/users?role=hart_liaison&q=hl');
    const link = page.locator('tbody th[scope="row"] a').first();
    const name = (await link.textContent()) ?? '';
    await link.click();
    await page.waitForURL(/\/users\/[0-9a-f-]{36}$/);
    await expectHeading(page, name);
    await expectAccessible(page, 'user page');

    await page.getByRole('button', { name: 'Disable account' }).click();
    const dialog = modal(page, /Disable the account of/);
    await dialog.waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Disable account');
    await expectAccessible(page, 'disable confirmation dialog');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'Disable account' }).click();
    await dialog.getByRole('button', { name: 'Disable account' }).click();
    await page.getByText('Account disabled.').waitFor();
    await page.getByText('This account is disabled: the person cannot sign in.').waitFor();
    await page.getByRole('button', { name: 'Enable account' }).click();
    await modal(page, /Enable the account of/).getByRole('button', { name: 'Enable account' }).click();
    await page.getByText('Account enabled.').waitFor();

    await page.locator('#resetPassword').fill('short');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.locator('#resetPassword-error').waitFor();
    await expectAccessible(page, 'user page with a password error');
    await page.locator('#resetPassword').fill('another-temporary-2026');
    await page.getByRole('button', { name: 'Reset password' }).click();
    await page.getByText('Password reset.', { exact: false }).waitFor();
    await page.getByText('Must choose a new password at the next sign-in.').waitFor();
  });

  it('offices: list, create, edit, and a conflicting edit is explained plainly', async () => {
    const { page } = admin;
    await page.goto('/offices');
    await expectHeading(page, 'Offices');
    await page.locator('table caption', { hasText: 'Offices and units, by name' }).waitFor();
    await expectAccessible(page, 'offices list');

    await page.getByRole('link', { name: 'Create office' }).click();
    await expectHeading(page, 'Create an office');
    await page.getByRole('button', { name: 'Create office' }).click();
    await page.getByRole('heading', { name: 'There are 3 errors on this page' }).waitFor();
    await expectAccessible(page, 'create-office page with errors');
    await page.locator('#code').fill('TST-1');
    await page.locator('#name').fill('Test Satellite Office');
    await page.locator('#kind').selectOption('area_office');
    await page.locator('#regionCode').selectOption({ index: 1 });
    await page.locator('#townName').selectOption('Hartford');
    await page.getByRole('button', { name: 'Create office' }).click();
    await expectHeading(page, 'Test Satellite Office');
    await page.getByText('Office created.').waitFor();
    await expectAccessible(page, 'office page');

    // Someone else saves a change in another tab while this form is open.
    const other = await admin.context.newPage();
    await other.goto(page.url());
    await other.locator('#phone').fill('860-555-0199');
    await other.getByRole('button', { name: 'Save changes' }).click();
    await other.getByText('Changes saved.').waitFor();
    await other.close();

    await page.locator('#name').fill('Test Satellite Office East');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else changed this office since you opened it.', { exact: false }).waitFor();
    await expectAccessible(page, 'office page after a conflict');
    await page.getByRole('button', { name: 'Reload the latest version' }).click();
    await page.waitForFunction(() => (document.querySelector<HTMLInputElement>('#phone')?.value ?? '') === '860-555-0199');
    await page.locator('#name').fill('Test Satellite Office East');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Changes saved.').waitFor();
    await expectHeading(page, 'Test Satellite Office East');
  });
});
