#!/usr/bin/env node
// `npm test`: make sure Chromium and PostgreSQL are there (installing the Debian packages when
// running as root), start a throwaway PostgreSQL server, run the Vitest projects one after another
// (unit; integration on PGlite; integration on PostgreSQL, but for the files that only ever use
// the embedded database; browser), and end with the single line
// `N passed, N failed`. Exit 0 only if nothing failed and something passed.
//
// Plain Node ESM, Node built-ins only.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, chownSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CHROMIUM = '/usr/bin/chromium';
const PG_LIB = '/usr/lib/postgresql';
const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

const log = (msg) => process.stdout.write(`[test] ${msg}\n`);

// ---------------------------------------------------------------------------------------------
// Child processes

/** The child currently running in the foreground, so that a signal can be passed on to it. */
let current = null;

/**
 * Run a command. `capture: true` collects stdout+stderr (printed by the caller on failure);
 * otherwise stdout/stderr are inherited so they stream live. stdin is never inherited (CI has none).
 */
function run(cmd, args, { env = process.env, cwd = ROOT, capture = false } = {}) {
  return new Promise((resolve) => {
    let out = '';
    let child;
    try {
      child = spawn(cmd, args, {
        cwd,
        env,
        stdio: ['ignore', capture ? 'pipe' : 'inherit', capture ? 'pipe' : 'inherit'],
      });
    } catch (err) {
      resolve({ code: 127, out: String(err) });
      return;
    }
    current = child;
    if (capture) {
      child.stdout.on('data', (d) => (out += d));
      child.stderr.on('data', (d) => (out += d));
    }
    child.on('error', (err) => {
      out += `${err.message}\n`;
    });
    child.on('close', (code, signal) => {
      if (current === child) current = null;
      resolve({ code: code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1), out });
    });
  });
}

const shq = (s) => `'${String(s).replace(/'/g, `'\\''`)}'`;

/** Run a PostgreSQL server binary as the `postgres` user when we are root, else as ourselves. */
function runPg(bin, args) {
  if (IS_ROOT) {
    const cmdline = [bin, ...args].map(shq).join(' ');
    // cwd `/`: the postgres user may not be allowed into the repository's directory.
    return run('su', ['-s', '/bin/sh', '-c', cmdline, 'postgres'], { cwd: '/', capture: true });
  }
  return run(bin, args, { cwd: '/', capture: true });
}

// ---------------------------------------------------------------------------------------------
// Cleanup (idempotent; runs on normal exit, on errors and on SIGINT/SIGTERM)

const state = { pgBin: null, pgData: null, pgStarted: false, reportDir: null };
let cleanupPromise = null;

function cleanup() {
  cleanupPromise ??= (async () => {
    if (state.pgStarted && state.pgBin && state.pgData && existsSync(path.join(state.pgData, 'postmaster.pid'))) {
      state.pgStarted = false;
      const r = await runPg(path.join(state.pgBin, 'pg_ctl'), ['-D', state.pgData, '-m', 'fast', '-w', 'stop']);
      if (r.code !== 0) log(`warning: pg_ctl stop failed (exit ${r.code}):\n${r.out.trim()}`);
    }
    for (const dir of [state.pgData, state.reportDir]) {
      if (dir) {
        try {
          rmSync(dir, { recursive: true, force: true });
        } catch (err) {
          log(`warning: could not remove ${dir}: ${err.message}`);
        }
      }
    }
  })();
  return cleanupPromise;
}

const totals = { passed: 0, failed: 0 };
let interrupted = false;

for (const sig of ['SIGINT', 'SIGTERM']) {
  process.on(sig, () => {
    if (interrupted) return; // second signal: cleanup is already under way
    interrupted = true;
    log(`${sig} received: stopping`);
    if (current && current.exitCode === null) {
      try {
        current.kill(sig);
      } catch {
        /* already gone */
      }
    }
    // Give the foreground child a moment to exit before tearing the database down under it.
    setTimeout(async () => {
      await cleanup();
      process.stdout.write(`${totals.passed} passed, ${Math.max(totals.failed, 1)} failed\n`);
      process.exit(1);
    }, 500);
  });
}

// ---------------------------------------------------------------------------------------------
// Prerequisites

function findPgBin() {
  if (!existsSync(PG_LIB)) return null;
  const versions = readdirSync(PG_LIB)
    .filter((v) => existsSync(path.join(PG_LIB, v, 'bin', 'initdb')))
    .sort((a, b) => parseFloat(b) - parseFloat(a) || b.localeCompare(a));
  return versions.length ? path.join(PG_LIB, versions[0], 'bin') : null;
}

/**
 * Install missing Debian packages (a single `apt-get update` per run). Returns false when a
 * package is missing and we are not root (the message names it); as root, a failed install is
 * reported and the suites that need the package are counted as failed later on.
 */
async function ensurePackages(needPostgres) {
  const missing = [];
  if (!existsSync(CHROMIUM)) missing.push('chromium');
  if (needPostgres && !findPgBin()) missing.push('postgresql');
  if (missing.length === 0) return true;

  if (!IS_ROOT) {
    log(`missing prerequisites; install the Debian package(s): sudo apt-get install ${missing.join(' ')}`);
    return false;
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  log(`installing Debian package(s): ${missing.join(' ')}`);
  const upd = await run('apt-get', ['-q', 'update'], { env, capture: true });
  if (upd.code !== 0) log(`warning: apt-get update failed (exit ${upd.code}):\n${upd.out.trim().slice(-2000)}`);
  const inst = await run('apt-get', ['-q', 'install', '-y', ...missing], {
    env,
    capture: true,
  });
  if (inst.code !== 0) log(`apt-get install failed (exit ${inst.code}):\n${inst.out.trim().slice(-2000)}`);
  return true; // root: carry on; whatever is still missing makes its suite fail below
}

function portFree(port) {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

function osPort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Start a throwaway PostgreSQL server. Returns { url, adminUrl } or throws with a reason. */
async function startPostgres() {
  const bin = findPgBin();
  if (!bin) throw new Error(`no ${PG_LIB}/*/bin/initdb (Debian package: postgresql)`);
  state.pgBin = bin;

  const data = mkdtempSync(path.join(os.tmpdir(), 'harbor-pg-'));
  state.pgData = data;
  if (IS_ROOT) {
    const uid = Number((await run('id', ['-u', 'postgres'], { capture: true })).out.trim());
    const gid = Number((await run('id', ['-g', 'postgres'], { capture: true })).out.trim());
    if (!Number.isInteger(uid) || !Number.isInteger(gid)) throw new Error('no `postgres` user');
    chownSync(data, uid, gid);
  }

  const init = await runPg(path.join(bin, 'initdb'), [
    '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C.UTF-8',
  ]);
  if (interrupted) throw new Error('interrupted');
  if (init.code !== 0) throw new Error(`initdb failed (exit ${init.code}):\n${init.out.trim()}`);

  const port = (await portFree(55432)) ? 55432 : await osPort();
  const opts = `-h 127.0.0.1 -p ${port} -k "${data}" -c max_connections=200`;
  if (interrupted) throw new Error('interrupted');
  // Set before starting: an interrupted or failed start may still leave a server behind, which
  // cleanup then stops (it checks for postmaster.pid).
  state.pgStarted = true;
  const start = await runPg(path.join(bin, 'pg_ctl'), ['-D', data, '-l', path.join(data, 'log'), '-o', opts, '-w', 'start']);
  if (start.code !== 0) {
    let serverLog = '';
    try {
      serverLog = readFileSync(path.join(data, 'log'), 'utf8').trim().slice(-2000);
    } catch {
      /* no log */
    }
    throw new Error(`pg_ctl start failed (exit ${start.code}):\n${start.out.trim()}\n${serverLog}`);
  }

  const psql = await run(
    path.join(bin, 'psql'),
    [
      '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres',
      '-c', 'CREATE ROLE harbor_app LOGIN',
      '-c', 'CREATE DATABASE harbor_test OWNER harbor_app',
    ],
    { capture: true },
  );
  if (psql.code !== 0) throw new Error(`creating role/database failed (exit ${psql.code}):\n${psql.out.trim()}`);

  log(`PostgreSQL (${path.basename(path.dirname(bin))}) running on 127.0.0.1:${port}`);
  return {
    url: `postgres://harbor_app@127.0.0.1:${port}/harbor_test`,
    adminUrl: `postgres://postgres@127.0.0.1:${port}/harbor_test`,
  };
}

// ---------------------------------------------------------------------------------------------
// Suites

const results = [];

function record(name, passed, failed, seconds, note) {
  results.push({ name, passed, failed, seconds, note });
  totals.passed += passed;
  totals.failed += failed;
}

/**
 * Integration files that never touch PostgreSQL, whatever TEST_DATABASE_URL says: the embedded
 * database's folder lock and the `harbor` command and `npm start` on a data folder. The
 * PostgreSQL pass leaves them out; it would only run them on PGlite a second time (about two
 * minutes of the pass).
 */
const EMBEDDED_ONLY = ['packages/server/src/db/lock.int.test.ts', 'packages/server/src/cli/cli.int.test.ts', 'packages/server/src/cli/npm-start.int.test.ts'];

/** `--exclude` for each EMBEDDED_ONLY file, unless it has come to use the test database since. */
function embeddedOnlyExcludes() {
  return EMBEDDED_ONLY.flatMap((file) => {
    let text = '';
    try {
      text = readFileSync(path.join(ROOT, file), 'utf8');
    } catch {
      return [];
    }
    if (/createTestDatabase|startTestServer|onPostgres/.test(text)) {
      log(`${file} now uses the test database: it runs on PostgreSQL too (take it off EMBEDDED_ONLY)`);
      return [];
    }
    return ['--exclude', file];
  });
}

async function runSuite(name, project, env, extraArgs = []) {
  if (interrupted) return;
  const report = path.join(state.reportDir, `${name.replace(/[^a-z0-9]+/gi, '-').replace(/-+$/, '')}.json`);
  log(`suite ${name}: vitest --project ${project}`);
  const t0 = Date.now();
  const r = await run(
    'npx',
    [
      'vitest', 'run', '--project', project, '--passWithNoTests',
      '--reporter=default', '--reporter=json', `--outputFile.json=${report}`,
      ...extraArgs,
    ],
    { env },
  );
  const seconds = (Date.now() - t0) / 1000;
  if (interrupted) return;

  let json = null;
  try {
    json = JSON.parse(readFileSync(report, 'utf8'));
  } catch {
    /* crashed before writing the report */
  }
  if (!json) {
    record(name, 0, 1, seconds, `crashed (exit ${r.code}) without writing a report`);
    return;
  }
  const passed = Number(json.numPassedTests) || 0;
  let failed = Number(json.numFailedTests) || 0;
  let note;
  if (r.code !== 0 && failed === 0) {
    failed = 1;
    note = `exit ${r.code} with no failed test (unhandled error or failed test file)`;
  }
  record(name, passed, failed, seconds, note);
}

function childEnv(extra, drop = []) {
  const env = { ...process.env, ...extra };
  for (const k of ['TEST_DATABASE_URL', 'TEST_DATABASE_ADMIN_URL', 'HARBOR_TEST_DB_LABEL', ...drop]) {
    if (!(k in extra)) delete env[k];
  }
  return env;
}

async function main() {
  const externalDb = process.env.TEST_DATABASE_URL;
  if (!(await ensurePackages(!externalDb))) {
    process.exitCode = 1;
    return false;
  }

  state.reportDir = mkdtempSync(path.join(os.tmpdir(), 'harbor-test-'));

  let db = null;
  let dbError = null;
  if (externalDb) {
    db = { url: externalDb, adminUrl: process.env.TEST_DATABASE_ADMIN_URL };
    log('using TEST_DATABASE_URL from the environment');
  } else {
    try {
      db = await startPostgres();
    } catch (err) {
      dbError = err.message;
      log(`PostgreSQL unavailable: ${dbError}`);
    }
  }

  await runSuite('unit', 'unit', childEnv({}));
  await runSuite('integration (pglite)', 'integration', childEnv({ HARBOR_TEST_DB_LABEL: 'pglite' }));
  if (db) {
    const extra = { TEST_DATABASE_URL: db.url, HARBOR_TEST_DB_LABEL: 'postgres' };
    if (db.adminUrl) extra.TEST_DATABASE_ADMIN_URL = db.adminUrl;
    await runSuite('integration (postgres)', 'integration', childEnv(extra), embeddedOnlyExcludes());
  } else if (!interrupted) {
    record('integration (postgres)', 0, 1, 0, 'not run: PostgreSQL could not be started');
  }
  if (existsSync(CHROMIUM)) {
    await runSuite('browser', 'browser', childEnv({ CHROMIUM_PATH: CHROMIUM }));
  } else if (!interrupted) {
    record('browser', 0, 1, 0, `not run: ${CHROMIUM} missing (Debian package: chromium)`);
  }
  return true;
}

let ran = false;
try {
  ran = await main();
} catch (err) {
  log(`error: ${err?.stack ?? err}`);
  totals.failed += 1;
}
if (interrupted) {
  await new Promise(() => {}); // the signal handler finishes up and exits
}
await cleanup();

if (ran || results.length) {
  process.stdout.write('\n');
  const w = Math.max(...results.map((r) => r.name.length), 5);
  for (const r of results) {
    process.stdout.write(
      `${r.name.padEnd(w)}  ${String(r.passed).padStart(5)} passed  ${String(r.failed).padStart(4)} failed  ` +
        `${r.seconds.toFixed(1).padStart(7)}s${r.note ? `  (${r.note})` : ''}\n`,
    );
  }
}
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed\n`);
process.exit(totals.failed === 0 && totals.passed > 0 ? 0 : 1);
