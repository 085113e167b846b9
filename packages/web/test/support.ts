import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The browser tests' world: the web app built once, and the real Harbor server (PGlite in a
 * fresh temporary folder, demo agency seeded on first start) running as a child process.
 */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const webDir = path.join(repoRoot, 'packages/web');
const sources = ['packages/web/src', 'packages/web/public', 'packages/web/index.html', 'packages/web/vite.config.ts', 'packages/policy/src'];

function newestChange(p: string): number {
  if (!fs.existsSync(p)) return 0;
  const stat = fs.statSync(p);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs.readdirSync(p).reduce((max, name) => Math.max(max, newestChange(path.join(p, name))), stat.mtimeMs);
}

/** Builds packages/web/dist when it is missing or older than the sources it is built from. */
export function ensureWebBuilt(): void {
  const index = path.join(webDir, 'dist/index.html');
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  const changedAt = Math.max(...sources.map((s) => newestChange(path.join(repoRoot, s))));
  if (builtAt > changedAt) return;
  console.log('[browser tests] building the web app (npx vite build)');
  // Vitest sets NODE_ENV=test, which Vite would bake into the bundle (React's development build).
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: webDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface Harbor {
  url: string;
  stop: () => Promise<void>;
}

async function waitForHealth(url: string, child: ChildProcess, output: () => string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Harbor exited with ${child.exitCode} before it was ready:\n${output()}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Harbor did not answer /healthz within ${timeoutMs / 1000} s:\n${output()}`);
}

/**
 * Starts `harbor start` on a free port with a fresh embedded database. `env` adds settings
 * (HARBOR_IDLE_MINUTES, for example); none is inherited from the caller's HARBOR_* or DATABASE_URL.
 */
export async function startHarbor(env: Record<string, string> = {}): Promise<Harbor> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-browser-'));
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HARBOR_') && k !== 'DATABASE_URL' && k !== 'PORT'));
  const child = spawn(process.execPath, [path.join(repoRoot, 'packages/server/bin/harbor.js'), 'start', '--port', String(port)], {
    cwd: repoRoot,
    env: { ...inherited, HARBOR_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    }
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForHealth(url, child, () => output, 120_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { url, stop };
}
