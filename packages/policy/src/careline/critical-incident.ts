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
 * CL-5 (Policy 21-14 is the human-trafficking policy): a Critical Incident is created when an HT
 * referral (one with HT characteristics, CL-1) is accepted, and whenever trafficking is evident
 * when the report is made, whatever the acceptance decision (`accepted` is null while the
 * decision is still to be made). A referral without HT characteristics (neglect only) needs none,
 * accepted or not. IN-4 (HT first found during an investigation) is the third trigger: its new
 * referral always has one (`criticalIncidentTriggers`).
 */
export function criticalIncidentRequired(input: {
  readonly accepted: boolean | null;
  readonly htEvident: boolean;
  readonly htCharacteristics: boolean;
  /** IN-4: the referral reports HT first identified during an investigation. */
  readonly htFoundInInvestigation?: boolean;
}): CriticalIncidentDecision {
  const reasons: string[] = [];
  if (input.htFoundInInvestigation === true) reasons.push('human trafficking was first identified during an investigation (IN-4)');
  if (input.accepted === true && input.htCharacteristics) reasons.push('the referral, which has HT characteristics, was accepted for investigation');
  if (input.htEvident) reasons.push('human trafficking was evident when the report was made');
  if (reasons.length === 0) return { required: false, reason: null, clause: 'CL-5' };
  const text = reasons.join(' and ');
  return { required: true, reason: `Critical Incident required: ${text}.`, clause: 'CL-5' };
}

/** The events that call for a Critical Incident (DCF-823), each naming the document it triggers. */
export type CriticalIncidentStage = 'report' | 'accepted' | 'ht_found';
export const criticalIncidentTriggers: Readonly<Record<CriticalIncidentStage, { readonly label: string; readonly clause: 'CL-5' | 'IN-4' }>> = {
  report: { label: 'trafficking evident at the report', clause: 'CL-5' },
  accepted: { label: 'HT referral accepted', clause: 'CL-5' },
  ht_found: { label: 'HT first identified during the investigation', clause: 'IN-4' },
};

export type CriticalIncidentStep =
  /** The referral's Critical Incident, version 1: the DCF-823 is mailed to each recipient. */
  | { readonly action: 'create'; readonly version: 1 }
  /** A new version of the same document (earlier versions kept); each recipient gets one short note without the document. */
  | { readonly action: 'update'; readonly version: number; readonly previousVersion: number };

/**
 * CL-5, IN-4, CF-1: one Critical Incident per child per triggering event, and one document per
 * referral. A referral's DCF-823 covers every child of it, so the rule is kept per referral:
 * - the first trigger creates the referral's Critical Incident (version 1), named for that
 *   trigger, and mails it with the document attached to each configured recipient, once;
 * - a later trigger on the same referral (an evident referral then accepted) does not make a
 *   second Critical Incident: it stores a new version of the same document (the earlier ones are
 *   kept, never overwritten) and sends each recipient one short note that the Critical Incident
 *   was updated and why, with no document and no child data in it (the DCF-823 names the
 *   children: it is mailed once, CF-1); the current version is read in Harbor;
 * - an IN-4 referral's Critical Incident is its own (trigger `ht_found`), not a second one on the
 *   investigation's referral, which never had one (it had no HT characteristics).
 * So a recipient gets at most one mail per triggering event, and one DCF-823 document per referral.
 */
export function criticalIncidentStep(input: { readonly currentVersion: number | null }): CriticalIncidentStep {
  if (input.currentVersion === null) return { action: 'create', version: 1 };
  return { action: 'update', version: input.currentVersion + 1, previousVersion: input.currentVersion };
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
