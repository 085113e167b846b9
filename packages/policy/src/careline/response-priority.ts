import type { Role } from '../access/roles.js';
import type { FieldError } from './common.js';
import { responsePriorityTree, type PriorityOutcome, type PriorityQuestion, type ResponsePriorityTree } from './response-priority-tree.js';

/**
 * CL-6: evaluating the response-priority tree. The result records the answers that led to it;
 * a supervisor may override the outcome with a reason, and the original stays on record. The
 * response time is the first obligation of the case: see the child by `dueAt`.
 */

/** Answers by question code; answers to questions off the path taken are ignored. */
export type PriorityAnswers = Readonly<Partial<Record<string, string>>>;

export interface PriorityStep {
  readonly question: string;
  readonly questionText: string;
  readonly answer: string;
  readonly answerLabel: string;
}

export interface PriorityOverride {
  readonly from: string;
  readonly fromHours: number;
  readonly to: string;
  readonly reason: string;
}

export interface PriorityResult {
  readonly treeVersion: string;
  readonly outcome: string;
  readonly outcomeLabel: string;
  readonly responseHours: number;
  readonly path: readonly PriorityStep[];
  /** Present when a supervisor changed the outcome; `from` is what the tree gave. */
  readonly override?: PriorityOverride;
}

export type PriorityEvaluation =
  | { readonly ok: true; readonly result: PriorityResult }
  | {
      readonly ok: false;
      readonly error: 'unanswered' | 'invalid_answer' | 'invalid_tree';
      /** The first question that stops the evaluation. */
      readonly question: string | null;
      readonly field: string;
      readonly message: string;
    };

/** Who may override the response priority (CL-6). */
export const priorityOverrideRole: Role = 'careline_supervisor';

const questionOf = (tree: ResponsePriorityTree, code: string): PriorityQuestion | undefined =>
  tree.questions.find((q) => q.code === code);
const outcomeOf = (tree: ResponsePriorityTree, code: string): PriorityOutcome | undefined =>
  tree.outcomes.find((o) => o.code === code);

/** CL-6: walk the tree from its start with the answers given. */
export function evaluateResponsePriority(tree: ResponsePriorityTree, answers: PriorityAnswers): PriorityEvaluation {
  const path: PriorityStep[] = [];
  let code = tree.start;
  // Each question at most once: a cyclic tree stops here rather than looping (checkTree refuses it).
  for (let step = 0; step <= tree.questions.length; step++) {
    const question = questionOf(tree, code);
    const field = `answers.${code}`;
    if (!question) return { ok: false, error: 'invalid_tree', question: code, field, message: `The tree has no question ${code}` };
    if (path.some((p) => p.question === code)) {
      return { ok: false, error: 'invalid_tree', question: code, field, message: `The tree returns to question ${code}` };
    }
    const given = answers[code];
    if (given === undefined || given === '') {
      return { ok: false, error: 'unanswered', question: code, field, message: `Answer: ${question.text}` };
    }
    const answer = question.answers.find((a) => a.value === given);
    if (!answer) {
      const allowed = question.answers.map((a) => a.label).join(', ');
      return { ok: false, error: 'invalid_answer', question: code, field, message: `Choose one of: ${allowed}` };
    }
    path.push({ question: code, questionText: question.text, answer: answer.value, answerLabel: answer.label });
    if ('outcome' in answer.next) {
      const outcome = outcomeOf(tree, answer.next.outcome);
      if (!outcome) {
        return { ok: false, error: 'invalid_tree', question: code, field, message: `The tree has no outcome ${answer.next.outcome}` };
      }
      return {
        ok: true,
        result: { treeVersion: tree.version, outcome: outcome.code, outcomeLabel: outcome.label, responseHours: outcome.responseHours, path },
      };
    }
    code = answer.next.question;
  }
  return { ok: false, error: 'invalid_tree', question: code, field: `answers.${code}`, message: 'The tree does not end' };
}

/**
 * CL-6: a supervisor's override of the outcome. The reason is required; the tree's own outcome
 * is kept in `override.from` (also across a second override).
 */
export function applyOverride(
  result: PriorityResult,
  override: { readonly to: string; readonly reason: string },
  tree: ResponsePriorityTree = responsePriorityTree,
): { ok: true; result: PriorityResult } | { ok: false; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const reason = override.reason.trim();
  const target = outcomeOf(tree, override.to);
  if (!target) errors.push({ field: 'override.to', message: `Unknown response time: ${override.to}` });
  else if (target.code === result.outcome) errors.push({ field: 'override.to', message: 'Choose a response time different from the one given' });
  if (reason === '') errors.push({ field: 'override.reason', message: 'Give the reason for overriding the response priority' });
  if (!target || errors.length > 0) return { ok: false, errors };
  const from = result.override?.from ?? result.outcome;
  const fromHours = result.override?.fromHours ?? result.responseHours;
  return {
    ok: true,
    result: {
      ...result,
      outcome: target.code,
      outcomeLabel: target.label,
      responseHours: target.responseHours,
      override: { from, fromHours, to: target.code, reason },
    },
  };
}

/** CL-6: when the child must be seen: elapsed hours after the referral was received (not business hours). */
export function dueAt(receivedAt: Date | string, responseHours: number): Date {
  const start = typeof receivedAt === 'string' ? new Date(receivedAt) : receivedAt;
  if (Number.isNaN(start.getTime())) throw new RangeError(`Not a date: ${String(receivedAt)}`);
  if (!Number.isFinite(responseHours) || responseHours <= 0) throw new RangeError(`Not a response time: ${responseHours}`);
  return new Date(start.getTime() + responseHours * 3_600_000);
}

/**
 * CL-6: problems with a tree's data, empty when it is sound: every answer leads to a question or
 * an outcome that exists, no question can be reached twice on one path (no cycles), every
 * question is reachable, and response times are positive.
 */
export function checkTree(tree: ResponsePriorityTree): string[] {
  const problems: string[] = [];
  const questionCodes = tree.questions.map((q) => q.code);
  const outcomeCodes = tree.outcomes.map((o) => o.code);
  for (const [kind, codes] of [['question', questionCodes], ['outcome', outcomeCodes]] as const) {
    const seen = new Set<string>();
    for (const c of codes) {
      if (seen.has(c)) problems.push(`Duplicate ${kind} ${c}`);
      seen.add(c);
    }
  }
  if (!questionCodes.includes(tree.start)) problems.push(`The start question ${tree.start} does not exist`);
  for (const o of tree.outcomes) {
    if (!Number.isFinite(o.responseHours) || o.responseHours <= 0) problems.push(`Outcome ${o.code} has no positive response time`);
  }
  for (const q of tree.questions) {
    if (q.answers.length < 2) problems.push(`Question ${q.code} needs at least two answers`);
    if (new Set(q.answers.map((a) => a.value)).size !== q.answers.length) problems.push(`Question ${q.code} repeats an answer`);
    for (const a of q.answers) {
      if ('question' in a.next && !questionCodes.includes(a.next.question)) {
        problems.push(`Answer ${q.code}=${a.value} leads to a missing question ${a.next.question}`);
      }
      if ('outcome' in a.next && !outcomeCodes.includes(a.next.outcome)) {
        problems.push(`Answer ${q.code}=${a.value} leads to a missing outcome ${a.next.outcome}`);
      }
    }
  }
  // Depth-first from the start: a question met again on the current path is a cycle.
  const reached = new Set<string>();
  const visit = (code: string, onPath: readonly string[]): void => {
    if (onPath.includes(code)) {
      problems.push(`Cycle: ${[...onPath.slice(onPath.indexOf(code)), code].join(' -> ')}`);
      return;
    }
    const q = questionOf(tree, code);
    if (!q || reached.has(code)) return;
    reached.add(code);
    for (const a of q.answers) if ('question' in a.next) visit(a.next.question, [...onPath, code]);
  };
  visit(tree.start, []);
  for (const c of questionCodes) if (!reached.has(c)) problems.push(`Question ${c} cannot be reached from the start`);
  return problems;
}
