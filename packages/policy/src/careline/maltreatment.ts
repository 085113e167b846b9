import type { FieldError } from './common.js';
import { htCharacteristics, isIndicatorCode } from './indicators.js';

/**
 * CL-7: maltreatment categories. A child in a referral may have several; human trafficking is
 * recorded beside every other category that applies (physical injury, sexual abuse, ...), and is
 * required when the child is reported prostituted or commercially sexually exploited (seed 000).
 */
export const maltreatmentCategories = [
  'ht_sex',
  'ht_labor',
  'sexual_abuse',
  'physical_injury',
  'neglect',
  'emotional_abuse',
] as const;
export type MaltreatmentCategory = (typeof maltreatmentCategories)[number];

export const maltreatmentCategoryLabels: Readonly<Record<MaltreatmentCategory, string>> = {
  ht_sex: 'Human trafficking (sex)',
  ht_labor: 'Human trafficking (labor)',
  sexual_abuse: 'Sexual abuse/exploitation',
  physical_injury: 'Physical injury',
  neglect: 'Physical neglect',
  emotional_abuse: 'Emotional abuse/neglect',
};

export const htCategories: readonly MaltreatmentCategory[] = ['ht_sex', 'ht_labor'];

export function isMaltreatmentCategory(value: string): value is MaltreatmentCategory {
  return (maltreatmentCategories as readonly string[]).includes(value);
}

/** The labels of categories, in the agency's order. */
export function categoryLabels(categories: readonly MaltreatmentCategory[]): string[] {
  const chosen = new Set(categories);
  return maltreatmentCategories.filter((c) => chosen.has(c)).map((c) => maltreatmentCategoryLabels[c]);
}

export interface ChildAllegations {
  /** The reporter says the child is prostituted or commercially sexually exploited. */
  readonly prostitutedOrCse?: boolean | null;
  readonly allegations?: readonly string[] | null;
  readonly indicators?: readonly string[] | null;
}

/** The words the form shows next to the HT (sex) category when it is required (CL-7). */
export const htSexRequiredReason =
  'Required: the child is reported to be prostituted or commercially sexually exploited, so “Human trafficking (sex)” ' +
  'must be recorded as a maltreatment category (CL-7), beside any other category that applies.';

/** CL-7: why the HT (sex) category is required for this child, or null when it is not. */
export function htCategoryRequiredReason(child: ChildAllegations): string | null {
  return child.prostitutedOrCse === true ? htSexRequiredReason : null;
}

/** The categories a rule requires for this child, each with the reason the form shows. */
export function requiredCategories(child: ChildAllegations): { category: MaltreatmentCategory; reason: string }[] {
  const reason = htCategoryRequiredReason(child);
  return reason ? [{ category: 'ht_sex', reason }] : [];
}

/**
 * Categories the indicators point to but the worker has not chosen: a prompt, never a rule.
 * Indicators of sex trafficking suggest HT (sex); of labor trafficking, HT (labor).
 */
export function suggestedCategories(child: ChildAllegations): MaltreatmentCategory[] {
  const chosen = new Set(child.allegations ?? []);
  const { forms } = htCharacteristics((child.indicators ?? []).filter(isIndicatorCode));
  const suggested: MaltreatmentCategory[] = [];
  if (forms.includes('sex') && !chosen.has('ht_sex')) suggested.push('ht_sex');
  if (forms.includes('labor') && !chosen.has('ht_labor')) suggested.push('ht_labor');
  return suggested;
}

/**
 * CL-7: the field errors of one child's allegations at submission. `field` is the path of the
 * child's allegations in the request body (default `allegations`).
 */
export function checkAllegations(child: ChildAllegations, field = 'allegations'): FieldError[] {
  const errors: FieldError[] = [];
  const list = child.allegations ?? [];
  const unknown = list.filter((c) => !isMaltreatmentCategory(c));
  if (unknown.length > 0) errors.push({ field, message: `Unknown maltreatment category: ${unknown.join(', ')}` });
  if (new Set(list).size !== list.length) errors.push({ field, message: 'Each maltreatment category can be chosen once' });
  if (list.length === 0) errors.push({ field, message: 'Choose at least one maltreatment category' });
  for (const { category, reason } of requiredCategories(child)) {
    if (!list.includes(category)) errors.push({ field, message: reason });
  }
  return errors;
}
