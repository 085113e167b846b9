import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { arriveAt, check, choose, demoPassword, expectAccessible, expectHeading, follow, keyboardSignIn, launchBrowser, openTab, press, tabTo, typeInto } from './browser';
import { Api } from './api';
import { serverForFile } from './server-for-file';

const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser.close();
});

const awaiting = 'This change awaits a second administrator. It takes effect only when another administrator approves it in Changes awaiting approval.';

describe('[CF-1] changes that could give a child’s identity wait for a second administrator, by keyboard alone', () => {
  it('one administrator asks (a puppet with statewide reach, a new address for the Chief State’s Attorney); the other approves one and rejects the other', async () => {
    const first = await openTab(browser, url);
    const { page } = first;
    await keyboardSignIn(page, 'demo.administrator', demoPassword);
    await page.waitForURL('**/admin');

    // A puppet account with statewide reach: nothing is created, the change waits.
    await follow(page, '/users', 'Users');
    await follow(page, '/users/new', 'Create a user');
    await typeInto(page, 'username', 'pat.puppet');
    await typeInto(page, 'displayName', 'Pat Puppet');
    await check(page, 'roles-hart_director');
    await choose(page, 'officeId', 'Central Office');
    await typeInto(page, 'password', 'temporary-pass-2026');
    await page.keyboard.press('Enter');
    await arriveAt(page, /\/pending-changes$/);
    await expectHeading(page, 'Changes awaiting approval');
    await page.getByText(awaiting).waitFor();
    await page.getByText('You asked for this change: another administrator must approve it. You may withdraw it by rejecting it.').first().waitFor();
    expect(await page.getByRole('button', { name: 'Approve' }).count()).toBe(0);
    await expectAccessible(page, 'pending changes of the administrator who asked');

    // The Chief State's Attorney's address (a DCF-737 recipient) waits too.
    await follow(page, '/directory', 'Partner directory');
    await choose(page, 'directory-kind', 'Chief State');
    await press(page, 'form.harbor-filters button[type="submit"]');
    await page.getByRole('link', { name: 'Change contact of Office of the Chief State’s Attorney' }).waitFor();
    await expectAccessible(page, 'partner directory');
    await tabTo(page, 'a[aria-label="Change contact of Office of the Chief State’s Attorney"]', 200);
    await page.keyboard.press('Enter');
    await arriveAt(page, /\/directory\/[0-9a-f-]{36}/);
    await tabTo(page, '#email');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('me@csa.example.gov');
    await page.keyboard.press('Enter');
    await page.getByText(awaiting).waitFor();
    await expectAccessible(page, 'directory change awaiting approval');
    await tabTo(page, 'button.harbor-user__sign-out', 200);
    await page.keyboard.press('Enter');
    await page.waitForURL('**/sign-in');
    expect(first.problems).toEqual([]);
    await first.context.close();

    // The second administrator approves the account and rejects the address, with a reason.
    const second = await openTab(browser, url);
    const p = second.page;
    await keyboardSignIn(p, 'demo.administrator-2', demoPassword);
    await p.waitForURL('**/admin');
    await follow(p, '/pending-changes', 'Changes awaiting approval');
    await p.getByRole('heading', { name: 'pat.puppet (Pat Puppet): New account with wide reach' }).waitFor();
    await p.getByText('hart_director: statewide').waitFor();
    await expectAccessible(p, 'pending changes of the second administrator');

    const account = p.locator('section', { has: p.getByRole('heading', { name: /^pat\.puppet/ }) });
    const approveButton = account.getByRole('button', { name: 'Approve' });
    await approveButton.focus();
    await p.keyboard.press('Enter');
    const dialog = p.getByRole('dialog', { name: /Approve this change to pat\.puppet/ });
    await dialog.locator('.usa-modal').waitFor({ state: 'visible' });
    await expectAccessible(p, 'approve dialog');
    await tabTo(p, '.usa-modal button.usa-button:not(.usa-button--unstyled)', 20);
    expect(await p.evaluate(() => document.activeElement?.textContent)).toBe('Approve');
    await p.keyboard.press('Enter');
    await p.getByText('Approved: the change is now in force.').waitFor();

    const csa = p.locator('section', { has: p.getByRole('heading', { name: /^Office of the Chief State’s Attorney/ }) });
    const reasonId = await csa.locator('textarea').getAttribute('id');
    await press(p, `section:has(#${reasonId}) button[type="submit"]`);
    await p.getByText('Enter a reason of at most 500 characters').waitFor();
    await expectAccessible(p, 'reject form with an error');
    await typeInto(p, reasonId!, 'Not the office’s address');
    await p.keyboard.press('Tab');
    await p.keyboard.press('Enter');
    await p.getByText('Rejected: nothing was changed.').waitFor();
    await p.getByRole('heading', { name: /^Office of the Chief State’s Attorney/ }).waitFor({ state: 'detached' });
    await p.getByRole('heading', { name: /^pat\.puppet/ }).waitFor({ state: 'detached' });

    // In Spanish too.
    await p.getByRole('button', { name: 'Español' }).click();
    await expectHeading(p, 'Cambios pendientes de aprobación');
    expect(await p.getAttribute('html', 'lang')).toBe('es');
    await expectAccessible(p, 'pending changes in Spanish');
    await p.getByRole('button', { name: 'English' }).click();
    expect(second.problems).toEqual([]);
    await second.context.close();
  });
});

describe('decided changes in the order they were decided, by keyboard alone (issue 11)', () => {
  it('lists the approved changes oldest decision first, then newest decision first; the order lives in the URL', async () => {
    // Asked for in one order (Ada, Bo, Cy), approved in another (Bo, Cy, Ada).
    const asker = new Api(url);
    await asker.signIn('demo.administrator');
    const session = (await asker.send('GET', '/api/session')).body as { user: { office: { id: string } } };
    const approver = new Api(url);
    await approver.signIn('demo.administrator-2');
    const asked = new Map<string, string>();
    for (const name of ['ada', 'bo', 'cy']) {
      const r = await asker.ok<{ approval: { id: string } }>('POST', '/api/users', {
        username: `order.${name}`, displayName: `Order ${name}`, email: null, roles: ['hart_director'], officeId: session.user.office.id, password: 'temporary-pass-2026',
      });
      asked.set(name, r.approval.id);
    }
    for (const name of ['bo', 'cy', 'ada']) await approver.ok('POST', `/api/approvals/${asked.get(name)!}/approve`, {});

    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, 'demo.administrator-2', demoPassword);
    await page.waitForURL('**/admin');
    await follow(page, '/pending-changes', 'Changes awaiting approval');
    const showStatus = async (status: string) => {
      await press(page, `a[href="/pending-changes?status=${status}"]`);
      await page.waitForURL((u) => u.searchParams.get('status') === status);
    };
    await showStatus('approved');
    const ours = async () =>
      (await page.getByRole('heading', { name: /^order\.(ada|bo|cy) / }).allTextContents()).map((h) => h.split(' ')[0]);
    await page.getByRole('heading', { name: /^order\.cy / }).waitFor();
    expect(await ours(), 'newest request first, by default').toEqual(['order.cy', 'order.bo', 'order.ada']);

    await choose(page, 'approvals-order', 'Oldest decision first');
    await press(page, 'form.harbor-filters button[type="submit"]');
    await page.waitForURL((u) => u.searchParams.get('sort') === 'decidedAt' && u.searchParams.get('dir') === 'asc' && u.searchParams.get('status') === 'approved');
    await page.waitForFunction(() => [...document.querySelectorAll('h2')].map((h) => h.textContent ?? '').filter((t) => t.startsWith('order.'))[0]?.startsWith('order.bo'));
    expect(await ours()).toEqual(['order.bo', 'order.cy', 'order.ada']);
    await expectAccessible(page, 'approved changes, oldest decision first');

    await choose(page, 'approvals-order', 'Newest decision first');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('dir') === 'desc' && u.searchParams.get('sort') === 'decidedAt');
    await page.waitForFunction(() => [...document.querySelectorAll('h2')].map((h) => h.textContent ?? '').filter((t) => t.startsWith('order.'))[0]?.startsWith('order.ada'));
    expect(await ours()).toEqual(['order.ada', 'order.cy', 'order.bo']);

    // A pending list offers only the request orders; in Spanish too.
    await showStatus('pending');
    // The URL changes before the page renders for it: wait for the decision orders to go.
    await page.locator('#approvals-order option', { hasText: 'Newest decision first' }).waitFor({ state: 'detached' });
    expect(await page.locator('#approvals-order option').allTextContents()).toEqual(['Newest request first', 'Oldest request first']);
    await page.getByRole('button', { name: 'Español' }).click();
    await page.locator('#approvals-order option', { hasText: 'Solicitud más antigua primero' }).waitFor({ state: 'attached' });
    await expectAccessible(page, 'pending changes order in Spanish');
    await page.getByRole('button', { name: 'English' }).click();
    expect(problems).toEqual([]);
    await context.close();
  });
});
