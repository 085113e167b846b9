import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkDecisionMap, checkOverride, decisionBranches, decisionMap, evaluateBranch, evaluateDecisionMap, riskLevels, answersOnPath, type DecisionMap, type DecisionMapResult } from './decision-map.js';

const map = decisionMap;

function evaluate(sex: Record<string, string>, labor: Record<string, string>): DecisionMapResult {
  const r = evaluateDecisionMap(map, { sex, labor });
  if (!r.ok) throw new Error(r.message);
  return r.result;
}
const noLabor = { labor_disclosed: 'no', labor_evidence: 'no', labor_red_flags: 'none', labor_vulnerability: 'no' };

describe('the Decision Map (HL-3)', () => {
  it('[HL-3] the map is sound: every answer leads to a question or a level, no cycles, every question reachable', () => {
    expect(checkDecisionMap(map)).toEqual([]);
    for (const b of decisionBranches) expect(map.branches[b].questions.length).toBeGreaterThan(2);
  });

  it('[HL-3] the checker names a missing question, a cycle and an unreachable question', () => {
    const broken: DecisionMap = {
      ...map,
      branches: {
        ...map.branches,
        sex: {
          label: 'x',
          start: 'a',
          questions: [
            { code: 'a', text: 'A', answers: [{ value: 'yes', label: 'Yes', next: { question: 'b' } }, { value: 'no', label: 'No', next: { question: 'ghost' } }] },
            { code: 'b', text: 'B', answers: [{ value: 'yes', label: 'Yes', next: { question: 'a' } }, { value: 'no', label: 'No', next: { level: 'at_risk' } }] },
            { code: 'c', text: 'C', answers: [{ value: 'yes', label: 'Yes', next: { level: 'at_risk' } }] },
          ],
        },
      },
    };
    const problems = checkDecisionMap(broken).join('\n');
    expect(problems).toMatch(/missing question ghost/);
    expect(problems).toMatch(/cycle a -> b -> a/);
    expect(problems).toMatch(/c cannot be reached/);
    expect(problems).toMatch(/c needs at least two answers/);
  });

  it('[HL-3] sex and labor trafficking are evaluated separately, each with the answers that led to its level', () => {
    const r = evaluate({ sex_disclosed: 'yes', sex_corroborated: 'yes' }, noLabor);
    expect(r.sex).toMatchObject({ level: 'confirmed', levelLabel: 'Confirmed victim' });
    expect(r.sex.path.map((s) => [s.question, s.answer])).toEqual([['sex_disclosed', 'yes'], ['sex_corroborated', 'yes']]);
    expect(r.labor).toMatchObject({ level: 'no_concerns', levelLabel: 'No concerns identified' });
    expect(r.labor.path).toHaveLength(4);
    expect(r.mapVersion).toBe(map.version);
  });

  it('[HL-3] reaches every level: at risk, suspected, confirmed, no concerns', () => {
    expect(evaluate({ sex_disclosed: 'no', sex_evidence: 'no', sex_red_flags: 'one' }, noLabor).sex.level).toBe('at_risk');
    expect(evaluate({ sex_disclosed: 'no', sex_evidence: 'no', sex_red_flags: 'several', sex_control: 'yes' }, noLabor).sex.level).toBe('suspected');
    expect(evaluate({ sex_disclosed: 'no', sex_evidence: 'yes', sex_established: 'no' }, { labor_disclosed: 'yes', labor_corroborated: 'no' }).labor.level).toBe('suspected');
    expect(evaluate({ sex_disclosed: 'no', sex_evidence: 'yes', sex_established: 'no' }, { labor_disclosed: 'no', labor_evidence: 'no', labor_red_flags: 'none', labor_vulnerability: 'yes' }).labor.level).toBe('at_risk');
  });

  it('[HL-3] a child established to have been in a commercial sex act is a confirmed victim, whatever the child has said (no force need be shown)', () => {
    const found = evaluate({ sex_disclosed: 'no', sex_evidence: 'yes', sex_established: 'yes' }, noLabor).sex;
    expect(found.level).toBe('confirmed');
    expect(found.path.map((s) => s.question)).toEqual(['sex_disclosed', 'sex_evidence', 'sex_established']);
    expect(evaluate({ sex_disclosed: 'no', sex_evidence: 'yes', sex_established: 'no' }, noLabor).sex.level).toBe('suspected');
  });

  it('[HL-3] names the field of the first unanswered or invalid answer; ignores answers off the path', () => {
    expect(evaluateDecisionMap(map, { sex: { sex_disclosed: 'no' }, labor: noLabor })).toMatchObject({ ok: false, error: 'unanswered', branch: 'sex', field: 'answers.sex.sex_evidence' });
    expect(evaluateDecisionMap(map, { sex: { sex_disclosed: 'yes', sex_corroborated: 'yes' } })).toMatchObject({ ok: false, field: 'answers.labor.labor_disclosed' });
    expect(evaluateDecisionMap(map, { sex: { sex_disclosed: 'maybe' }, labor: noLabor })).toMatchObject({ ok: false, error: 'invalid_answer', field: 'answers.sex.sex_disclosed' });
    const r = evaluate({ sex_disclosed: 'yes', sex_corroborated: 'no', sex_control: 'yes' }, noLabor);
    expect(answersOnPath(r).sex).toEqual({ sex_disclosed: 'yes', sex_corroborated: 'no' });
  });

  it('[HL-3] property: every path of answers through either branch ends in a level', () => {
    const allAnswers = (b: (typeof decisionBranches)[number]) =>
      fc.record(Object.fromEntries(map.branches[b].questions.map((q) => [q.code, fc.constantFrom(...q.answers.map((a) => a.value))])));
    fc.assert(
      fc.property(allAnswers('sex'), allAnswers('labor'), (sex, labor) => {
        const r = evaluateDecisionMap(map, { sex, labor });
        expect(r.ok).toBe(true);
        if (r.ok) for (const b of decisionBranches) expect(riskLevels).toContain(r.result[b].level);
      }),
      { numRuns: 300 },
    );
  });

  it('[HL-3] property: a walk of one branch stops at the first question it has no answer for', () => {
    fc.assert(
      fc.property(fc.constantFrom(...decisionBranches), fc.array(fc.nat(), { minLength: 0, maxLength: 6 }), (b, picks) => {
        const branch = map.branches[b];
        const answers: Record<string, string> = {};
        let code: string | null = branch.start;
        for (const p of picks) {
          const q = branch.questions.find((x) => x.code === code);
          if (!q) break;
          const a = q.answers[p % q.answers.length]!;
          answers[q.code] = a.value;
          code = 'question' in a.next ? a.next.question : null;
        }
        const r = evaluateBranch(map, b, answers);
        if (code === null) expect(r.ok).toBe(true);
        else expect(r).toMatchObject({ ok: false, error: 'unanswered', field: `answers.${b}.${code}` });
      }),
    );
  });

  it('[HL-3] a supervisor override of either level needs a reason and keeps the map’s own level', () => {
    const mapLevels = { sex: 'at_risk', labor: 'no_concerns' } as const;
    expect(checkOverride(mapLevels, mapLevels, { sex: 'suspected', reason: '  ' })).toMatchObject({ ok: false, errors: [{ field: 'reason' }] });
    expect(checkOverride(mapLevels, mapLevels, { sex: 'at_risk', reason: 'same' })).toMatchObject({ ok: false, errors: [{ field: 'sex' }] });
    expect(checkOverride(mapLevels, mapLevels, { labor: 'unheard_of', reason: 'x' })).toMatchObject({ ok: false, errors: [{ field: 'labor' }] });
    const first = checkOverride(mapLevels, mapLevels, { labor: 'at_risk', reason: 'Works nights at an uncle’s restaurant' });
    expect(first).toEqual({ ok: true, override: { labor: { from: 'no_concerns', to: 'at_risk' }, reason: 'Works nights at an uncle’s restaurant' }, levels: { sex: 'at_risk', labor: 'at_risk' } });
    if (!first.ok) return;
    const second = checkOverride(mapLevels, first.levels, { sex: 'suspected', labor: 'suspected', reason: 'Police found an ad' });
    expect(second).toMatchObject({ ok: true, override: { sex: { from: 'at_risk', to: 'suspected' }, labor: { from: 'no_concerns', to: 'suspected' } } });
  });
});
