import { describe, expect, it } from 'vitest';
import { responsePriorityTree, type ResponsePriorityTree } from './response-priority-tree.js';
import { applyOverride, checkTree, dueAt, evaluateResponsePriority, type PriorityResult } from './response-priority.js';

const tree = responsePriorityTree;

function evaluate(answers: Record<string, string>): PriorityResult {
  const r = evaluateResponsePriority(tree, answers);
  if (!r.ok) throw new Error(r.message);
  return r.result;
}

describe('response priority (CL-6)', () => {
  it('[CL-6] the tree is sound: every answer leads somewhere, no cycles, all questions reachable', () => {
    expect(checkTree(tree)).toEqual([]);
    expect(JSON.stringify(tree)).not.toMatch(/\bSDM\b|Structured Decision Making/);
  });

  it('[CL-6] a child in danger now is seen within 2 hours, and the path records the answer', () => {
    const result = evaluate({ in_danger_now: 'yes' });
    expect(result).toMatchObject({ outcome: 'within_2_hours', responseHours: 2, treeVersion: tree.version });
    expect(result.path).toEqual([
      { question: 'in_danger_now', questionText: expect.any(String), answer: 'yes', answerLabel: 'Yes' },
    ]);
  });

  it('[CL-6] walks several questions and ignores answers off the path', () => {
    const result = evaluate({ in_danger_now: 'no', missing: 'no', exploiter_access: 'no', medical_need: 'no', protective_caregiver: 'yes', location_lead: 'yes' });
    expect(result.outcome).toBe('within_72_hours');
    expect(result.responseHours).toBe(72);
    expect(result.path.map((p) => p.question)).toEqual(['in_danger_now', 'missing', 'exploiter_access', 'medical_need', 'protective_caregiver']);
    expect(evaluate({ in_danger_now: 'no', missing: 'yes', location_lead: 'no' }).responseHours).toBe(24);
  });

  it('[CL-6] names the first unanswered question, and refuses an answer the question does not offer', () => {
    const r = evaluateResponsePriority(tree, { in_danger_now: 'no', missing: 'no' });
    expect(r).toMatchObject({ ok: false, error: 'unanswered', question: 'exploiter_access', field: 'answers.exploiter_access' });
    const bad = evaluateResponsePriority(tree, { in_danger_now: 'maybe' });
    expect(bad).toMatchObject({ ok: false, error: 'invalid_answer', question: 'in_danger_now' });
  });

  it('[CL-6] response hours are configurable data', () => {
    const faster: ResponsePriorityTree = { ...tree, outcomes: tree.outcomes.map((o) => (o.code === 'within_24_hours' ? { ...o, responseHours: 12 } : o)) };
    const r = evaluateResponsePriority(faster, { in_danger_now: 'no', missing: 'yes', location_lead: 'no' });
    expect(r.ok && r.result.responseHours).toBe(12);
  });

  it('[CL-6] a supervisor override needs a reason and keeps the original outcome on record', () => {
    const original = evaluate({ in_danger_now: 'no', missing: 'no', exploiter_access: 'no', medical_need: 'yes' });
    expect(applyOverride(original, { to: 'within_2_hours', reason: '   ' })).toMatchObject({
      ok: false,
      errors: [{ field: 'override.reason' }],
    });
    expect(applyOverride(original, { to: 'within_24_hours', reason: 'x' }).ok).toBe(false);
    expect(applyOverride(original, { to: 'next_week', reason: 'x' }).ok).toBe(false);
    const first = applyOverride(original, { to: 'within_2_hours', reason: 'Exploiter seen outside the school today' });
    if (!first.ok) throw new Error('override refused');
    expect(first.result).toMatchObject({
      outcome: 'within_2_hours',
      responseHours: 2,
      override: { from: 'within_24_hours', fromHours: 24, to: 'within_2_hours', reason: 'Exploiter seen outside the school today' },
    });
    expect(first.result.path).toEqual(original.path);
    const second = applyOverride(first.result, { to: 'within_72_hours', reason: 'Child now placed safely' });
    expect(second.ok && second.result.override?.from).toBe('within_24_hours');
  });

  it('[CL-6] the child is due to be seen the response hours after receipt, in elapsed hours', () => {
    expect(dueAt('2025-03-08T01:30:00Z', 2).toISOString()).toBe('2025-03-08T03:30:00.000Z');
    // Across the spring daylight-saving change in Connecticut: still 24 real hours.
    expect(dueAt(new Date('2025-03-08T12:00:00-05:00'), 24).toISOString()).toBe('2025-03-09T17:00:00.000Z');
    expect(() => dueAt('not a date', 2)).toThrow();
    expect(() => dueAt('2025-03-08T01:30:00Z', 0)).toThrow();
  });

  it('[CL-6] the tree checker finds a cycle, a dangling answer, a missing start and an unreachable question', () => {
    const broken: ResponsePriorityTree = {
      version: 't',
      start: 'a',
      questions: [
        { code: 'a', text: 'A?', answers: [{ value: 'yes', label: 'Yes', next: { question: 'b' } }, { value: 'no', label: 'No', next: { outcome: 'gone' } }] },
        { code: 'b', text: 'B?', answers: [{ value: 'yes', label: 'Yes', next: { question: 'a' } }, { value: 'no', label: 'No', next: { question: 'zz' } }] },
        { code: 'c', text: 'C?', answers: [{ value: 'yes', label: 'Yes', next: { outcome: 'soon' } }, { value: 'no', label: 'No', next: { outcome: 'soon' } }] },
      ],
      outcomes: [{ code: 'soon', label: 'Soon', responseHours: 0 }],
    };
    const problems = checkTree(broken).join('\n');
    expect(problems).toMatch(/Cycle: a -> b -> a/);
    expect(problems).toMatch(/missing outcome gone/);
    expect(problems).toMatch(/missing question zz/);
    expect(problems).toMatch(/Question c cannot be reached/);
    expect(problems).toMatch(/no positive response time/);
    expect(checkTree({ ...broken, start: 'nope' }).join('\n')).toMatch(/start question nope/);
    expect(evaluateResponsePriority(broken, { a: 'yes', b: 'yes' })).toMatchObject({ ok: false, error: 'invalid_tree' });
  });
});
