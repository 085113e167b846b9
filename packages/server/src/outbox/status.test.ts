import { describe, expect, it } from 'vitest';
import { afterFailure, backoffMs, classifyFailure, statusLabels, outboxStatuses } from './status.js';

const minute = 60_000;

describe('back-off', () => {
  it('doubles from one minute and stops at one hour', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 20, 1000].map((n) => backoffMs(n) / minute)).toEqual([1, 2, 4, 8, 16, 32, 60, 60, 60, 60]);
  });

  it('treats nonsense attempt counts as the first', () => {
    expect(backoffMs(0)).toBe(minute);
    expect(backoffMs(-3)).toBe(minute);
    expect(backoffMs(2.7)).toBe(2 * minute);
  });

  it('retries until the last attempt, then fails for good and escalates', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const transient = { permanent: false, summary: 'ECONNECTION mail server unreachable' };
    expect(afterFailure(1, 3, transient, now)).toEqual({ status: 'failed_retrying', nextAttemptAt: new Date(now.getTime() + minute), escalate: false });
    expect(afterFailure(2, 3, transient, now)).toEqual({ status: 'failed_retrying', nextAttemptAt: new Date(now.getTime() + 2 * minute), escalate: false });
    expect(afterFailure(3, 3, transient, now)).toEqual({ status: 'failed', nextAttemptAt: null, escalate: true });
    expect(afterFailure(1, 3, { permanent: true, summary: 'SMTP 550 permanent rejection' }, now)).toMatchObject({ status: 'failed_retrying', escalate: true });
  });

  it('[CL-4] escalates a notice still failing after the third attempt, while the retries go on', () => {
    const now = new Date('2026-03-02T12:00:00Z');
    const transient = { permanent: false, summary: 'ECONNECTION mail server unreachable' };
    expect(afterFailure(2, 10, transient, now)).toMatchObject({ status: 'failed_retrying', escalate: false });
    expect(afterFailure(3, 10, transient, now)).toMatchObject({ status: 'failed_retrying', escalate: true });
    expect(afterFailure(3, 10, transient, now, 5)).toMatchObject({ escalate: false });
  });
});

describe('classifying a sending failure', () => {
  it('keeps the reply code and its class, never the text', () => {
    const refused = Object.assign(new Error('550 5.1.1 <jane.doe@police.example>: Recipient address rejected'), { code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 <jane.doe@police.example>' });
    expect(classifyFailure(refused)).toEqual({ permanent: true, summary: 'SMTP 550 permanent rejection (EENVELOPE)' });
    expect(classifyFailure(Object.assign(new Error('451 try later'), { responseCode: 451 }))).toEqual({ permanent: false, summary: 'SMTP 451 temporary failure' });
    expect(classifyFailure(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' }))).toEqual({ permanent: false, summary: 'ESOCKET mail server unreachable or connection failed' });
  });

  it('drops a code that is not a plain error code, and anything unknown', () => {
    expect(classifyFailure(Object.assign(new Error('x'), { code: 'jane.doe@police.example' }))).toEqual({ permanent: false, summary: 'UNKNOWN sending failed' });
    expect(classifyFailure(Object.assign(new Error('x'), { responseCode: 99999 }))).toEqual({ permanent: false, summary: 'UNKNOWN sending failed' });
    expect(classifyFailure(null).summary).toBe('UNKNOWN sending failed');
    expect(classifyFailure('a string').permanent).toBe(false);
  });
});

describe('status labels', () => {
  it('labels every status, and a held message as not sent', () => {
    for (const s of outboxStatuses) expect(statusLabels[s]).toBeTruthy();
    expect(statusLabels.held_no_transport).toBe('Not sent — no mail server configured');
  });
});
