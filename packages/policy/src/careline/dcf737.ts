import { ageText, confidentialityFooter, formatDateTime, initials, type DocumentContent, type DocumentSection } from './document.js';
import { indicatorDef, isIndicatorCode } from './indicators.js';
import { categoryLabels, type MaltreatmentCategory } from './maltreatment.js';
import {
  genderLabels,
  type Gender,
  mandatedReporterTypeLabels,
  reporterRelationshipLabels,
  type MandatedReporterType,
  type ReporterRelationship,
} from './vocabulary.js';

/**
 * CL-4 (and OG-2): the content of a DCF-737 notice to an outside party. It holds the minimum
 * necessary (CF-1): the referral number, when it was received, each child's initials, age and
 * gender, the town, the allegation categories, the indicators, the reporter's type, and whom to
 * call back. It never holds the narrative, full names, addresses or the reporter's name: this
 * function copies only the fields it names, whatever else the caller's object carries.
 */

export interface Dcf737Child {
  readonly firstName: string;
  readonly lastName?: string | null;
  readonly dateOfBirth?: string | null;
  readonly estimatedAge?: number | null;
  readonly gender: Gender;
  readonly allegations: readonly MaltreatmentCategory[];
  readonly indicators: readonly string[];
}

export interface Dcf737Input {
  readonly referralNumber: string;
  readonly receivedAt: Date | string;
  /** The Connecticut town of the referral (`noticeTown`). */
  readonly townName: string;
  readonly children: readonly Dcf737Child[];
  readonly reporter: {
    readonly anonymous: boolean;
    readonly relationship?: ReporterRelationship | null;
    readonly mandatedReporterType?: MandatedReporterType | null;
  };
  readonly worker: { readonly name: string; readonly callbackPhone: string };
  /** Who sends it: the Careline (CL-4) or an ongoing worker on an open case (OG-2). */
  readonly context?: 'careline' | 'ongoing';
}

/** The reporter as a type, never by name: "Police officer (mandated reporter)", "Anonymous". */
export function reporterTypeText(reporter: Dcf737Input['reporter']): string {
  if (reporter.mandatedReporterType) return `${mandatedReporterTypeLabels[reporter.mandatedReporterType]} (mandated reporter)`;
  if (reporter.anonymous) return 'Anonymous reporter';
  if (reporter.relationship) return reporterRelationshipLabels[reporter.relationship];
  return 'Not recorded';
}

const indicatorLabels = (codes: readonly string[]): string[] =>
  codes.filter(isIndicatorCode).map((c) => indicatorDef(c).label);

/** CL-4: the DCF-737 as data, for the PDF renderer. */
export function dcf737Content(input: Dcf737Input): DocumentContent {
  const childSections: DocumentSection[] = input.children.map((child, i) => {
    const indicators = indicatorLabels(child.indicators);
    return {
      heading: input.children.length > 1 ? `Child ${i + 1} of ${input.children.length}` : 'Child',
      rows: [
        ['Initials', initials(child.firstName, child.lastName)],
        ['Age', ageText(child, input.receivedAt)],
        ['Gender', genderLabels[child.gender]],
        ['Allegation categories', categoryLabels(child.allegations).join('; ') || 'None recorded'],
        ['HT indicators', indicators.length > 0 ? indicators.join('; ') : 'None recorded'],
      ],
    };
  });
  const from = input.context === 'ongoing' ? 'an open case' : 'a Careline referral';
  return {
    form: 'DCF-737',
    title: 'DCF-737 Notification of Suspected Child Trafficking',
    subtitle: `Department of Children and Families - notice of ${from}`,
    sections: [
      {
        heading: 'Referral',
        rows: [
          ['Referral number', input.referralNumber],
          ['Date and time received', formatDateTime(input.receivedAt)],
          ['Town', input.townName],
          ['Reporter type', reporterTypeText(input.reporter)],
        ],
      },
      ...childSections,
      {
        heading: 'Contact at DCF',
        rows: [
          ['Worker', input.worker.name],
          ['Call-back number', input.worker.callbackPhone],
        ],
        paragraphs: [
          'This notice holds only the information needed to alert you. Call the number above for more, ' +
            'under the confidentiality laws that apply to your agency.',
        ],
      },
    ],
    footer: confidentialityFooter,
  };
}
