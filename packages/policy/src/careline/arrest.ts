import type { ArrestReport, ReferralDraft } from '../api/referrals.js';
import type { FieldError } from './common.js';

/**
 * CL-8: when the police arrest a youth for prostitution (Gen. Stat. 53a-82), the officer reports
 * suspected abuse or neglect to DCF (Public Act 11-180) and the Careline takes it as a referral in
 * which the youth is the child victim. A minor is never recorded as the offender: under 53a-82 only
 * a person 18 or older can be guilty of prostitution, and a minor in commercial sex is a victim of
 * sex trafficking.
 */

export interface ArrestedYouth {
  readonly firstName: string;
  readonly lastName?: string;
  readonly dateOfBirth?: string | null;
  readonly estimatedAge?: number | null;
  readonly townName?: string | null;
  readonly state?: string | null;
}

export interface ArrestNotice {
  readonly receivedAt: string;
  readonly report: ArrestReport;
  /** The officer's call-back number. */
  readonly officerPhone?: string;
  readonly youth: ArrestedYouth;
}

/** The message every refusal of CL-8 carries. */
export const victimNotOffenderMessage =
  'A youth arrested for prostitution is the child victim in this referral, never an offender or alleged exploiter ' +
  '(Gen. Stat. 53a-82; CL-8). Record the youth as the child.';

/** CL-8: the referral draft a law-enforcement arrest report starts: the youth is the child victim. */
export function referralFromArrest(notice: ArrestNotice): ReferralDraft {
  const { report, youth } = notice;
  const where = report.arrestTownName ? ` in ${report.arrestTownName}` : '';
  const when = report.arrestedAt ? ` on ${report.arrestedAt.slice(0, 10)}` : '';
  return {
    receivedAt: notice.receivedAt,
    channel: 'law_enforcement',
    reporter: {
      anonymous: false,
      name: report.officerName,
      relationship: 'law_enforcement',
      mandatedReporterType: 'police_officer',
      contact: { organization: report.department, ...(notice.officerPhone ? { phone: notice.officerPhone } : {}) },
    },
    children: [
      {
        firstName: youth.firstName,
        ...(youth.lastName ? { lastName: youth.lastName } : {}),
        aliases: [],
        dateOfBirth: youth.dateOfBirth ?? null,
        estimatedAge: youth.estimatedAge ?? null,
        townName: youth.townName ?? null,
        state: youth.state ?? 'CT',
        prostitutedOrCse: true,
        allegations: ['ht_sex'],
        indicators: ['arrested_for_prostitution'],
      },
    ],
    exploiters: [],
    places: report.arrestTownName ? [{ townName: report.arrestTownName, state: 'CT', type: 'other', detail: 'Place of arrest' }] : [],
    narrative: `${report.department} reports that the youth was arrested for prostitution (Gen. Stat. 53a-82)${where}${when}.`,
    arrest: report,
  };
}

/** CL-8: the role an arrested youth may take in the referral; anything but the child is refused. */
export function checkArrestedYouthRole(role: string): FieldError[] {
  return role === 'child' ? [] : [{ field: 'role', message: victimNotOffenderMessage }];
}

const normal = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * CL-8: refuses a referral that records a child of the referral as an alleged exploiter (the same
 * full name or alias). Used on every referral that comes from an arrest report.
 */
export function victimNotOffenderErrors(referral: {
  readonly children: readonly { readonly firstName?: string; readonly lastName?: string; readonly aliases?: readonly string[] }[];
  readonly exploiters?: readonly { readonly name?: string; readonly unknown?: boolean }[];
}): FieldError[] {
  const childNames = new Set<string>();
  for (const c of referral.children) {
    if (c.firstName && c.lastName) childNames.add(normal(`${c.firstName} ${c.lastName}`));
    for (const a of c.aliases ?? []) if (a.trim()) childNames.add(normal(a));
  }
  const errors: FieldError[] = [];
  (referral.exploiters ?? []).forEach((e, i) => {
    if (!e.unknown && e.name && childNames.has(normal(e.name))) errors.push({ field: `exploiters.${i}.name`, message: victimNotOffenderMessage });
  });
  return errors;
}
