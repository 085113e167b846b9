import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Client } from '../test/harness.js';

/** README's first command, exactly as a newcomer runs it: `npm start` builds, seeds and serves. */
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../../..');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-npm-start-'));
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

describe('npm start', () => {
  it('serves Harbor on the embedded database with the demo agency and prints the demo sign-ins', { timeout: 240_000 }, async () => {
    const port = await freePort();
    const env: NodeJS.ProcessEnv = { ...process.env, PORT: String(port), HOST: '127.0.0.1', HARBOR_DATA_DIR: dataDir, LOG_LEVEL: 'warn' };
    delete env['DATABASE_URL'];
    delete env['NODE_ENV'];
    const child = spawn('npm', ['start'], { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const url = `http://127.0.0.1:${port}`;
      let healthy = false;
      for (let i = 0; i < 800 && !healthy && child.exitCode === null; i++) {
        healthy = await fetch(`${url}/healthz`).then((r) => r.ok, () => false);
        if (!healthy) await new Promise((r) => setTimeout(r, 250));
      }
      expect(healthy, out).toBe(true);
      expect(out).toMatch(/Demo sign-ins/);
      expect(out).toMatch(/HART director\s+demo\.hart-director/);
      const page = await fetch(`${url}/`);
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(await page.text()).toMatch(/<div id="root">|id="root"/);
      const c = new Client(url);
      expect((await c.signIn('demo.hart-director', 'harbor-demo-2026')).status).toBe(200);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });
});
