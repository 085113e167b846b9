import {
  citizenshipLabels,
  decisionBranches,
  decisionMap,
  dutyCodes,
  dutyLabel,
  ethnicityLabels,
  exploiterRelationshipLabels,
  indicatorDomains,
  indicators,
  livingSituationLabels,
  maltreatmentCategoryLabels,
  mandatedReporterTypeLabels,
  placeTypeLabels,
  raceLabels,
  reporterRelationshipLabels,
  responsePriorityTree,
  type DutyCode,
  type IndicatorCode,
  type IndicatorDomain,
  type MapAnswerValue,
  type MapQuestionCode,
  type MapQuestionWithHint,
  type PriorityAnswerValue,
  type PriorityOutcomeCode,
  type PriorityQuestionCode,
  type PriorityQuestionWithHint,
} from '@harbor/policy';

/**
 * The policy pack's vocabularies in English: the pack's own words, unchanged (the pack is the
 * source of truth). Each map is keyed by the pack's codes, so `es-policy.ts`, typed by this shape,
 * fails the type check when a code has no Spanish. Components look words up here by code; where
 * the code comes from the server as a plain string, through `policyWord` (i18n/policy-word.ts).
 */
type Keyed = { readonly code: string; readonly label?: string; readonly text?: string; readonly hint?: string };
const byCode = <K extends string>(items: readonly Keyed[], word: (item: Keyed) => string | undefined): Record<K, string> =>
  Object.fromEntries(items.flatMap((i) => (word(i) === undefined ? [] : [[i.code, word(i)]]))) as Record<K, string>;

const priorityQuestions = responsePriorityTree.questions;
const mapQuestions = decisionBranches.flatMap((b) => decisionMap.branches[b].questions);
const answersOf = <V extends string>(questions: readonly { answers: readonly { value: string; label: string }[] }[]): Record<V, string> =>
  Object.fromEntries(questions.flatMap((q) => q.answers.map((a) => [a.value, a.label]))) as Record<V, string>;

export const policyEn = {
  policy: {
    /** CL-1 (and the OG-1 red flags, the same checklist). */
    indicatorDomains: byCode<IndicatorDomain>(indicatorDomains, (d) => d.label),
    indicators: byCode<IndicatorCode>(indicators, (i) => i.label),
    indicatorHints: byCode<Extract<(typeof indicators)[number], { hint: string }>['code']>(indicators, (i) => i.hint),
    /** CL-7. */
    categories: { ...maltreatmentCategoryLabels },
    /** The referral's people and places (issue 3, item 1). */
    reporterRelationships: { ...reporterRelationshipLabels },
    mandatedReporterTypes: { ...mandatedReporterTypeLabels },
    races: { ...raceLabels },
    ethnicities: { ...ethnicityLabels },
    citizenship: { ...citizenshipLabels },
    livingSituations: { ...livingSituationLabels },
    exploiterRelationships: { ...exploiterRelationshipLabels },
    placeTypes: { ...placeTypeLabels },
    /** CL-6: the response-priority tree. */
    priority: {
      questions: byCode<PriorityQuestionCode>(priorityQuestions, (q) => q.text),
      hints: byCode<PriorityQuestionWithHint>(priorityQuestions, (q) => q.hint),
      answers: answersOf<PriorityAnswerValue>(priorityQuestions),
      outcomes: byCode<PriorityOutcomeCode>(responsePriorityTree.outcomes, (o) => o.label),
    },
    /** HL-3: the Decision Map (question codes are unique across both branches). */
    map: {
      questions: byCode<MapQuestionCode>(mapQuestions, (q) => q.text),
      hints: byCode<MapQuestionWithHint>(mapQuestions, (q) => q.hint),
      answers: answersOf<MapAnswerValue>(mapQuestions),
    },
    /** Duties (obligations and checklist items), by the action that completes them. */
    duties: Object.fromEntries(dutyCodes.map((c) => [c, dutyLabel(c)])) as Record<DutyCode, string>,
  },
};
