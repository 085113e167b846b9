import AxeBuilder from '@axe-core/playwright';
import type { Role } from '@harbor/policy';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';

/** Chromium, pages, sign-in, keyboard and accessibility helpers for the browser tests. */
export const demoPassword = 'harbor-demo-2026';
export const demoUsername = (role: Role): string => `demo.${role.replace(/_/g, '-')}`;

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

export interface Tab {
  context: BrowserContext;
  page: Page;
  /** Content-Security-Policy violations, errors logged and uncaught errors seen on the page. */
  problems: string[];
}

export function watch(page: Page, problems: string[]): void {
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    // A refused request (401 on a wrong password, 404) is logged by Chromium and expected.
    if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text())) return;
    problems.push(/Content Security Policy|Refused to/i.test(msg.text()) ? `CSP: ${msg.text()}` : `console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
}

/** A new browser context (its own cookies) and a page in it, at `baseURL`. */
export async function openTab(browser: Browser, baseURL: string): Promise<Tab> {
  // Reduced motion: USWDS then skips its fade-ins, so axe measures contrast at full opacity.
  const context = await browser.newContext({ baseURL, viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
  const page = await context.newPage();
  const problems: string[] = [];
  watch(page, problems);
  return { context, page, problems };
}

export async function signIn(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto('/sign-in');
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/sign-in');
}

/** The page's h1, once visible. */
export async function heading(page: Page): Promise<string> {
  const h1 = page.locator('main h1');
  await h1.waitFor({ state: 'visible' });
  return (await h1.textContent()) ?? '';
}

/** Waits until the page's h1 reads `text`. */
export async function expectHeading(page: Page, text: string): Promise<void> {
  // The whole heading, not a part of it: "Support request" must not match the list's "Support requests".
  const exact = new RegExp(`^\\s*${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
  await page.locator('main h1', { hasText: exact }).waitFor({ state: 'visible' });
  expect(await page.locator('main h1').textContent()).toBe(text);
}

/**
 * A USWDS modal dialog by its accessible name. (The dialog element itself has no size, its
 * fixed overlay does, so visibility is that of the modal box inside.)
 */
export const modal = (page: Page, name: string | RegExp) => page.getByRole('dialog', { name }).locator('.usa-modal');

/** An axe scan (WCAG 2.0 and 2.1, A and AA) that must find nothing. */
export async function expectAccessible(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const found = result.violations.map((v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(found, `axe violations on ${what}`).toEqual([]);
}

/** Presses Tab until the focused element matches `selector` (keyboard-only navigation). */
export async function tabTo(page: Page, selector: string, maxPresses = 80): Promise<void> {
  const path: string[] = [];
  for (let i = 0; i < maxPresses; i++) {
    const at = await page.evaluate((s) => {
      const el = document.activeElement;
      return { hit: el?.matches(s) ?? false, what: el ? `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}(${(el.textContent ?? '').trim().slice(0, 20)})` : 'none' };
    }, selector);
    if (at.hit) return;
    path.push(at.what);
    await page.keyboard.press('Tab');
  }
  // Where focus went on the way: a failure says whether it was lost (body) or never got there.
  throw new Error(`Tab never reached ${selector}; focus went ${path.slice(0, 12).join(' > ')}${path.length > 12 ? ' > …' : ''}`);
}

/** The accessible text of the focused element (for checks of where focus went). */
export const focusedText = (page: Page): Promise<string> => page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');

/** Tabs to the control with this id and types (keyboard only). */
export async function typeInto(page: Page, id: string, text: string): Promise<void> {
  await tabTo(page, `#${id}`, 200);
  await page.keyboard.type(text);
}

/** Chooses an option of a select by typing its first letters (keyboard only), then checks it. */
export async function choose(page: Page, id: string, label: string): Promise<void> {
  await tabTo(page, `#${id}`, 200);
  await page.keyboard.type(label);
  const chosen = await page.evaluate((sel) => document.querySelector<HTMLSelectElement>(sel)?.selectedOptions[0]?.textContent ?? '', `#${id}`);
  expect(chosen.startsWith(label), `${id}: ${chosen}`).toBe(true);
}

/** Ticks a checkbox or radio by keyboard, then checks it is ticked. */
export async function check(page: Page, id: string): Promise<void> {
  await tabTo(page, `#${id}`, 200);
  await page.keyboard.press('Space');
  expect(await page.isChecked(`#${id}`)).toBe(true);
}

/** Signs in by keyboard alone: Tab to each field, type, Enter. */
export async function keyboardSignIn(page: Page, username: string, password = demoPassword): Promise<void> {
  await page.goto('/sign-in');
  await tabTo(page, '#username');
  await page.keyboard.type(username);
  await tabTo(page, '#password');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname !== '/sign-in');
}

/** Tabs to `selector` and presses a key on it (Enter by default). */
export async function press(page: Page, selector: string, key: 'Space' | 'Enter' | 'ArrowDown' = 'Enter', maxPresses = 400): Promise<void> {
  await tabTo(page, selector, maxPresses);
  await page.keyboard.press(key);
}

/** Follows a link by keyboard and waits for its page's heading. */
export async function follow(page: Page, href: string, heading: string, maxPresses = 300): Promise<void> {
  await tabTo(page, `a[href="${href}"]`, maxPresses);
  await page.keyboard.press('Enter');
  await page.waitForURL((u) => u.pathname === href);
  await expectHeading(page, heading);
}

/**
 * Waits for the page a submission leads to. If it never comes, the failure says where the page is
 * and what it shows instead (an error summary, an alert), rather than only "timeout".
 */
export async function arriveAt(page: Page, url: RegExp): Promise<void> {
  try {
    await page.waitForURL(url, { timeout: 20_000 });
  } catch (err) {
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll('[role="alert"], .usa-alert, .usa-error-message, [role="status"]')]
        .map((e) => e.textContent?.trim() ?? '')
        .filter((t) => t !== ''),
    );
    throw new Error(`expected to arrive at ${url}; still at ${new URL(page.url()).pathname}, showing: ${JSON.stringify(shown)} (${(err as Error).message.split('\n')[0]})`);
  }
}
