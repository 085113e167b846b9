import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime } from './format';

describe('dates and times as the agency reads them', () => {
  it('shows a due time to the minute, in Connecticut time with its zone', () => {
    // 14:05:42 UTC on a winter day is 9:05 in the morning, Eastern Standard Time.
    expect(formatDateTime('2026-12-07T14:05:42Z', 'en')).toBe('Dec 7, 2026, 9:05 AM EST');
    // In summer the same UTC time is an hour later on the clock, EDT.
    expect(formatDateTime('2026-07-07T14:05:42Z', 'en')).toBe('Jul 7, 2026, 10:05 AM EDT');
  });

  it('keeps the seconds where the order within a minute matters (audit trail, outgoing mail)', () => {
    expect(formatDateTime('2026-12-07T14:05:42Z', 'en', { seconds: true })).toBe('Dec 7, 2026, 9:05:42 AM EST');
  });

  it('writes a calendar date without shifting it across the time zone', () => {
    expect(formatDate('2011-09-14', 'en')).toBe('September 14, 2011');
  });
});
