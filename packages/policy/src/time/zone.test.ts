import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { instantFromLocal, localParts, offsetAt } from './zone.js';

const ny = 'America/New_York';

describe('local time in a zone', () => {
  it('reads wall-clock parts in New York either side of the spring change', () => {
    expect(localParts(new Date('2025-03-09T06:59:59.500Z'), ny)).toEqual({ year: 2025, month: 3, day: 9, hour: 1, minute: 59, second: 59, millisecond: 500 });
    expect(localParts(new Date('2025-03-09T07:00:00Z'), ny)).toMatchObject({ hour: 3, minute: 0 });
    expect(offsetAt(new Date('2025-01-15T12:00:00Z'), ny)).toBe(-5 * 3_600_000);
    expect(offsetAt(new Date('2025-07-15T12:00:00Z'), ny)).toBe(-4 * 3_600_000);
  });

  it('builds an instant from local parts, moving a time in the spring gap forward by the gap', () => {
    const at = (hour: number, minute: number, day = 9, month = 3) =>
      instantFromLocal({ year: 2025, month, day, hour, minute, second: 0, millisecond: 0 }, ny).toISOString();
    expect(at(10, 0)).toBe('2025-03-09T14:00:00.000Z');
    expect(at(2, 30)).toBe('2025-03-09T07:30:00.000Z'); // 03:30 EDT
    expect(at(1, 30, 2, 11)).toBe('2025-11-02T05:30:00.000Z'); // the first 01:30 (EDT) of the overlap
    expect(at(3, 0, 2, 11)).toBe('2025-11-02T08:00:00.000Z');
  });

  it('works in another IANA zone', () => {
    expect(instantFromLocal({ year: 2025, month: 3, day: 30, hour: 2, minute: 30, second: 0, millisecond: 0 }, 'Europe/Paris').toISOString()).toBe('2025-03-30T01:30:00.000Z');
    expect(() => localParts(new Date(0), 'Mars/Olympus')).toThrow(RangeError);
  });

  it('round-trips any instant through its local parts (property)', () => {
    fc.assert(
      fc.property(fc.date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true }), (d) => {
        const back = instantFromLocal(localParts(d, ny), ny);
        // Equal, except the second pass of the fall-back hour, which maps to its first pass.
        const diff = d.getTime() - back.getTime();
        expect(diff === 0 || diff === 3_600_000).toBe(true);
        expect(localParts(back, ny)).toEqual(localParts(d, ny));
      }),
      { numRuns: 2000 },
    );
  });
});
