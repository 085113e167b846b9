import {
  citizenshipStatuses,
  ctObligationRules,
  decisionBranches,
  decisionMap,
  dutyCodes,
  dutyLabel,
  ethnicities,
  exploiterRelationships,
  indicatorDomains,
  indicators,
  livingSituations,
  maltreatmentCategories,
  mandatedReporterTypes,
  placeTypes,
  races,
  reporterRelationships,
  responsePriorityTree,
} from '@harbor/policy';
import { describe, expect, it } from 'vitest';
import { policyEn } from './en-policy';
import { policyEs } from './es-policy';
import { policyWord } from './policy-word';

type Words = Readonly<Record<string, string>>;
const en = policyEn.policy;
const es = policyEs.policy;
const mapQuestions = decisionBranches.flatMap((b) => decisionMap.branches[b].questions);

/**
 * Every vocabulary of the policy pack the web app shows: the pack's codes (read from the pack
 * itself, not from the English map), the English words, the Spanish words, and the codes whose
 * Spanish may legitimately be the English word ("No" is "No" in both).
 */
const maps: { name: string; codes: readonly string[]; en: Words; es: Words; same?: readonly string[] }[] = [
  { name: 'CL-1 indicator domains', codes: indicatorDomains.map((d) => d.code), en: en.indicatorDomains, es: es.indicatorDomains },
  { name: 'CL-1 indicators (and OG-1 red flags)', codes: indicators.map((i) => i.code), en: en.indicators, es: es.indicators },
  { name: 'CL-1 indicator hints', codes: indicators.flatMap((i) => ('hint' in i ? [i.code] : [])), en: en.indicatorHints, es: es.indicatorHints },
  { name: 'CL-7 maltreatment categories', codes: maltreatmentCategories, en: en.categories, es: es.categories },
  { name: 'reporter relationships', codes: reporterRelationships, en: en.reporterRelationships, es: es.reporterRelationships },
  { name: 'mandated reporter types', codes: mandatedReporterTypes, en: en.mandatedReporterTypes, es: es.mandatedReporterTypes },
  { name: 'races', codes: races, en: en.races, es: es.races },
  { name: 'ethnicities', codes: ethnicities, en: en.ethnicities, es: es.ethnicities },
  { name: 'citizenship', codes: citizenshipStatuses, en: en.citizenship, es: es.citizenship },
  { name: 'living situations', codes: livingSituations, en: en.livingSituations, es: es.livingSituations },
  { name: 'exploiter relationships', codes: exploiterRelationships, en: en.exploiterRelationships, es: es.exploiterRelationships },
  { name: 'place types', codes: placeTypes, en: en.placeTypes, es: es.placeTypes },
  { name: 'CL-6 response-priority questions', codes: responsePriorityTree.questions.map((q) => q.code), en: en.priority.questions, es: es.priority.questions },
  { name: 'CL-6 response-priority hints', codes: responsePriorityTree.questions.flatMap((q) => (q.hint ? [q.code] : [])), en: en.priority.hints, es: es.priority.hints },
  { name: 'CL-6 response-priority answers', codes: [...new Set(responsePriorityTree.questions.flatMap((q) => q.answers.map((a) => a.value)))], en: en.priority.answers, es: es.priority.answers, same: ['no'] },
  { name: 'CL-6 response times', codes: responsePriorityTree.outcomes.map((o) => o.code), en: en.priority.outcomes, es: es.priority.outcomes },
  { name: 'HL-3 Decision Map questions', codes: mapQuestions.map((q) => q.code), en: en.map.questions, es: es.map.questions },
  { name: 'HL-3 Decision Map hints', codes: mapQuestions.flatMap((q) => (q.hint ? [q.code] : [])), en: en.map.hints, es: es.map.hints },
  { name: 'HL-3 Decision Map answers', codes: [...new Set(mapQuestions.flatMap((q) => q.answers.map((a) => a.value)))], en: en.map.answers, es: es.map.answers, same: ['no'] },
  { name: 'duties (obligations and checklist items)', codes: dutyCodes, en: en.duties, es: es.duties },
];

describe('the policy pack in Spanish', () => {
  it.each(maps)('$name: every code of the pack has Spanish, different from the English', ({ codes, en: english, es: spanish, same = [] }) => {
    expect(codes.length).toBeGreaterThan(0);
    expect(Object.keys(spanish).sort()).toEqual([...codes].sort());
    expect(Object.keys(english).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      expect(spanish[code]?.trim(), code).toBeTruthy();
      if (same.includes(code)) expect(spanish[code], code).toBe(english[code]);
      else expect(spanish[code], code).not.toBe(english[code]);
    }
  });

  it('keeps the English of the pack as it is', () => {
    expect(en.indicators['missing_now']).toBe(indicators.find((i) => i.code === 'missing_now')?.label);
    expect(en.priority.questions['in_danger_now']).toBe(responsePriorityTree.questions[0]?.text);
    expect(en.map.questions['sex_disclosed']).toBe(decisionMap.branches.sex.questions[0]?.text);
    expect(en.duties['consult_requested']).toBe(dutyLabel('consult_requested'));
  });

  it('has a word for every duty a rule can create, and for every question of both Decision Map branches', () => {
    for (const rule of ctObligationRules) expect(dutyCodes, rule.code).toContain(rule.completes);
    // The map's words are one list for both branches: a code used in both would need one wording for two questions.
    expect(new Set(mapQuestions.map((q) => q.code)).size).toBe(mapQuestions.length);
  });

  it('names a code it does not know in the English the server sent', () => {
    expect(policyWord(es.map.questions, 'sex_disclosed', 'English')).toBe(es.map.questions.sex_disclosed);
    expect(policyWord(es.map.questions, 'a_question_of_another_map', 'The server’s words')).toBe('The server’s words');
    expect(policyWord(es.map.questions, 'toString', 'The server’s words')).toBe('The server’s words');
    expect(policyWord(es.duties, null, 'Hold the HART consult')).toBe('Hold the HART consult');
  });
});
