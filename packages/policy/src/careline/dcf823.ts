import { acceptanceDecisionLabels, type AcceptanceDecision } from './acceptance.js';
import { ageText, confidentialityFooter, formatDateTime, type DocumentContent, type DocumentSection } from './document.js';
import { indicatorDef, isIndicatorCode } from './indicators.js';
import { categoryLabels, type MaltreatmentCategory } from './maltreatment.js';
import {
  citizenshipLabels,
  exploiterRelationshipLabels,
  genderLabels,
  type Gender,
  livingSituationLabels,
  placeTypeLabels,
  type CitizenshipStatus,
  type ExploiterRelationship,
  type LivingSituation,
  type PlaceType,
} from './vocabulary.js';

/**
 * CL-5: the content of the Exceptional Circumstance - Critical Incident (DCF-823), for the
 * agency's own leadership. Fuller than the DCF-737: children's names, dates of birth, living
 * situation and DCF involvement, the acceptance decision, response priority and assignment. It
 * still holds no addresses, no reporter's name and not the narrative: the worker writes a short
 * `incidentSummary` for it instead.
 */

export const incidentSummaryMaxLength = 1500;

export interface Dcf823Input {
  readonly referralNumber: string;
  readonly receivedAt: Date | string;
  readonly townName: string;
  /** From `criticalIncidentRequired`. */
  readonly reason: string;
  readonly decision: AcceptanceDecision | null;
  readonly responsePriority?: { readonly label: string; readonly dueAt: Date | string; readonly overridden?: boolean } | null;
  readonly assignedOfficeName?: string | null;
  readonly children: readonly {
    readonly firstName: string;
    readonly lastName?: string | null;
    readonly dateOfBirth?: string | null;
    readonly estimatedAge?: number | null;
    readonly gender: Gender;
    readonly townName?: string | null;
    readonly livingSituation: LivingSituation;
    readonly citizenship: CitizenshipStatus;
    readonly dcfInvolvement: { readonly openCase: boolean; readonly inDcfCare: boolean };
    readonly allegations: readonly MaltreatmentCategory[];
    readonly indicators: readonly string[];
  }[];
  readonly exploiters: readonly { readonly unknown: boolean; readonly relationship: ExploiterRelationship }[];
  readonly places: readonly { readonly townName?: string | null; readonly type: PlaceType }[];
  /** Parties notified by DCF-737, as described by `requiredNotices`. */
  readonly noticesSent: readonly string[];
  /** The worker's short account of the incident for leadership (not the narrative). */
  readonly incidentSummary: string;
  readonly worker: { readonly name: string; readonly callbackPhone: string };
}

const yesNo = (b: boolean): string => (b ? 'Yes' : 'No');
const list = (items: readonly string[]): string => (items.length > 0 ? items.join('; ') : 'None recorded');

/** CL-5: the DCF-823 as data, for the PDF renderer. Throws when the summary is longer than allowed. */
export function dcf823Content(input: Dcf823Input): DocumentContent {
  const summary = input.incidentSummary.trim();
  if (summary.length > incidentSummaryMaxLength) {
    throw new RangeError(`The incident summary is longer than ${incidentSummaryMaxLength} characters`);
  }
  const children: DocumentSection[] = input.children.map((c, i) => ({
    heading: input.children.length > 1 ? `Child ${i + 1} of ${input.children.length}` : 'Child',
    rows: [
      ['Name', [c.firstName, c.lastName].filter(Boolean).join(' ')],
      ['Date of birth', c.dateOfBirth ?? 'Unknown'],
      ['Age', ageText(c, input.receivedAt)],
      ['Gender', genderLabels[c.gender]],
      ['Town of residence', c.townName ?? 'Unknown'],
      ['Living situation', livingSituationLabels[c.livingSituation]],
      ['Citizenship', citizenshipLabels[c.citizenship]],
      ['Open DCF case', yesNo(c.dcfInvolvement.openCase)],
      ['In DCF care', yesNo(c.dcfInvolvement.inDcfCare)],
      ['Allegation categories', list(categoryLabels(c.allegations))],
      ['HT indicators', list(c.indicators.filter(isIndicatorCode).map((code) => indicatorDef(code).label))],
    ],
  }));
  const priority = input.responsePriority;
  return {
    form: 'DCF-823',
    title: 'DCF-823 Exceptional Circumstance - Critical Incident',
    subtitle: 'Department of Children and Families - human trafficking',
    sections: [
      {
        heading: 'Incident',
        rows: [
          ['Referral number', input.referralNumber],
          ['Date and time received', formatDateTime(input.receivedAt)],
          ['Town', input.townName],
          ['Type of incident', 'Human trafficking of a child'],
          ['Why this report', input.reason],
          ['Acceptance', input.decision ? acceptanceDecisionLabels[input.decision] : 'Decision pending'],
          ['Response priority', priority ? `${priority.label}${priority.overridden ? ' (supervisor override)' : ''}` : 'Not set'],
          ['Child to be seen by', priority ? formatDateTime(priority.dueAt) : 'Not set'],
          ['Assigned to', input.assignedOfficeName ?? 'Not assigned'],
        ],
      },
      { heading: 'Summary', paragraphs: [summary || 'No summary written.'] },
      ...children,
      {
        heading: 'Alleged exploiters and places',
        rows: [
          ...input.exploiters.map((e, i) => [`Alleged exploiter ${i + 1}`, e.unknown ? 'Unknown person' : exploiterRelationshipLabels[e.relationship]] as const),
          ...input.places.map((p, i) => [`Place ${i + 1}`, `${placeTypeLabels[p.type]}${p.townName ? `, ${p.townName}` : ''}`] as const),
        ],
      },
      { heading: 'Notices sent (DCF-737)', paragraphs: [list(input.noticesSent)] },
      { heading: 'Contact at DCF', rows: [['Careline worker', input.worker.name], ['Call-back number', input.worker.callbackPhone]] },
    ],
    footer: confidentialityFooter,
  };
}
