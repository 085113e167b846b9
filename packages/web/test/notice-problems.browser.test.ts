import net from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsername, expectAccessible, expectHeading, launchBrowser, openTab, signIn, tabTo } from './browser';
import { startHarbor, type Harbor } from './support';

/**
 * CL-4: "a failure stays visible and is escalated to the Careline supervisor". Harbor here has a
 * mail server that refuses connections (a port nobody listens on), so every notice of the demo
 * week fails; after the first failed attempt it is escalated, and the Careline supervisor sees it
 * on their home page and on the list, by keyboard.
 */
let harbor: Harbor;
let browser: Browser;

async function closedPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

beforeAll(async () => {
  const port = await closedPort();
  [harbor, browser] = await Promise.all([
    startHarbor({ SMTP_URL: `smtp://127.0.0.1:${port}?tls=off`, HARBOR_OUTBOX_ESCALATE_AFTER: '1', HARBOR_OUTBOX_POLL_SECONDS: '1' }),
    launchBrowser(),
  ]);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await harbor?.stop();
});

describe('notices not delivered (CL-4)', () => {
  it('[CL-4] the Careline supervisor sees failing notices on their home page and opens the list by keyboard', async () => {
    const { page, context, problems } = await openTab(browser, harbor.url);
    await signIn(page, demoUsername('careline_supervisor'));
    // The delivery worker tries every demo notice once a second's pass at a time; the card counts them.
    const card = page.locator('.usa-card', { hasText: 'Notices not delivered' });
    await card.waitFor();
    // One small page read: past it, the card says "or more" (issue 11).
    const counted = card.getByText(/^\d+ notices?( or more)?$/);
    for (let i = 0; i < 20; i++) {
      const shown = await counted.waitFor({ timeout: 3000 }).then(() => true, () => false);
      if (shown) break;
      await page.reload();
    }
    expect(await counted.count(), 'the card counts the failing notices').toBe(1);
    await tabTo(page, '.usa-card__footer a[href="/referrals/notice-problems"]');
    await page.keyboard.press('Enter');
    await expectHeading(page, 'Notices not delivered');
    const rows = page.locator('main table tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBeGreaterThan(0);
    const first = (await rows.first().textContent()) ?? '';
    expect(first).toMatch(/R-\d{4}-\d{6}/);
    expect(first).toMatch(/Failed — (retrying|escalated)/);
    expect(first, 'the error says what kind of failure, never the server’s words').toMatch(/ECONNECTION|ESOCKET|mail server unreachable/);
    await expectAccessible(page, 'notices not delivered');
    // The referral number leads to the referral, where the same notice shows as failing.
    await tabTo(page, 'main table tbody tr a');
    await page.keyboard.press('Enter');
    await page.locator('table.harbor-notices', { hasText: 'Failed' }).waitFor();
    expect(problems).toEqual([]);
    await context.close();
  });
});
