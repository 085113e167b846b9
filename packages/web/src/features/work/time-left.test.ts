import { describe, expect, it } from 'vitest';
import { en } from '../../i18n/en';
import { es } from '../../i18n/es';
import { timeLeft } from './time-left';

const now = Date.parse('2026-03-06T15:00:00Z');
const at = (ms: number) => new Date(now + ms).toISOString();
const h = 3_600_000;

describe('time left on a duty', () => {
  it('says minutes, hours or days, ahead or behind', () => {
    expect(timeLeft(at(5 * h + 20 * 60_000), now, en.work)).toEqual({ text: 'Due in 5 h', overdue: false });
    expect(timeLeft(at(-50 * h), now, en.work)).toEqual({ text: 'Overdue by 2 days', overdue: true });
    expect(timeLeft(at(-25 * 60_000), now, en.work)).toEqual({ text: 'Overdue by 25 min', overdue: true });
    expect(timeLeft(at(10_000), now, en.work)).toEqual({ text: 'Due now', overdue: false });
    expect(timeLeft(at(-30 * h), now, es.work).text).toBe('Vencido hace 30 h');
  });
});
