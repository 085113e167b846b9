import { describe, expect, it } from 'vitest';
import { systemActor } from '../access/index.js';
import { createVault } from '../crypto/index.js';
import type { SystemRepository } from '../data/index.js';
import { schedulerReason, startSchedulerWorker } from '../obligations/index.js';
import { deriveLinkKeys, startDeliveryWorker, type MailTransport } from '../outbox/index.js';
import { errorForLog, requestStrings } from './logger.js';

/**
 * Unexpected errors reach the log with their message and stack, so they can be found and fixed,
 * and without the personal data their words may quote (a failed query's parameters, a value
 * PostgreSQL quotes back, anything the request carried).
 */
const child = 'Xanthippe Quarrington';

/** A failed query as Drizzle reports it, caused by PostgreSQL's refusal of a value. */
function failedQuery(): Error {
  const pg = Object.assign(new Error(`invalid input syntax for type uuid: "${child}"`), {
    code: '22P02',
    detail: `Failing row contains (${child}, 2012-02-02)`,
    where: `unnamed portal parameter $1 = '${child}'`,
  });
  return Object.assign(new Error(`Failed query: select "id" from "people" where "name" = $1\nparams: ${child},2012-02-02`, { cause: pg }), { name: 'DrizzleQueryError' });
}

describe('errors in the log', () => {
  it('keeps the message, the stack and the cause, without query parameters or quoted values', () => {
    const logged = errorForLog(failedQuery());
    expect(logged.type).toBe('DrizzleQueryError');
    expect(logged.message).toBe('Failed query: select "id" from "people" where "name" = $1\nparams: [not logged]');
    expect(logged.stack).toMatch(/^DrizzleQueryError: Failed query/);
    expect(logged.stack).toMatch(/\n\s+at .*error-log\.test\.ts/);
    expect(logged.cause).toMatchObject({ type: 'Error', code: '22P02', message: 'invalid input syntax for type uuid: "[not logged]"' });
    const all = JSON.stringify(logged);
    for (const secret of ['Xanthippe', 'Quarrington', '2012-02-02', 'Failing row']) expect(all).not.toContain(secret);
  });

  it("takes out every string the request carried, wherever the error's words quote it", () => {
    const strings = requestStrings({ q: 'Quarrington' }, { child: { firstName: 'Xanthippe', aliases: ['Xan the Great'] }, kind: 'child', n: 12 });
    const err = new TypeError('Cannot file Xan the Great (Xanthippe Quarrington) for a child');
    const logged = errorForLog(err, strings);
    expect(logged.message).toBe('Cannot file [not logged] ([not logged] [not logged]) for a [not logged]');
    expect(logged.stack).toMatch(/^TypeError: Cannot file \[not logged\]/);
    expect(JSON.stringify(logged)).not.toMatch(/Xan|Quarrington/);
  });
});

/** A worker's system repository on a database whose every query fails the way a failed query does. */
const brokenRepo = (reason: string): SystemRepository => ({ actor: systemActor(reason), user: null, unit: () => Promise.reject(failedQuery()), lookup: () => Promise.reject(failedQuery()) });

function capture() {
  const lines: { obj: unknown; msg: string | undefined }[] = [];
  let seen: () => void = () => undefined;
  const logged = new Promise<void>((resolve) => {
    seen = resolve;
  });
  const keep = (obj: unknown, msg?: string) => {
    lines.push({ obj, msg });
    seen();
  };
  const noop = () => undefined;
  return { lines, logged, log: { debug: noop, info: noop, warn: keep, error: keep } as never };
}

describe("the workers' failed passes in the log", () => {
  it('logs a failed delivery pass with its message and stack, and no parameters', async () => {
    const { lines, logged, log } = capture();
    const transport: MailTransport = { description: 'none', send: () => Promise.resolve(), close: () => undefined };
    const worker = startDeliveryWorker({
      repo: brokenRepo('outbox'),
      transport,
      options: { vault: createVault('harbor-test-data-key-not-for-real-records'), mailFrom: 'Harbor <h@x.example>', publicUrl: 'http://h.test', timeZone: 'America/New_York', keys: deriveLinkKeys('a-test-secret-that-is-long-enough-for-links'), ackLinkTtlMs: 86_400_000, maxAttempts: 3 },
      clock: { now: () => new Date('2026-03-02T15:00:00Z') },
      pollMs: 60_000,
      log,
    });
    await logged;
    await worker.stop();
    const [line] = lines;
    expect(line!.msg).toBe('outbox delivery pass failed');
    const error = (line!.obj as { error: { type: string; message: string; stack: string } }).error;
    expect(error).toMatchObject({ type: 'DrizzleQueryError', message: expect.stringMatching(/^Failed query: .*\nparams: \[not logged\]$/) });
    expect(error.stack).toMatch(/\n\s+at /);
    expect(JSON.stringify(lines)).not.toMatch(/Xanthippe|2012-02-02/);
  });

  it('logs a failed scheduler pass with its message and stack, and no parameters', async () => {
    const { lines, logged, log } = capture();
    const worker = startSchedulerWorker({
      repo: brokenRepo(schedulerReason),
      ctx: { rules: [] },
      options: { remindBeforeMs: 3_600_000, escalateEveryMs: 3_600_000, publicUrl: 'http://h.test', smtpUrl: null },
      clock: { now: () => new Date('2026-03-02T15:00:00Z') },
      pollMs: 60_000,
      log,
    });
    await logged;
    await worker.stop();
    const [line] = lines;
    expect(line!.msg).toBe('obligation scheduler pass failed');
    const error = (line!.obj as { error: { type: string; message: string; stack: string } }).error;
    expect(error.message).toMatch(/^Failed query: /);
    expect(error.stack).toMatch(/\n\s+at /);
    expect(JSON.stringify(lines)).not.toMatch(/Xanthippe|2012-02-02/);
  });
});
