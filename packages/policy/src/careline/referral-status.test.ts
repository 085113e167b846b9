import { describe, expect, it } from 'vitest';
import { referralNumber } from './referral-status.js';

describe('referral numbers', () => {
  it('are the year and a six-digit sequence', () => {
    expect(referralNumber(2026, 123)).toBe('R-2026-000123');
    expect(referralNumber(2027, 1_234_567)).toBe('R-2027-1234567');
    expect(() => referralNumber(2026, 0)).toThrow(RangeError);
  });
});
