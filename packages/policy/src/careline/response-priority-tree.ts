/**
 * CL-6: Harbor's own structured response-priority tree for HT referrals (not the proprietary SDM
 * tool), as data. Each question's answers lead to another question or to an outcome; an outcome
 * is how soon an investigation worker must see the child. Hours are configurable here.
 */

export interface PriorityOutcome {
  readonly code: string;
  readonly label: string;
  /** Elapsed hours from the time the referral was received. */
  readonly responseHours: number;
}

export type PriorityNext = { readonly question: string } | { readonly outcome: string };

export interface PriorityAnswer {
  readonly value: string;
  readonly label: string;
  readonly next: PriorityNext;
}

export interface PriorityQuestion {
  readonly code: string;
  readonly text: string;
  readonly hint?: string;
  readonly answers: readonly PriorityAnswer[];
}

export interface ResponsePriorityTree {
  readonly version: string;
  readonly start: string;
  readonly questions: readonly PriorityQuestion[];
  readonly outcomes: readonly PriorityOutcome[];
}

const yes = (next: PriorityNext) => ({ value: 'yes', label: 'Yes', next }) as const satisfies PriorityAnswer;
const no = (next: PriorityNext) => ({ value: 'no', label: 'No', next }) as const satisfies PriorityAnswer;

// Kept `as const` so the codes below are types (the web's translations are keyed by them); the
// export is the general `ResponsePriorityTree`.
const tree = {
  version: 'ct-2025-1',
  start: 'in_danger_now',
  questions: [
    {
      code: 'in_danger_now',
      text: 'Is the child in danger right now, or with the suspected exploiter now?',
      hint: 'Being exploited at this moment, held somewhere, hurt, or unable to leave.',
      answers: [yes({ outcome: 'within_2_hours' }), no({ question: 'missing' })],
    },
    {
      code: 'missing',
      text: 'Is the child missing, on runaway status, or is it unknown where the child is?',
      answers: [yes({ question: 'location_lead' }), no({ question: 'exploiter_access' })],
    },
    {
      code: 'location_lead',
      text: 'Is there a current lead on where the child is (an address, a hotel, an online ad, a phone)?',
      hint: 'A fresh lead goes cold quickly: respond with law enforcement at once.',
      answers: [yes({ outcome: 'within_2_hours' }), no({ outcome: 'within_24_hours' })],
    },
    {
      code: 'exploiter_access',
      text: 'Could the suspected exploiter reach the child within the next 24 hours?',
      hint: 'Lives with the child, knows where the child stays or goes to school, or is in contact by phone or online.',
      answers: [yes({ outcome: 'within_2_hours' }), no({ question: 'medical_need' })],
    },
    {
      code: 'medical_need',
      text: 'Does the child need medical or mental-health care soon (injury, pregnancy, drug use, thoughts of suicide)?',
      hint: 'For an emergency, call 911 first.',
      answers: [yes({ outcome: 'within_24_hours' }), no({ question: 'protective_caregiver' })],
    },
    {
      code: 'protective_caregiver',
      text: 'Is there a parent or caregiver who is able and willing to keep the child away from the exploiter?',
      answers: [yes({ outcome: 'within_72_hours' }), no({ outcome: 'within_24_hours' })],
    },
  ],
  outcomes: [
    { code: 'within_2_hours', label: 'Within 2 hours', responseHours: 2 },
    { code: 'within_24_hours', label: 'Within 24 hours', responseHours: 24 },
    { code: 'within_72_hours', label: 'Within 72 hours', responseHours: 72 },
  ],
} as const satisfies ResponsePriorityTree;

export const responsePriorityTree: ResponsePriorityTree = tree;

type TreeQuestion = (typeof tree)['questions'][number];
/** The codes of the tree's questions, outcomes and answers (for words kept elsewhere, e.g. translations). */
export type PriorityQuestionCode = TreeQuestion['code'];
export type PriorityQuestionWithHint = Extract<TreeQuestion, { hint: string }>['code'];
export type PriorityAnswerValue = TreeQuestion['answers'][number]['value'];
export type PriorityOutcomeCode = (typeof tree)['outcomes'][number]['code'];
