import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Api, type Referral } from './api';
import { demoUsername, expectAccessible, expectHeading, keyboardSignIn, launchBrowser, openTab, press, tabTo } from './browser';
import { serverForFile } from './server-for-file';

/**
 * HART consults, by keyboard alone: a liaison opens a consult from My work, holds it
 * (HL-1, HL-4, HL-6), completes the Decision Map (HL-3) and finds it on the case timeline; a supervisor overrides a level with a
 * reason; a liaison asks the Lead for support (LD-2), the Lead escalates (LD-4), the Director
 * sees the escalation and answers it (DR-3, DR-4). The consult is requested through the API, as
 * the investigation worker's browser would.
 */
const url = await serverForFile(inject('harborTemplate'));
let browser: Browser;

const hartfordReferral = {
  receivedAt: '2026-03-05T14:07:00-05:00',
  channel: 'mandated_reporter_email_fax',
  reporter: { anonymous: false, name: 'Pat Reporter', relationship: 'professional', mandatedReporterType: 'school_staff', contact: { phone: '860-555-0100' } },
  children: [
    {
      firstName: 'Robin',
      lastName: 'Consultski',
      aliases: [],
      dateOfBirth: '2010-06-01',
      gender: 'female',
      races: ['white'],
      ethnicity: 'hispanic_or_latino',
      primaryLanguage: 'English',
      citizenship: 'us_citizen',
      townName: 'Hartford',
      state: 'CT',
      livingSituation: 'home',
      dcfInvolvement: { openCase: false, inDcfCare: false },
      prostitutedOrCse: false,
      allegations: ['ht_labor', 'neglect'],
      indicators: ['long_hours_little_pay', 'lives_at_workplace'],
    },
  ],
  exploiters: [{ unknown: false, name: 'Crew boss', relationship: 'employer' }],
  places: [{ townName: 'Hartford', type: 'business', detail: 'Restaurant kitchen' }],
  narrative: 'The student says she works every night in a restaurant kitchen to pay back a debt and sleeps there.',
};

let consult: { id: string; number: string };
let referralId: string;
let referralNumber: string;
beforeAll(async () => {
  browser = await launchBrowser();
  const careline = new Api(url);
  await careline.signIn(demoUsername('careline_worker'));
  const draft = await careline.ok('POST', '/api/referrals', hartfordReferral);
  const submitted = await careline.ok('POST', `/api/referrals/${draft.id}/submit`, { version: draft.version, idempotencyKey: `hart-${draft.id}` });
  const accepted = await careline.ok<Referral>('POST', `/api/referrals/${draft.id}/decision`, { decision: 'accepted', responsePriority: { answers: { in_danger_now: 'yes' } }, version: submitted.version });
  const supervisor = new Api(url);
  await supervisor.signIn(demoUsername('supervisor'));
  const investigators = (await supervisor.ok<{ items: { id: string; name: string }[] }>('GET', '/api/referrals/investigators?limit=200')).items;
  const mine = investigators.find((i) => i.name.includes('(demo')) ?? investigators[0]!;
  await supervisor.ok('POST', `/api/referrals/${accepted.id}/assignment`, { userId: mine.id, version: accepted.version });
  const investigator = new Api(url);
  await investigator.signIn(demoUsername('investigation_worker'));
  referralId = accepted.id;
  referralNumber = accepted.number;
  consult = await investigator.ok<{ id: string; number: string }>('POST', '/api/consults', { subjectType: 'referral', subjectId: accepted.id, reason: 'She works nights to pay back a debt and sleeps at the restaurant.' });
});
afterAll(async () => {
  await browser.close();
});

async function typeAt(page: Page, selector: string, text: string): Promise<void> {
  await tabTo(page, selector, 300);
  await page.keyboard.type(text);
}
/** Answers a radio group by keyboard: Tab to the group, then arrow down to the option (0: the first). */
async function answer(page: Page, group: string, index: number): Promise<void> {
  await tabTo(page, `#${group}`, 300);
  if (index === 0) await page.keyboard.press('Space');
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
}

describe('a HART consult, by keyboard alone', () => {
  it('[HL-1] [HL-4] [HL-6] [HL-3] the liaison opens the consult from My work, holds it, completes the Decision Map, and the case timeline shows it', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('hart_liaison'));
    await expectHeading(page, 'HART liaison');
    await page.locator('.usa-card', { hasText: 'Consults due' }).waitFor();
    await expectAccessible(page, 'liaison home with consults due');

    // The consult is on the liaison's own work queue (HL-1, owned by the office's liaisons), opened from there.
    await press(page, 'nav a[href="/work"]');
    await expectHeading(page, 'My work');
    await page.locator('tr', { hasText: consult.number }).filter({ hasText: 'HL-1' }).waitFor();
    await expectAccessible(page, 'my work with the consult due');
    await press(page, `main a[href="/consults/${consult.id}"]`);
    await expectHeading(page, `HART consult ${consult.number}`);
    await page.getByText('She works nights to pay back a debt').waitFor();
    await expectAccessible(page, 'consult page, requested');

    // A consult without participants is refused, and the error names the field.
    await press(page, '#hold-submit');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    await expectAccessible(page, 'hold form with errors');

    await typeAt(page, '#participants-0-name', 'Dana Liaison');
    await typeAt(page, '#participants-0-role', 'HART liaison');
    await press(page, '#add-participant');
    await page.waitForFunction(() => document.activeElement?.id === 'participants-1-name');
    await page.keyboard.type('Det. Ruiz');
    await typeAt(page, '#participants-1-role', 'Hartford Police Department');
    await typeAt(page, '#informationReviewed', 'The referral, school attendance and the police report.');
    await typeAt(page, '#recommendations', 'Forensic interview at the CAC; a safety plan with the school.');
    await press(page, '#mdtCollaborated', 'Space');
    expect(await page.isChecked('#mdtCollaborated')).toBe(true);
    await typeAt(page, '#lawEnforcementAssistance', 'Put the detective in touch with the school.');
    await press(page, '#hold-submit');
    await page.getByText('The consult is recorded as held.').waitFor();
    await page.getByText('Det. Ruiz, Hartford Police Department').waitFor();

    // The Decision Map: each answer shows the next question; each branch shows its level.
    await answer(page, 'answers-sex-sex_disclosed', 1);
    await answer(page, 'answers-sex-sex_evidence', 1);
    await answer(page, 'answers-sex-sex_red_flags', 1);
    await page.locator('#level-sex', { hasText: 'Sex trafficking: At risk' }).waitFor();
    await answer(page, 'answers-labor-labor_disclosed', 0);
    await answer(page, 'answers-labor-labor_corroborated', 1);
    await page.locator('#level-labor', { hasText: 'Labor trafficking: Suspected victim' }).waitFor();
    await expectAccessible(page, 'Decision Map answered');
    await press(page, '#map-submit');
    await page.getByText('The Decision Map is saved.').waitFor();
    await page.locator('#level-in-force-sex', { hasText: 'At risk' }).waitFor();
    await page.locator('#level-in-force-labor', { hasText: 'Suspected victim' }).waitFor();
    await page.getByText('Answers that led to the sex trafficking level').waitFor();
    await expectAccessible(page, 'consult page, held and mapped');

    // In Spanish, the Decision Map's own words (the policy pack's, by code) are Spanish too.
    await press(page, 'button.harbor-language');
    await page.waitForFunction(() => document.documentElement.lang === 'es');
    await page.getByText('Respuestas que llevaron al nivel de trata sexual').waitFor();
    await page.locator('li', { hasText: '¿Le ha contado el niño a alguien que intercambió, o que lo obligaron a intercambiar, sexo o imágenes sexuales por algo de valor? No' }).waitFor();
    await page.locator('li', { hasText: '¿Cuántas señales de alerta de trata sexual muestra el niño? Una' }).waitFor();
    expect(await page.getByText('How many sex-trafficking red flags does the child show?').count()).toBe(0);
    await page.locator('#level-in-force-sex', { hasText: 'En riesgo' }).waitFor();
    await expectAccessible(page, 'consult page, held and mapped, in Spanish');
    await press(page, 'button.harbor-language');
    await page.waitForFunction(() => document.documentElement.lang === 'en');

    // The case timeline shows the consult held, with the Decision Map's levels.
    await press(page, `main a[href="/referrals/${referralId}/timeline"]`);
    await expectHeading(page, `Case timeline: ${referralNumber}`);
    const held = page.locator('li', { hasText: 'HART consult held (Decision Map)' });
    await held.getByText('Sex trafficking: At risk; labor trafficking: Suspected victim').waitFor();
    await held.locator(`a[href="/consults/${consult.id}"]`).waitFor();
    await expectAccessible(page, 'case timeline with the consult');

    // Held, the consult leaves My work as HL-1 and comes back as HL-5: enter it within 5 business days.
    await press(page, 'nav a[href="/work"]');
    await expectHeading(page, 'My work');
    await page.locator('tr', { hasText: consult.number }).filter({ hasText: 'HL-5' }).waitFor();
    expect(await page.locator('tr', { hasText: consult.number }).filter({ hasText: 'HL-1' }).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('[HL-3] a supervisor overrides the sex trafficking level with a reason', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('supervisor'));
    await page.goto(`/consults/${consult.id}`);
    await expectHeading(page, `HART consult ${consult.number}`);
    await page.locator('#override-heading').waitFor();
    await expectAccessible(page, 'consult page with the override form');
    await press(page, '#override-submit');
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary-heading');
    await tabTo(page, '#override-sex', 300);
    await page.keyboard.type('Su');
    await typeAt(page, '#reason', 'The police found an online ad with her photo.');
    await press(page, '#override-submit');
    await page.getByText('The override is saved.').waitFor();
    await page.locator('#level-in-force-sex', { hasText: 'Suspected victim (Decision Map level: At risk)' }).waitFor();
    await page.getByText('The police found an online ad with her photo.').waitFor();
    await expectAccessible(page, 'consult page after the override');
    expect(problems).toEqual([]);
    await context.close();
  });
});

describe('support and escalation, by keyboard alone', () => {
  it('[LD-2] [LD-4] [DR-3] [DR-4] a liaison asks the Lead, the Lead escalates, the Director sees and answers it', async () => {
    const liaisonTab = await openTab(browser, url);
    let page = liaisonTab.page;
    await keyboardSignIn(page, demoUsername('hart_liaison'));
    await press(page, 'nav a[href="/hart/support"]');
    await expectHeading(page, 'Support requests');
    await expectAccessible(page, 'support list (liaison)');
    await answer(page, 'kind', 2); // Law enforcement
    await typeAt(page, '#question', 'Two police departments disagree on who leads the recovery.');
    await press(page, '#support-submit');
    await page.waitForURL((u) => /^\/hart\/support\/[0-9a-f-]{36}$/.test(u.pathname));
    await page.getByText('Your request is with the HART Lead.').waitFor();
    const requestPath = new URL(page.url()).pathname;
    await expectAccessible(page, 'support request (liaison)');
    expect(liaisonTab.problems).toEqual([]);
    await liaisonTab.context.close();

    const leadTab = await openTab(browser, url);
    page = leadTab.page;
    await keyboardSignIn(page, demoUsername('hart_lead'));
    await page.locator('.usa-card', { hasText: 'Support requests' }).waitFor();
    await press(page, 'nav a[href="/hart/support"]');
    await expectHeading(page, 'Support requests');
    await press(page, `a[href="${requestPath}"]`);
    await expectHeading(page, 'Support request');
    await page.getByText('Two police departments disagree').waitFor();
    await expectAccessible(page, 'support request (Lead)');
    await typeAt(page, '#reason', 'Needs the State Police and the Chief State’s Attorney.');
    await press(page, '#reason-submit');
    await page.getByRole('status').getByText('Escalated to the Director').waitFor();
    expect(leadTab.problems).toEqual([]);
    await leadTab.context.close();

    const directorTab = await openTab(browser, url);
    page = directorTab.page;
    await keyboardSignIn(page, demoUsername('hart_director'));
    await expectHeading(page, 'HART Director');
    await page.locator('.usa-card', { hasText: 'Escalations' }).getByRole('link').first().waitFor();
    await expectAccessible(page, 'Director home with escalations');
    await press(page, 'nav a[href="/hart/support"]');
    await expectHeading(page, 'Support requests');
    const first = page.locator('tbody tr').first();
    expect(await first.textContent()).toContain('Escalated to the Director');
    await press(page, `a[href="${requestPath}"]`);
    await expectHeading(page, 'Support request');
    await page.getByText('Needs the State Police').waitFor();
    await typeAt(page, '#response', 'I will call the State Police commander today.');
    await press(page, '#response-submit');
    await page.getByRole('status').getByText('Answered by the Director').waitFor();
    await expectAccessible(page, 'support request answered by the Director');
    expect(directorTab.problems).toEqual([]);
    await directorTab.context.close();
  });
});

describe('local HART teams, by keyboard alone', () => {
  it('[LD-1] the HART Lead adds a member to an office’s team and records a meeting', async () => {
    const { context, page, problems } = await openTab(browser, url);
    await keyboardSignIn(page, demoUsername('hart_lead'));
    await press(page, 'nav a[href="/hart/teams"]');
    await expectHeading(page, 'Local HART teams');
    await page.locator('#team-hfd').waitFor();
    await expectAccessible(page, 'teams page (Lead)');
    const before = await page.locator('section[aria-labelledby="team-hfd"] tbody tr').count();
    await tabTo(page, '#hfd-userId', 400);
    await page.keyboard.press('ArrowDown');
    await typeAt(page, '#hfd-teamRole', 'School liaison');
    await press(page, '#hfd-add-submit');
    await page.getByText('The member is added.').waitFor();
    await page.locator('section[aria-labelledby="team-hfd"] tbody tr', { hasText: 'School liaison' }).waitFor();
    expect(await page.locator('section[aria-labelledby="team-hfd"] tbody tr').count()).toBe(before + 1);
    await press(page, '#hfd-attendeeIds', 'Space');
    await typeAt(page, '#hfd-notes', 'Planned the hotel outreach with the police department.');
    await press(page, '#hfd-meeting-submit');
    await page.getByText('The meeting is recorded.').waitFor();
    await page.getByText('Planned the hotel outreach with the police department.').waitFor();
    await expectAccessible(page, 'teams page after a meeting');
    expect(problems).toEqual([]);
    await context.close();
  });
});
