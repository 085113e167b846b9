import type { ExploiterRelationship, LivingSituation } from './vocabulary.js';
import { locateTown } from './town.js';

/**
 * CL-5: the Exceptional Circumstance - Critical Incident (DCF-823) and the assignment of an
 * accepted referral to a Regional Office or the Special Investigations Unit (SIU).
 */

export interface CriticalIncidentDecision {
  readonly required: boolean;
  /** Why it is required, in the words the DCF-823 and the worker see; null when it is not. */
  readonly reason: string | null;
  readonly clause: 'CL-5';
}

/**
 * CL-5: a Critical Incident is created when the referral is accepted, and whenever trafficking is
 * evident when the report is made, whatever the acceptance decision (`accepted` is null while
 * the decision is still to be made).
 */
export function criticalIncidentRequired(input: {
  readonly accepted: boolean | null;
  readonly htEvident: boolean;
}): CriticalIncidentDecision {
  const reasons: string[] = [];
  if (input.accepted === true) reasons.push('the referral was accepted for investigation');
  if (input.htEvident) reasons.push('human trafficking was evident when the report was made');
  if (reasons.length === 0) return { required: false, reason: null, clause: 'CL-5' };
  const text = reasons.join(' and ');
  return { required: true, reason: `Critical Incident required: ${text}.`, clause: 'CL-5' };
}

/**
 * A condition for sending an accepted referral to the SIU. Every field given must hold for one
 * child of the referral (exploiter relationships: every alleged exploiter of the referral).
 */
export interface SiuRule {
  readonly code: string;
  readonly label: string;
  readonly exploiterRelationshipIn?: readonly ExploiterRelationship[];
  readonly livingSituationIn?: readonly LivingSituation[];
  readonly inDcfCare?: boolean;
}

/** The configurable mapping to the SIU, which investigates harm by the agency and those it licenses. */
export const siuRules: readonly SiuRule[] = [
  { code: 'exploiter_dcf_employee', label: 'An alleged exploiter is a DCF employee', exploiterRelationshipIn: ['dcf_employee'] },
  { code: 'exploiter_foster_parent', label: 'An alleged exploiter is a licensed foster parent', exploiterRelationshipIn: ['foster_parent'] },
  {
    code: 'exploiter_facility_staff',
    label: 'An alleged exploiter works in a program or facility caring for the child',
    exploiterRelationshipIn: ['facility_staff'],
  },
  {
    code: 'in_care_congregate',
    label: 'The child is in DCF care and lives in a congregate-care setting',
    inDcfCare: true,
    livingSituationIn: ['congregate_care'],
  },
];

export interface AssignmentFacts {
  /** The Connecticut town of the referral (`noticeTown`). */
  readonly townName: string;
  readonly children: readonly { readonly livingSituation?: LivingSituation | null; readonly inDcfCare?: boolean | null }[];
  readonly exploiters: readonly { readonly unknown?: boolean | null; readonly relationship?: ExploiterRelationship | null }[];
}

export type AssignmentTarget =
  | { readonly kind: 'siu'; readonly officeCode: 'SIU'; readonly ruleCode: string; readonly reason: string }
  | {
      readonly kind: 'regional_office';
      /** The regional office (`R4-RO`), as in `ct/agency.ts`. */
      readonly officeCode: string;
      readonly regionCode: string;
      /** The area office serving the town, where the investigation worker sits. */
      readonly areaOfficeCode: string;
      readonly reason: string;
    };

function ruleMatches(rule: SiuRule, facts: AssignmentFacts): boolean {
  const relationships = facts.exploiters.flatMap((e) => (e.unknown || !e.relationship ? [] : [e.relationship]));
  if (rule.exploiterRelationshipIn && !relationships.some((r) => rule.exploiterRelationshipIn?.includes(r))) return false;
  const childNeeded = rule.livingSituationIn !== undefined || rule.inDcfCare !== undefined;
  if (!childNeeded) return true;
  return facts.children.some(
    (c) =>
      (rule.livingSituationIn === undefined || (!!c.livingSituation && rule.livingSituationIn.includes(c.livingSituation))) &&
      (rule.inDcfCare === undefined || (c.inDcfCare ?? false) === rule.inDcfCare),
  );
}

/**
 * CL-5: where an accepted referral is investigated: the SIU when an SIU rule matches, otherwise
 * the regional office of the region of the town's area office. Throws on a town that is not in
 * Connecticut.
 */
export function assignmentTarget(facts: AssignmentFacts, rules: readonly SiuRule[] = siuRules): AssignmentTarget {
  const rule = rules.find((r) => ruleMatches(r, facts));
  if (rule) return { kind: 'siu', officeCode: 'SIU', ruleCode: rule.code, reason: rule.label };
  const town = locateTown(facts.townName);
  if (!town) throw new RangeError(`Not a Connecticut town: ${facts.townName}`);
  return {
    kind: 'regional_office',
    officeCode: town.regionalOfficeCode,
    regionCode: town.region.code,
    areaOfficeCode: town.areaOffice.code,
    reason: `${town.town.name} is served by the ${town.areaOffice.name} in ${town.region.name}`,
  };
}
