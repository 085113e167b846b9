import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireDataDirLock, DataDirLockedError, lockFileName } from './lock.js';

const dirs: string[] = [];
const tempDir = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'harbor-lock-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('embedded database folder lock', () => {
  it('writes the holder and removes the lock on release', () => {
    const dir = tempDir();
    const lock = acquireDataDirLock(dir, 'harbor start');
    const holder = JSON.parse(fs.readFileSync(path.join(dir, lockFileName), 'utf8')) as { pid: number; command: string };
    expect(holder.pid).toBe(process.pid);
    expect(holder.command).toBe('harbor start');
    lock.release();
    expect(fs.existsSync(path.join(dir, lockFileName))).toBe(false);
  });

  it('refuses a folder held by a live process and names it', () => {
    const dir = tempDir();
    // The parent of this test process is alive for the whole test.
    fs.writeFileSync(path.join(dir, lockFileName), JSON.stringify({ pid: process.ppid, host: os.hostname(), command: 'harbor start', since: 'earlier' }));
    expect(() => acquireDataDirLock(dir, 'harbor migrate')).toThrow(DataDirLockedError);
    expect(() => acquireDataDirLock(dir, 'harbor migrate')).toThrow(new RegExp(`process ${process.ppid} \\(harbor start`));
  });

  it('takes over a lock left by a process that is gone', () => {
    const dir = tempDir();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    fs.writeFileSync(path.join(dir, lockFileName), JSON.stringify({ pid: Number(gone.stdout), host: os.hostname(), command: 'harbor start', since: 'earlier' }));
    const lock = acquireDataDirLock(dir, 'harbor start');
    expect(JSON.parse(fs.readFileSync(path.join(dir, lockFileName), 'utf8'))).toMatchObject({ pid: process.pid });
    lock.release();
  });
});
