import type { Role } from '../access/roles.js';
import type { FieldError } from '../careline/common.js';

/**
 * HL-3: Harbor's own Decision Map (our wording, not a published instrument), as data. A HART
 * liaison answers two branches separately, sex trafficking and labor trafficking; each walk of a
 * branch ends in a risk level. The answers that led there are kept; a supervisor may override
 * either level with a reason (the map's own level stays on record).
 */

export const riskLevels = ['no_concerns', 'at_risk', 'suspected', 'confirmed'] as const;
export type RiskLevel = (typeof riskLevels)[number];
export const riskLevelLabels: Readonly<Record<RiskLevel, string>> = {
  no_concerns: 'No concerns identified',
  at_risk: 'At risk',
  suspected: 'Suspected victim',
  confirmed: 'Confirmed victim',
};
export const isRiskLevel = (value: string): value is RiskLevel => (riskLevels as readonly string[]).includes(value);

export const decisionBranches = ['sex', 'labor'] as const;
export type DecisionBranch = (typeof decisionBranches)[number];

export type MapNext = { readonly question: string } | { readonly level: RiskLevel };

export interface MapAnswer {
  readonly value: string;
  readonly label: string;
  readonly next: MapNext;
}

export interface MapQuestion {
  readonly code: string;
  readonly text: string;
  readonly hint?: string;
  readonly answers: readonly MapAnswer[];
}

export interface MapBranch {
  readonly label: string;
  readonly start: string;
  readonly questions: readonly MapQuestion[];
}

export interface DecisionMap {
  readonly version: string;
  readonly branches: Readonly<Record<DecisionBranch, MapBranch>>;
}

const yes = (next: MapNext) => ({ value: 'yes', label: 'Yes', next }) as const satisfies MapAnswer;
const no = (next: MapNext) => ({ value: 'no', label: 'No', next }) as const satisfies MapAnswer;
const howMany = (none: MapNext, one: MapNext, several: MapNext) =>
  [
    { value: 'none', label: 'None', next: none },
    { value: 'one', label: 'One', next: one },
    { value: 'several', label: 'Two or more', next: several },
  ] as const satisfies readonly MapAnswer[];

// Kept `as const` so the codes below are types (the web's translations are keyed by them); the
// export is the general `DecisionMap`.
const map = {
  // 2026-2: third-party information that a child was in a commercial sex act can confirm (sex_established).
  version: 'harbor-2026-2',
  branches: {
    sex: {
      label: 'Sex trafficking',
      start: 'sex_disclosed',
      questions: [
        {
          code: 'sex_disclosed',
          text: 'Has the child told anyone that they traded, or were made to trade, sex or sexual images for something of value?',
          hint: 'Money, food, a place to stay, drugs, gifts, or protection.',
          answers: [yes({ question: 'sex_corroborated' }), no({ question: 'sex_evidence' })],
        },
        {
          code: 'sex_corroborated',
          text: 'Does other information bear out what the child said?',
          hint: 'A law-enforcement finding, online ads or images, an identified exploiter or buyer, a witness.',
          answers: [yes({ level: 'confirmed' }), no({ level: 'suspected' })],
        },
        {
          code: 'sex_evidence',
          text: 'Is there direct information, from someone other than the child, that the child was sexually exploited for something of value?',
          hint: 'A police report, online ads, the child found with a buyer or an exploiter, a reliable account by a third party.',
          answers: [yes({ question: 'sex_established' }), no({ question: 'sex_red_flags' })],
        },
        {
          // A child in a commercial sex act is a victim of sex trafficking in law (22 U.S.C. 7102;
          // seed 000's definition): no force, fraud or coercion has to be shown, and nothing the
          // child says is needed once it is established.
          code: 'sex_established',
          text: 'Is it established that the child took part in a commercial sex act?',
          hint: 'A law-enforcement finding, an arrest of the child for prostitution, the child found with a buyer. A child in a commercial sex act is a victim in law: no force, fraud or coercion has to be shown.',
          answers: [yes({ level: 'confirmed' }), no({ level: 'suspected' })],
        },
        {
          code: 'sex_red_flags',
          text: 'How many sex-trafficking red flags does the child show?',
          hint: 'A much older partner, money or gifts nobody can explain, hotel stays, a branding tattoo, several phones, unknown whereabouts while away.',
          answers: howMany({ question: 'sex_vulnerability' }, { level: 'at_risk' }, { question: 'sex_control' }),
        },
        {
          code: 'sex_control',
          text: 'Does someone control where the child goes, whom the child sees, or the child’s phone or money?',
          answers: [yes({ level: 'suspected' }), no({ level: 'at_risk' })],
        },
        {
          code: 'sex_vulnerability',
          text: 'Does the child have vulnerabilities that exploiters look for?',
          hint: 'Running away again and again, no stable home, earlier sexual abuse, substance use, a friend or relative who is being exploited.',
          answers: [yes({ level: 'at_risk' }), no({ level: 'no_concerns' })],
        },
      ],
    },
    labor: {
      label: 'Labor trafficking',
      start: 'labor_disclosed',
      questions: [
        {
          code: 'labor_disclosed',
          text: 'Has the child told anyone that they were made to work, or to commit crimes, for someone else through force, threats, a debt or lies?',
          hint: 'Including selling drugs, stealing or begging for someone else.',
          answers: [yes({ question: 'labor_corroborated' }), no({ question: 'labor_evidence' })],
        },
        {
          code: 'labor_corroborated',
          text: 'Does other information bear out what the child said?',
          hint: 'A law-enforcement or labor-inspection finding, pay or work records, an identified exploiter, a witness.',
          answers: [yes({ level: 'confirmed' }), no({ level: 'suspected' })],
        },
        {
          code: 'labor_evidence',
          text: 'Is there direct information that the child works under someone else’s control?',
          hint: 'Long hours for little or no pay, living where they work, identity papers held by someone else, a debt that can never be paid off.',
          answers: [yes({ level: 'suspected' }), no({ question: 'labor_red_flags' })],
        },
        {
          code: 'labor_red_flags',
          text: 'How many labor-trafficking red flags does the child show?',
          hint: 'Working instead of going to school, tired or hurt from work, afraid of an employer, not knowing where they live, coached answers.',
          answers: howMany({ question: 'labor_vulnerability' }, { level: 'at_risk' }, { question: 'labor_control' }),
        },
        {
          code: 'labor_control',
          text: 'Does someone else keep the child’s earnings or papers, or limit where the child may go?',
          answers: [yes({ level: 'suspected' }), no({ level: 'at_risk' })],
        },
        {
          code: 'labor_vulnerability',
          text: 'Is the child vulnerable to labor exploitation?',
          hint: 'Without immigration status, arrived without a parent, out of school, owing money to someone, a family in debt.',
          answers: [yes({ level: 'at_risk' }), no({ level: 'no_concerns' })],
        },
      ],
    },
  },
} as const satisfies DecisionMap;

export const decisionMap: DecisionMap = map;

type AnyMapQuestion = (typeof map)['branches'][DecisionBranch]['questions'][number];
/** The codes of the map's questions (unique across both branches) and answers (for words kept elsewhere, e.g. translations). */
export type MapQuestionCode = AnyMapQuestion['code'];
export type MapQuestionWithHint = Extract<AnyMapQuestion, { hint: string }>['code'];
export type MapAnswerValue = AnyMapQuestion['answers'][number]['value'];

/** Answers by branch, then by question code; answers off the path taken are ignored. */
export type DecisionMapAnswers = Readonly<Partial<Record<DecisionBranch, Readonly<Partial<Record<string, string>>>>>>;

export interface MapStep {
  readonly question: string;
  readonly questionText: string;
  readonly answer: string;
  readonly answerLabel: string;
}

export interface BranchResult {
  readonly level: RiskLevel;
  readonly levelLabel: string;
  readonly path: readonly MapStep[];
}

export interface DecisionMapResult {
  readonly mapVersion: string;
  readonly sex: BranchResult;
  readonly labor: BranchResult;
}

export type DecisionMapEvaluation =
  | { readonly ok: true; readonly result: DecisionMapResult }
  | {
      readonly ok: false;
      readonly error: 'unanswered' | 'invalid_answer' | 'invalid_map';
      readonly branch: DecisionBranch;
      readonly question: string | null;
      /** The request field to name, e.g. `answers.sex.sex_disclosed`. */
      readonly field: string;
      readonly message: string;
    };

const questionOf = (branch: MapBranch, code: string): MapQuestion | undefined => branch.questions.find((q) => q.code === code);

type BranchEvaluation = { ok: true; result: BranchResult } | Extract<DecisionMapEvaluation, { ok: false }>;

/** HL-3: walk one branch from its start with the answers given. */
export function evaluateBranch(map: DecisionMap, which: DecisionBranch, answers: Readonly<Partial<Record<string, string>>>): BranchEvaluation {
  const branch = map.branches[which];
  const path: MapStep[] = [];
  let code = branch.start;
  // Each question at most once: a cyclic map stops here (checkDecisionMap refuses it).
  for (let step = 0; step <= branch.questions.length; step++) {
    const field = `answers.${which}.${code}`;
    const question = questionOf(branch, code);
    if (!question) return { ok: false, error: 'invalid_map', branch: which, question: code, field, message: `The map has no question ${code}` };
    if (path.some((p) => p.question === code)) return { ok: false, error: 'invalid_map', branch: which, question: code, field, message: `The map returns to ${code}` };
    const given = answers[code];
    if (given === undefined || given === '') return { ok: false, error: 'unanswered', branch: which, question: code, field, message: `Answer: ${question.text}` };
    const answer = question.answers.find((a) => a.value === given);
    if (!answer) {
      return { ok: false, error: 'invalid_answer', branch: which, question: code, field, message: `Choose one of: ${question.answers.map((a) => a.label).join(', ')}` };
    }
    path.push({ question: code, questionText: question.text, answer: answer.value, answerLabel: answer.label });
    if ('level' in answer.next) return { ok: true, result: { level: answer.next.level, levelLabel: riskLevelLabels[answer.next.level], path } };
    code = answer.next.question;
  }
  return { ok: false, error: 'invalid_map', branch: which, question: code, field: `answers.${which}.${code}`, message: 'The map does not end' };
}

/** HL-3: both branches; the first problem (sex branch first) names its field. */
export function evaluateDecisionMap(map: DecisionMap, answers: DecisionMapAnswers): DecisionMapEvaluation {
  const sex = evaluateBranch(map, 'sex', answers.sex ?? {});
  if (!sex.ok) return sex;
  const labor = evaluateBranch(map, 'labor', answers.labor ?? {});
  if (!labor.ok) return labor;
  return { ok: true, result: { mapVersion: map.version, sex: sex.result, labor: labor.result } };
}

/** Only the answers on the path taken: what is stored with the consult. */
export const answersOnPath = (result: DecisionMapResult): Record<DecisionBranch, Record<string, string>> => ({
  sex: Object.fromEntries(result.sex.path.map((s) => [s.question, s.answer])),
  labor: Object.fromEntries(result.labor.path.map((s) => [s.question, s.answer])),
});

/** Who may override the Decision Map's levels (HL-3): an office supervisor, the region's HART Lead, the HART Director. */
export const decisionMapOverrideRoles: readonly Role[] = ['supervisor', 'hart_lead', 'hart_director'];

export interface LevelOverride {
  readonly from: RiskLevel;
  readonly to: RiskLevel;
}
export interface DecisionMapOverride {
  readonly sex?: LevelOverride;
  readonly labor?: LevelOverride;
  readonly reason: string;
}

/**
 * HL-3: a supervisor sets either level (or both) to another level, with a reason. `current` are
 * the levels in force; `mapLevels` what the map gave (kept as `from`, also across a second override).
 */
export function checkOverride(
  mapLevels: Readonly<Record<DecisionBranch, RiskLevel>>,
  current: Readonly<Record<DecisionBranch, RiskLevel>>,
  wanted: { readonly sex?: string | undefined; readonly labor?: string | undefined; readonly reason: string },
): { ok: true; override: DecisionMapOverride; levels: Record<DecisionBranch, RiskLevel> } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const reason = wanted.reason.trim();
  const levels: Record<DecisionBranch, RiskLevel> = { ...current };
  const changed: Partial<Record<DecisionBranch, LevelOverride>> = {};
  for (const b of decisionBranches) {
    const to = wanted[b];
    if (to === undefined) continue;
    if (!isRiskLevel(to)) errors.push({ field: b, message: `Unknown risk level: ${to}` });
    else if (to !== current[b]) {
      levels[b] = to;
      changed[b] = { from: mapLevels[b], to };
    }
  }
  if (errors.length === 0 && !changed.sex && !changed.labor) errors.push({ field: wanted.sex !== undefined ? 'sex' : 'labor', message: 'Choose a level different from the one in force' });
  if (reason === '') errors.push({ field: 'reason', message: 'Give the reason for overriding the Decision Map' });
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, override: { ...changed, reason }, levels };
}

/**
 * HL-3: problems with the map's data, empty when it is sound: in each branch every answer leads
 * to a question that exists or to a level, no path meets a question twice (so every path ends in
 * a level), every question can be reached, every question offers at least two distinct answers.
 */
export function checkDecisionMap(map: DecisionMap): string[] {
  const problems: string[] = [];
  for (const which of decisionBranches) {
    const branch = map.branches[which];
    const codes = branch.questions.map((q) => q.code);
    if (new Set(codes).size !== codes.length) problems.push(`${which}: a question code is repeated`);
    if (!codes.includes(branch.start)) problems.push(`${which}: the start question ${branch.start} does not exist`);
    for (const q of branch.questions) {
      if (q.answers.length < 2) problems.push(`${which}: question ${q.code} needs at least two answers`);
      if (new Set(q.answers.map((a) => a.value)).size !== q.answers.length) problems.push(`${which}: question ${q.code} repeats an answer`);
      for (const a of q.answers) {
        if ('question' in a.next && !codes.includes(a.next.question)) problems.push(`${which}: ${q.code}=${a.value} leads to a missing question ${a.next.question}`);
        if ('level' in a.next && !isRiskLevel(a.next.level)) problems.push(`${which}: ${q.code}=${a.value} leads to an unknown level ${String(a.next.level)}`);
      }
    }
    const reached = new Set<string>();
    const visit = (code: string, onPath: readonly string[]): void => {
      if (onPath.includes(code)) {
        problems.push(`${which}: cycle ${[...onPath.slice(onPath.indexOf(code)), code].join(' -> ')}`);
        return;
      }
      const q = questionOf(branch, code);
      if (!q) return;
      reached.add(code);
      for (const a of q.answers) if ('question' in a.next) visit(a.next.question, [...onPath, code]);
    };
    visit(branch.start, []);
    for (const c of codes) if (!reached.has(c)) problems.push(`${which}: question ${c} cannot be reached from the start`);
  }
  return problems;
}
