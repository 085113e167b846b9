import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, type Referral } from './api';
import { demoPassword, demoUsername, expectAccessible, launchBrowser, openTab, tabTo, typeInto, choose, check } from './browser';
import { serverForFile } from './server-for-file';

/**
 * Repeat victims (issue 3, item 11; CL-3): a child already known to Harbor from a submitted
 * referral is found while a Careline worker takes a new referral by keyboard alone, linked, and
 * the two referrals then point to one person record. All names are synthetic.
 */
const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;

interface PersonMatch {
  personId: string;
  firstName: string;
  lastName: string;
  aliases: string[];
  dateOfBirth: string | null;
  townName: string | null;
  matchedOn: string[];
  referrals: { number: string; receivedAt: string | null }[];
}
interface ReferralWithDraft extends Referral {
  status: string;
  draft: { children?: { linkedPersonId?: string | null; firstName?: string }[] };
}

/** The child of the earlier referral: a distinctive synthetic name, a street name, in Torrington, CT. */
const known = { firstName: 'Zinnia', lastName: 'Oakhollow', aliases: ['Zee Oak'], dateOfBirth: '2011-09-14', townName: 'Torrington' };

const earlierReferral = {
  receivedAt: '2026-02-10T09:30:00-05:00',
  channel: 'phone',
  reporter: { anonymous: false, name: 'Rory Nurse', relationship: 'professional', mandatedReporterType: 'physician_nurse_or_medical', contact: { phone: '860-555-0177' } },
  children: [
    {
      ...known,
      gender: 'female',
      races: ['unknown'],
      ethnicity: 'unknown',
      primaryLanguage: 'English',
      citizenship: 'us_citizen',
      state: 'CT',
      livingSituation: 'home',
      dcfInvolvement: { openCase: false, inDcfCare: false },
      prostitutedOrCse: true,
      allegations: ['ht_sex'],
      indicators: ['owes_debt'],
    },
  ],
  exploiters: [{ unknown: true, relationship: 'unknown' }],
  places: [{ townName: 'Torrington', state: 'CT', type: 'residence' }],
  narrative: 'A school nurse reports a girl known as Zee says she must pay back an older man who drives her to motels.',
};

let worker: Api;
let director: Api;
let earlier: Referral;
/** The person of the earlier referral's child, as the match answer names it. */
let person: PersonMatch;

beforeAll(async () => {
  browser = await launchBrowser();
  worker = new Api(url);
  await worker.signIn(demoUsername('careline_worker'));
  const draft = await worker.ok('POST', '/api/referrals', { narrative: 'First words of the call' });
  const saved = await worker.ok('PATCH', `/api/referrals/${draft.id}`, { ...earlierReferral, version: draft.version });
  earlier = await worker.ok('POST', `/api/referrals/${saved.id}/submit`, { version: saved.version, idempotencyKey: `repeat-${saved.id}` });
  const found = await worker.ok<PersonMatch[]>('POST', '/api/referrals/person-matches', { firstName: known.firstName, lastName: known.lastName, dateOfBirth: known.dateOfBirth });
  expect(found).toHaveLength(1);
  person = found[0]!;
  expect(person.referrals.map((r) => r.number)).toEqual([earlier.number]);
  director = new Api(url);
  await director.signIn(demoUsername('hart_director'));
});
afterAll(async () => {
  await browser.close();
});

const valueOf = (page: Page, id: string) => page.locator(`#${id}`).inputValue();
const focused = (page: Page) => page.evaluate(() => document.activeElement?.textContent?.trim() ?? document.activeElement?.tagName ?? '');

/** The accessible description of the focused element (the text its aria-describedby names). */
const describedBy = (page: Page) =>
  page.evaluate(() => {
    const ids = document.activeElement?.getAttribute('aria-describedby')?.split(' ') ?? [];
    return ids.map((i) => document.getElementById(i)?.textContent ?? '').join(' ');
  });




/** The draft as the server keeps it, read with the page's own session. */
const draftOf = (page: Page, id: string) => page.evaluate(async (referralId) => (await (await fetch(`/api/referrals/${referralId}`)).json()) as ReferralWithDraft, id);

describe('repeat victims, by keyboard alone (issue 3)', () => {
  it('[CL-3] repeat victims: a Careline worker finds the child of an earlier referral by street name, date of birth and town, links the child and submits; both referrals point to one person', async () => {
    const tab = await openTab(browser, url);
    const { page } = tab;
    await page.goto('/sign-in');
    await typeInto(page, 'username', demoUsername('careline_worker'));
    await typeInto(page, 'password', demoPassword);
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.pathname !== '/sign-in');

    await tabTo(page, 'nav a[href="/referrals"]');
    await page.keyboard.press('Enter');
    await page.locator('main h1', { hasText: 'Referrals' }).waitFor();
    await tabTo(page, 'main a[href="/referrals/new"]');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/referrals\/[0-9a-f-]{36}\/edit$/);
    await page.locator('main h1', { hasText: 'Referral intake' }).waitFor();
    const id = /\/referrals\/([0-9a-f-]{36})\/edit$/.exec(page.url())?.[1] ?? '';
    expect(id).not.toBe('');

    await choose(page, 'channel', 'Phone');
    await typeInto(page, 'reporter-name', 'Sam Outreach');
    await choose(page, 'reporter-relationship', 'Professional');
    await choose(page, 'reporter-mandatedReporterType', 'School');
    await typeInto(page, 'reporter-contact-phone', '860-555-0188');

    // The caller knows the girl only by her street name; the worker types it with her birthday and town.
    await typeInto(page, 'children-0-firstName', 'Zee');
    await typeInto(page, 'children-0-lastName', 'Oak');
    await tabTo(page, '#children-0-dateOfBirth', 200);
    await page.keyboard.type('09142011');
    expect(await valueOf(page, 'children-0-dateOfBirth')).toBe(known.dateOfBirth);
    await typeInto(page, 'children-0-townName', 'Torrington');
    await page.keyboard.press('Tab');

    // The panel lists the known child in brief (CF-1: initials, birth year, town), the earlier
    // referral's number and what matched; never the child's names before linking.
    const panel = page.getByRole('region', { name: 'Possible earlier records' });
    await panel.waitFor();
    const item = panel.locator('li', { hasText: 'Z. O.' });
    await item.waitFor();
    expect(await item.locator('p').first().textContent()).toBe('Z. O., born in 2011, Torrington');
    expect(await panel.textContent()).not.toContain('Zinnia');
    await item.getByText('Matched on alias, date of birth, town').waitFor();
    await item.getByText(`Earlier referrals: ${earlier.number}`).waitFor();
    expect(await panel.locator('li').count()).toBe(1);
    // A screen-reader user leaving the town field hears that a record was found.
    await page.getByRole('status').filter({ hasText: 'Harbor found 1 possible earlier record of this child, below.' }).waitFor({ state: 'attached' });
    await expectAccessible(page, 'intake form with a possible earlier record');

    // Link, by keyboard; focus stays on the panel's button, which now unlinks. (Now and then focus
    // is back at the top of the page after the town field — under investigation, see the issue-4
    // note — so the Tab walk may have to cross the whole form.)
    await tabTo(page, 'section.harbor-matches li button', 200);
    expect(await focused(page)).toBe('Link this child to this person');
    expect(await describedBy(page)).toBe('Z. O., born in 2011, Torrington');
    await page.keyboard.press('Enter');
    await panel.getByText('Linked to an earlier record.').waitFor();
    // Linked: the full details of that child (and only that child) appear.
    await panel.locator('li', { hasText: 'Zinnia Oakhollow (Zee Oak), born September 14, 2011, Torrington' }).waitFor();
    expect(await focused(page)).toBe('Unlink');
    expect(await describedBy(page)).toContain('Zinnia Oakhollow');
    await expectAccessible(page, 'intake form with the child linked');

    // The rest of the child and the call.
    await choose(page, 'children-0-gender', 'Female');
    await check(page, 'children-0-races-unknown');
    await choose(page, 'children-0-ethnicity', 'Unknown');
    await typeInto(page, 'children-0-primaryLanguage', 'English');
    await choose(page, 'children-0-citizenship', 'U.S.');
    await choose(page, 'children-0-livingSituation', 'At');
    await check(page, 'children-0-prostitutedOrCse');
    await check(page, 'children-0-indicators-owes_debt');
    await typeInto(page, 'narrative', 'An outreach worker reports Zee is again taken to motels by the same older man; she says she still owes him.');
    await page.locator('#save-status', { hasText: /^Saved \d{1,2}:\d{2}/ }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await draftOf(page, id)).draft.children?.[0]?.linkedPersonId).toBe(person.personId);

    // After a reload the draft still says the child is linked, and to whom.
    await page.reload();
    await page.locator('main h1', { hasText: 'Referral intake' }).waitFor();
    await panel.getByText('Linked to an earlier record.').waitFor();
    await panel.locator('li', { hasText: 'Zinnia Oakhollow' }).getByText(`Earlier referrals: ${earlier.number}`).waitFor();
    expect(await valueOf(page, 'children-0-firstName')).toBe('Zee');
    expect(await panel.locator('li button').textContent()).toBe('Unlink');
    await expectAccessible(page, 'intake form reloaded with the child linked');
    // Unlinking and linking again by keyboard keeps the focus on the button.
    await tabTo(page, 'section.harbor-matches li button', 200);
    await page.keyboard.press('Enter');
    await panel.getByText('Harbor found people who may be this child.', { exact: false }).waitFor();
    expect(await focused(page)).toBe('Link this child to this person');
    await page.keyboard.press('Enter');
    await panel.getByText('Linked to an earlier record.').waitFor();
    expect(await focused(page)).toBe('Unlink');
    await page.locator('#save-status', { hasText: /^Saved \d{1,2}:\d{2}/ }).waitFor({ timeout: 10_000 });
    await expect.poll(async () => (await draftOf(page, id)).draft.children?.[0]?.linkedPersonId).toBe(person.personId);

    await tabTo(page, 'form.harbor-intake button[type="submit"]', 300);
    await page.keyboard.press('Enter');
    await page.waitForURL(`**/referrals/${id}`);
    const h1 = page.locator('main h1', { hasText: /^Referral R-\d{4}-\d{6}$/ });
    await h1.waitFor();
    const number = ((await h1.textContent()) ?? '').replace('Referral ', '');
    expect(number).not.toBe(earlier.number);
    expect(tab.problems).toEqual([]);
    await tab.context.close();

    // The HART Director reads the new referral: submitted, its child linked to the earlier person.
    const second = await director.ok<ReferralWithDraft>('GET', `/api/referrals/${id}`);
    expect(second.status).toBe('submitted');
    expect(second.draft.children?.[0]?.linkedPersonId).toBe(person.personId);
    const first = await director.ok<ReferralWithDraft>('GET', `/api/referrals/${earlier.id}`);
    expect(first.draft.children?.[0]?.firstName).toBe('Zinnia');
    // Both referrals' children are one person record (referral_children): the match answer lists
    // exactly one person, with both referral numbers, and no second record was made.
    const again = await worker.ok<PersonMatch[]>('POST', '/api/referrals/person-matches', { firstName: 'Zee', lastName: 'Oak', dateOfBirth: known.dateOfBirth, townName: 'Torrington' });
    expect(again.map((p) => p.personId)).toEqual([person.personId]);
    expect(again[0]?.referrals.map((r) => r.number)).toEqual([earlier.number, number]);
  });
});
