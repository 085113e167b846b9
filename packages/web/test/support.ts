import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The browser tests' world: the web app built once, the demo agency seeded once into a template
 * data folder, and for each test file its own real Harbor server (PGlite on a copy of that folder)
 * running as a child process, so test files share no state and run in parallel.
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

const harborBin = path.join(repoRoot, 'packages/server/bin/harbor.js');

/** The environment of a `harbor` child: none of the caller's HARBOR_* or DATABASE_URL. */
function harborEnv(dataDir: string, env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('HARBOR_') && k !== 'DATABASE_URL' && k !== 'PORT'));
  return { ...inherited, HARBOR_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'warn', HOST: '127.0.0.1', ...env };
}

export interface Template {
  dir: string;
  remove: () => void;
}

/**
 * Seeds the demo agency into a new data folder with `harbor seed` (what `harbor start` does on
 * its first start with the default settings), once per run: initdb, migrations and seeding take
 * most of a start, and each test file's server then starts on a copy in a few seconds.
 */
export async function seedTemplate(): Promise<Template> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-browser-template-'));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  const child = spawn(process.execPath, [harborBin, 'seed'], { cwd: repoRoot, env: harborEnv(dir, {}), stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  if (code !== 0) {
    remove();
    throw new Error(`harbor seed exited with ${code}:\n${output}`);
  }
  return { dir, remove };
}

/**
 * Starts `harbor start` on a free port with an embedded database of its own: a copy of
 * `template` (a folder made by seedTemplate) or, without one, a fresh folder seeded on this first
 * start (needed when settings change what the seed writes, SMTP_URL for one). `env` adds settings
 * (HARBOR_IDLE_MINUTES, for example); none is inherited from the caller's HARBOR_* or DATABASE_URL.
 */
export async function startHarbor(env: Record<string, string> = {}, template: string | null = null): Promise<Harbor> {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-browser-'));
  if (template) fs.cpSync(template, dataDir, { recursive: true });
  const child = spawn(process.execPath, [harborBin, 'start', '--port', String(port)], {
    cwd: repoRoot,
    env: harborEnv(dataDir, env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  let stopping = false;
  const exited = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      // A server that dies under a test file: its output says why (the test only sees refused connections).
      if (!stopping) console.error(`[browser tests] Harbor on ${url} exited (${signal ?? code}) while in use:\n${output}`);
      resolve();
    }),
  );
  const stop = async () => {
    stopping = true;
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
