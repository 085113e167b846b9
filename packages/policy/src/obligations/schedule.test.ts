import { describe, expect, it } from 'vitest';
import { escalationStart, scheduleAt, type DutyClock } from './schedule.js';

const h = 3_600_000;
const due = new Date('2026-03-06T15:00:00Z');
const s = { remindBeforeMs: 24 * h, escalateEveryMs: 24 * h };
const at = (hoursFromDue: number) => new Date(due.getTime() + hoursFromDue * h);
const duty = (d: Partial<DutyClock> = {}): DutyClock => ({ dueAt: due, state: 'open', remindedAt: null, escalationLevel: 0, immediate: false, start: 1, ...d });

describe('the scheduler’s steps for a duty', () => {
  it('looks again at the start of the reminder window when it is not yet inside it', () => {
    expect(scheduleAt(duty(), at(-48), s)).toEqual({ steps: [], nextCheckAt: at(-24) });
  });
  it('reminds once inside the window, then waits for the due time', () => {
    expect(scheduleAt(duty(), at(-3), s)).toEqual({ steps: [{ kind: 'remind' }], nextCheckAt: due });
    expect(scheduleAt(duty({ remindedAt: at(-3) }), at(-2), s)).toEqual({ steps: [], nextCheckAt: due });
  });
  it('never reminds an immediate duty: it is due', () => {
    expect(scheduleAt(duty({ immediate: true }), at(0), s).steps).toEqual([{ kind: 'overdue' }]);
  });
  it('[HL-1] marks an unheld duty overdue at its due time and escalates a step per interval up to the Director', () => {
    expect(scheduleAt(duty({ remindedAt: at(-20) }), at(0), s)).toEqual({ steps: [{ kind: 'overdue' }], nextCheckAt: at(24) });
    expect(scheduleAt(duty({ state: 'overdue', remindedAt: at(-20) }), at(24), s)).toEqual({ steps: [{ kind: 'escalate', level: 1 }], nextCheckAt: at(48) });
    expect(scheduleAt(duty({ state: 'overdue', escalationLevel: 2 }), at(72), s)).toEqual({ steps: [{ kind: 'escalate', level: 3 }], nextCheckAt: null });
  });
  it('[HL-1] a liaison’s duty starts its chain at the HART Lead; a Lead’s at the Director; the Director’s has none', () => {
    expect(escalationStart(['hart_liaison'])).toBe(2);
    expect(escalationStart(['hart_lead'])).toBe(3);
    expect(escalationStart(['hart_director'])).toBeNull();
    expect(escalationStart(['investigation_worker'])).toBe(1);
    expect(scheduleAt(duty({ state: 'overdue', start: 2 }), at(24), s)).toEqual({ steps: [{ kind: 'escalate', level: 2 }], nextCheckAt: at(48) });
    expect(scheduleAt(duty({ state: 'overdue', start: null }), at(100), s)).toEqual({ steps: [], nextCheckAt: null });
  });
  it('catches up every step owed after a pause, and owes nothing when asked again at the same instant', () => {
    const first = scheduleAt(duty(), at(80), s);
    expect(first.steps.map((x) => (x.kind === 'escalate' ? x.level : x.kind))).toEqual(['overdue', 1, 2, 3]);
    expect(scheduleAt(duty({ state: 'overdue', escalationLevel: 3 }), at(80), s)).toEqual({ steps: [], nextCheckAt: null });
  });
});
