import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { arriveAt, demoPassword, expectAccessible, expectHeading, keyboardSignIn, launchBrowser, openTab, tabTo } from './browser';
import { serverForFile } from './server-for-file';

const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

/** Types into the field reached by Tab (keyboard only). */
async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `#${id}`);
  await page.keyboard.type(text);
}

/** Chooses an option of the focused select by typing its first letters, then checks it. */
async function chooseByKeyboard(page: Page, id: string, label: string): Promise<void> {
  await tabTo(page, `#${id}`);
  await page.keyboard.type(label);
  const chosen = await page.evaluate((sel) => {
    const s = document.querySelector<HTMLSelectElement>(sel);
    return s?.selectedOptions[0]?.textContent ?? '';
  }, `#${id}`);
  expect(chosen.startsWith(label)).toBe(true);
}


describe('an administrator creates a user, by keyboard alone', () => {
  it('creates the account; the new user signs in, must change the password, and reaches their home page', async () => {
    const admin = await openTab(browser, url);
    const { page } = admin;
    await keyboardSignIn(page, 'demo.administrator', demoPassword);
    await page.waitForURL('**/admin');

    await tabTo(page, 'nav a[href="/users"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/users');
    // The route change moves focus to the new page's heading.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1' && document.activeElement.textContent === 'Users');

    await tabTo(page, 'a[href="/users/new"]');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/users/new');
    await typeInto(page, 'username', 'kim.keyboard');
    await typeInto(page, 'displayName', 'Kim Keyboard');
    await typeInto(page, 'email', 'kim.keyboard@dcf.example.gov');
    await tabTo(page, '#roles-ongoing_worker');
    await page.keyboard.press('Space');
    expect(await page.isChecked('#roles-ongoing_worker')).toBe(true);
    await chooseByKeyboard(page, 'officeId', 'Hartford Area');
    await typeInto(page, 'password', 'temporary-pass-2026');
    await page.keyboard.press('Enter');

    await arriveAt(page, /\/users\/[0-9a-f-]{36}$/);
    await expectHeading(page, 'Kim Keyboard');
    await page.getByText('The account of Kim Keyboard was created. They must change the temporary password when they first sign in.').waitFor();
    await page.getByText('Must change password', { exact: true }).first().waitFor();
    await expectAccessible(page, 'user page after creation');

    await tabTo(page, 'button.harbor-user__sign-out');
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sign-in');
    expect(admin.problems).toEqual([]);
    await admin.context.close();

    const newcomer = await openTab(browser, url);
    const p = newcomer.page;
    await keyboardSignIn(p, 'kim.keyboard', 'temporary-pass-2026');
    await p.waitForURL('**/change-password');
    await expectHeading(p, 'Change your password');
    await p.getByText('Your password was set by an administrator.').waitFor();
    await expectAccessible(p, 'change-password page');
    // A user who must change the password cannot go anywhere else first.
    await p.goto('/casework');
    await p.waitForURL('**/change-password');

    await typeInto(p, 'currentPassword', 'temporary-pass-2026');
    await typeInto(p, 'newPassword', 'my own sentence 2026');
    await typeInto(p, 'confirmPassword', 'my own sentence 2027');
    await p.keyboard.press('Enter');
    await p.getByRole('heading', { name: 'There is 1 error on this page' }).waitFor();
    await expectAccessible(p, 'change-password page with an error');
    await tabTo(p, '#confirmPassword');
    await p.keyboard.press('ControlOrMeta+A');
    await p.keyboard.type('my own sentence 2026');
    await p.keyboard.press('Enter');

    await p.waitForURL('**/casework');
    await expectHeading(p, 'My casework');
    await p.getByText('Your password has been changed.').waitFor();
    await expect(p.locator('header').textContent()).resolves.toContain('Kim Keyboard');
    await expectAccessible(p, 'home page of the new user');
    expect(newcomer.problems).toEqual([]);
    await newcomer.context.close();
  });
});
