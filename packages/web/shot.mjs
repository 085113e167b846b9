// node shot.mjs <username> <path>... : signs in on http://127.0.0.1:3777 and writes full-page screenshots to /work/notes/shots/
import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
const [user, ...paths] = process.argv.slice(2);
const base = process.env.BASE ?? 'http://127.0.0.1:3777';
mkdirSync('/work/notes/shots', { recursive: true });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium' });
const page = await browser.newPage({ baseURL: base, viewport: { width: 1280, height: 900 } });
await page.goto('/sign-in');
await page.fill('#username', user);
await page.fill('#password', process.env.PW ?? 'harbor-demo-2026');
await page.keyboard.press('Enter');
await page.waitForURL((u) => !u.pathname.startsWith('/sign-in'));
for (const p of paths) {
  await page.goto(p);
  await page.waitForTimeout(1500);
  const name = `${user}${p.replace(/[^a-z0-9]+/gi, '_')}.png`;
  await page.screenshot({ path: `/work/notes/shots/${name}`, fullPage: true });
  console.log(name, (await page.locator('main h1').first().textContent().catch(() => '?')));
}
await browser.close();
