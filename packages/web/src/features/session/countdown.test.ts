import { describe, expect, it } from 'vitest';
import { announcement, clock } from './countdown';

describe('idle warning countdown', () => {
  it('shows minutes and seconds', () => {
    expect(clock(120_000)).toBe('2:00');
    expect(clock(65_200)).toBe('1:06');
    expect(clock(0)).toBe('0:00');
  });

  it('is spoken at the opening, then at one minute, 30 seconds and 10 seconds only', () => {
    const spoken = new Set<string>();
    for (let ms = 120_000; ms >= 0; ms -= 1000) spoken.add(JSON.stringify(announcement(ms)));
    expect([...spoken]).toEqual(['{"minutes":2}', '{"minutes":1}', '{"seconds":30}', '{"seconds":10}']);
  });
});
