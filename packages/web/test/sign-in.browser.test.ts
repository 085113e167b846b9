import { roleDefs, roles } from '@harbor/policy';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoUsername, expectAccessible, expectHeading, heading, launchBrowser, openTab, signIn } from './browser';
import { serverForFile } from './server-for-file';

const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

describe('sign-in', () => {
  it('sends a visitor to the sign-in page, served under the strict CSP without violations, which passes an axe scan', async () => {
    const { context, page, problems } = await openTab(browser, url);
    const response = await page.goto('/people');
    const csp = response?.headers()['content-security-policy'] ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("style-src 'self'");
    await page.waitForURL('**/sign-in');
    await expectHeading(page, 'Sign in to Harbor');
    expect(await page.title()).toBe('Sign in | Harbor');
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await expectAccessible(page, 'sign-in page');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('lists missing fields in an error summary that takes focus and links to each field', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await page.goto('/sign-in');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const summary = page.getByRole('heading', { name: 'There are 2 errors on this page' });
    await summary.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('error-summary-heading');
    expect(await page.getAttribute('#username', 'aria-invalid')).toBe('true');
    expect(await page.getAttribute('#password', 'aria-describedby')).toBe('password-error');
    await page.getByRole('link', { name: 'Enter your password' }).click();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('password');
    await expectAccessible(page, 'sign-in page with two errors');
    expect(problems).toEqual([]);
    await context.close();
  });

  it('says plainly when the password is wrong, in an accessible error state', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await page.goto('/sign-in');
    await page.locator('#username').fill(demoUsername('mdt_coordinator'));
    await page.locator('#password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    await page.getByRole('heading', { name: 'There is 1 error on this page' }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('There is 1 error on this page');
    expect(await page.locator('#username-error').textContent()).toBe('The username or password is not right');
    expect(await page.inputValue('#password')).toBe('');
    await expectAccessible(page, 'sign-in page after a wrong password');
    expect(problems).toEqual([]);
    await context.close();
  });

  for (const role of roles) {
    it(`${role}: signs in and reaches the ${roleDefs[role].home} home page`, async () => {
      const { context, page, problems } = await openTab(browser, url);
      await signIn(page, demoUsername(role));
      await page.waitForURL(`**/${roleDefs[role].home}`);
      expect((await heading(page)).length).toBeGreaterThan(0);
      const header = page.locator('header');
      await expect(header.textContent()).resolves.toContain(`(demo ${roleDefs[role].label.toLowerCase()})`);
      await expect(header.textContent()).resolves.toContain(roleDefs[role].label);
      await expectAccessible(page, `${role} home page`);
      expect(problems).toEqual([]);
      await context.close();
    });
  }

  it('signing out ends the session and the sign-in page says so', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await signIn(page, demoUsername('supervisor'));
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL('**/sign-in');
    await page.getByText('You have signed out.').waitFor();
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    expect(session.user).toBeNull();
    await page.goto('/supervision');
    await page.waitForURL('**/sign-in');
    await expectAccessible(page, 'sign-in page after signing out');
    expect(problems).toEqual([]);
    await context.close();
  });
});
