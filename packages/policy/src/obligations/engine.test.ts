import { describe, expect, it } from 'vitest';
import { weekendsOnly } from '../time/calendar.js';
import { checkRules, matches, obligationsFor, type ObligationRule } from './engine.js';

describe('obligation engine', () => {
  it('tests facts with equals, not, all and at least one; a missing fact equals nothing', () => {
    const facts = { a: true, b: 'x', c: null };
    expect(matches({ fact: 'a', equals: true }, facts)).toBe(true);
    expect(matches({ fact: 'c', equals: null }, facts)).toBe(true);
    expect(matches({ fact: 'missing', equals: null }, facts)).toBe(false);
    expect(matches({ not: { fact: 'b', equals: 'y' } }, facts)).toBe(true);
    expect(matches({ all: [{ fact: 'a', equals: true }, { fact: 'b', equals: 'y' }] }, facts)).toBe(false);
    expect(matches({ atLeastOne: [{ fact: 'a', equals: false }, { fact: 'b', equals: 'x' }] }, facts)).toBe(true);
  });

  it('uses the time zone it is given: 1 business day from 05:00 UTC on a Saturday in June', () => {
    const rule: ObligationRule = { code: 'r', clause: 'XX-1', on: 'e', subject: 'case', owner: { role: 'supervisor' }, due: { kind: 'business_days', days: 1 }, completes: 'done' };
    const event = { kind: 'e', at: new Date('2025-06-07T05:00:00Z'), subjects: { case: 'k' } };
    // New York: Saturday 01:00 -> Monday 01:00 EDT. Los Angeles: still Friday 22:00 -> Monday 22:00 PDT.
    expect(obligationsFor(event, [rule], weekendsOnly)[0]?.dueAt.toISOString()).toBe('2025-06-09T05:00:00.000Z');
    expect(obligationsFor(event, [rule], weekendsOnly, 'America/Los_Angeles')[0]).toMatchObject({
      dueAt: new Date('2025-06-10T05:00:00.000Z'),
      owner: { kind: 'role', role: 'supervisor', officeId: null },
    });
  });

  it('checkRules names duplicate codes and malformed clause IDs', () => {
    const r: ObligationRule = { code: 'r', clause: 'HL1', on: 'e', subject: 'case', owner: { role: 'supervisor' }, due: { kind: 'immediately' }, completes: 'done' };
    expect(checkRules([r, r])).toEqual(['r: clause HL1 is not a clause ID', 'Duplicate rule code r', 'r: clause HL1 is not a clause ID']);
  });
});
