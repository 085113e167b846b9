import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { demoUsername, expectAccessible, launchBrowser, modal, openTab, signIn, watch, type Tab } from './browser';
import { startHarbor, type Harbor } from './support';

/**
 * The idle lock against servers of its own: one locks after 2.1 minutes, so its warning (two
 * minutes before) opens about 6 s after sign-in; the other locks after 1 minute (the shortest
 * setting), so its lock falls while the other tests run.
 */
let warning: Harbor;
let locking: Harbor;
let browser: Browser;
let lockTab: Tab;

beforeAll(async () => {
  const template = inject('harborTemplate');
  [warning, locking] = await Promise.all([startHarbor({ HARBOR_IDLE_MINUTES: '2.1' }, template), startHarbor({ HARBOR_IDLE_MINUTES: '1' }, template)]);
  browser = await launchBrowser();
  lockTab = await openTab(browser, locking.url);
  await signIn(lockTab.page, demoUsername('careline_worker'));
});
afterAll(async () => {
  await browser?.close();
  await Promise.all([warning?.stop(), locking?.stop()]);
});

const title = 'Your session is about to end';
const idleExpiresAt = async (page: Page) => Date.parse(await page.evaluate(() => fetch('/api/session').then(async (r) => ((await r.json()) as { idleExpiresAt: string }).idleExpiresAt)));

describe('idle lock', () => {
  it('warns two minutes before the lock in every tab, announced politely; "Stay signed in" keeps the session in all', async () => {
    const { context, page, problems } = await openTab(browser, warning.url);
    await signIn(page, demoUsername('hart_liaison'));
    const other = await context.newPage();
    watch(other, problems);
    await other.goto('/hart');

    const dialog = modal(page, title);
    await dialog.waitFor({ timeout: 30_000 });
    await modal(other, title).waitFor({ timeout: 10_000 });
    const wrapper = page.locator('#idle-warning');
    expect(await wrapper.getAttribute('role')).toBe('dialog');
    expect(await page.locator('#idle-warning-body').textContent()).toContain('after 2 minutes without activity');
    expect(await wrapper.locator('[aria-live="polite"]').textContent()).toBe('You will be signed out in 2 minutes.');
    expect(await page.locator('.harbor-countdown__clock').textContent()).toMatch(/^[0-2]:\d\d$/);
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Stay signed in');
    expect(await page.getAttribute('#root', 'aria-hidden')).toBe('true');
    await expectAccessible(page, 'idle warning dialog');

    const before = await idleExpiresAt(page);
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await modal(other, title).waitFor({ state: 'hidden', timeout: 10_000 });
    expect(await idleExpiresAt(page)).toBeGreaterThan(before);
    expect(page.url()).toContain('/hart');

    // The warning comes back after the same quiet time; "Sign out" in one tab signs out both.
    await modal(other, title).waitFor({ timeout: 30_000 });
    await modal(other, title).getByRole('button', { name: 'Sign out' }).click();
    await other.waitForURL('**/sign-in');
    await page.waitForURL('**/sign-in', { timeout: 10_000 });
    await page.getByText('You have signed out.').waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });

  it('after the lock, the sign-in page says why', async () => {
    const { page, problems } = lockTab;
    await page.waitForURL('**/sign-in', { timeout: 100_000 });
    await page.getByText('You were signed out after 1 minute without activity. Sign in again to continue.').waitFor();
    const session = await page.evaluate(() => fetch('/api/session').then((r) => r.json()));
    expect(session.user).toBeNull();
    await expectAccessible(page, 'sign-in page after the idle lock');
    // Signing in again returns to the page that was open.
    await signIn(page, demoUsername('careline_worker'));
    await page.waitForURL('**/careline');
    expect(problems).toEqual([]);
  });
});
