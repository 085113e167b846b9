import { describe, expect, it } from 'vitest';
import { backoffMs, backoffStartsAt, throttleKey } from './throttle.js';

describe('sign-in back-off', () => {
  it('lets the first failures through at once, then doubles the wait up to a minute', () => {
    for (let f = 0; f < backoffStartsAt; f++) expect(backoffMs(f)).toBe(0);
    expect(backoffMs(backoffStartsAt)).toBe(1000);
    expect(backoffMs(backoffStartsAt + 1)).toBe(2000);
    expect(backoffMs(backoffStartsAt + 2)).toBe(4000);
    expect(backoffMs(backoffStartsAt + 20)).toBe(60_000);
  });

  it('keys the throttle by username without storing it, ignoring case', () => {
    expect(throttleKey('Demo.Admin')).toBe(throttleKey('demo.admin'));
    expect(throttleKey('demo.admin')).not.toContain('demo');
  });
});
