import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lockFileName } from '../db/lock.js';
import { Client } from '../test/harness.js';

/**
 * The `harbor` command as an operator runs it, in real processes on a real embedded database
 * folder: the first administrator, start, graceful shutdown.
 */
const bin = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../bin/harbor.js');
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-cli-'));
// Production needs its keys from the operator (R2); the tests' are synthetic.
const keys = { HARBOR_DATA_KEY: 'cli-test-data-key-of-at-least-32-characters', HARBOR_SECRET_KEY: 'cli-test-link-key-of-at-least-32-characters' };
const env = { ...process.env, HARBOR_DATA_DIR: dataDir, NODE_ENV: 'production', LOG_LEVEL: 'warn', DATABASE_URL: '', ...keys };

function harbor(args: string[], input?: string) {
  return spawnSync(process.execPath, [bin, ...args], { env, input, encoding: 'utf8', timeout: 120_000 });
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const a = s.address();
      s.close(() => resolve(typeof a === 'object' && a ? a.port : 0));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('server did not become healthy');
}

afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
});

describe('harbor command line', () => {
  beforeAll(() => {
    const r = harbor(['migrate']);
    expect(r.status, r.stderr).toBe(0);
  });

  it('refuses every command in production without HARBOR_DATA_KEY and HARBOR_SECRET_KEY, naming both and the fix', () => {
    const r = spawnSync(process.execPath, [bin, 'migrate'], { env: { ...env, HARBOR_DATA_KEY: '', HARBOR_SECRET_KEY: '' }, encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/production mode .* needs HARBOR_DATA_KEY .* and HARBOR_SECRET_KEY .*npm start/);
  });

  it('refuses to seed the demo agency in production', () => {
    const r = harbor(['seed']);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Demo seeding is off/);
  });

  it('names the field when the first administrator is given a bad password, and creates nothing', () => {
    const r = harbor(['user', 'add', '--username', 'first.admin', '--name', 'First Administrator', '--role', 'administrator', '--office', 'CO', '--password-stdin'], 'short\n');
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/password: Use at least 12 characters/);
  });

  it('creates the first administrator, who then signs in to the started server; SIGTERM shuts it down cleanly', { timeout: 240_000 }, async () => {
    const add = harbor(
      ['user', 'add', '--username', 'first.admin', '--name', 'First Administrator', '--role', 'administrator', '--office', 'co', '--password-stdin'],
      'a-long-enough-passphrase\n',
    );
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/Created first\.admin \(administrator\) in Central Office/);
    expect(add.stdout + add.stderr).not.toContain('a-long-enough-passphrase');

    const port = await freePort();
    const child = spawn(process.execPath, [bin, 'start', '--port', String(port)], { env: { ...env, HOST: '127.0.0.1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitForHealth(url, child);
      expect(fs.existsSync(path.join(dataDir, lockFileName))).toBe(true);
      // Production: no demo sign-ins are printed or seeded.
      expect(out).not.toMatch(/Demo sign-ins/);
      const c = new Client(url);
      const signIn = await c.signIn('first.admin', 'a-long-enough-passphrase');
      expect(signIn.status).toBe(200);
      const demo = await new Client(url).signIn('demo.administrator', 'harbor-demo-2026');
      expect(demo.status).toBe(401);
    } finally {
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    }
    // The lock is released and the data is intact for the next command.
    expect(fs.existsSync(path.join(dataDir, lockFileName))).toBe(false);
    const verify = harbor(['audit', 'verify']);
    expect(verify.status, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Audit chain intact: \d+ rows verified/);
    expect(out).not.toContain('a-long-enough-passphrase');
  });
});
