import type { CarelineClause } from './common.js';
import type { CriticalIncidentStage } from './critical-incident.js';
import { connecticutTownName, locateTown } from './town.js';

/**
 * CL-4 (Careline) and OG-2 (ongoing worker): who must be told of a referral. Local law
 * enforcement immediately, by phone and by DCF-737; by DCF-737 the region's HART Lead (the HART
 * Director when HT is newly identified on an open case), the FBI, the Office of the Chief State's
 * Attorney and the MDT of the child's judicial district. Parties are named by kind and by the key
 * the partner directory is looked up with; the server resolves them to directory entries.
 */

export const partyKinds = [
  'police_department',
  'hart_lead',
  'hart_director',
  'fbi_field_office',
  'chief_states_attorney',
  'mdt',
] as const;
export type PartyKind = (typeof partyKinds)[number];

/** How a party of each kind is found in the directory. */
export type PartyScope = 'town' | 'region' | 'judicial_district' | 'statewide';

export const partyKindDefs: Readonly<Record<PartyKind, { readonly label: string; readonly scope: PartyScope }>> = {
  police_department: { label: 'Police department', scope: 'town' },
  hart_lead: { label: 'HART Lead', scope: 'region' },
  hart_director: { label: 'HART Director', scope: 'statewide' },
  fbi_field_office: { label: 'FBI field office', scope: 'statewide' },
  chief_states_attorney: { label: 'Office of the Chief State’s Attorney', scope: 'statewide' },
  mdt: { label: 'Multidisciplinary team (MDT)', scope: 'judicial_district' },
};

export type NoticeContext = 'careline' | 'ongoing';

/**
 * Where a Careline referral comes from: a report to the Careline (a call, a form, a police arrest
 * report), HT first found during an investigation (IN-4), or an HT concern or new HT allegation on
 * an open case (OG-3).
 */
export type ReferralOrigin = 'report' | 'investigation' | 'open_case';

export interface ReferralNoticeDecision {
  /** CL-4: the DCF-737s and the immediate phone call to local police. */
  readonly required: boolean;
  /** Why, or why not, in words for the worker and the audit trail. */
  readonly reason: string;
  readonly clause: 'CL-4' | 'OG-2';
}

/**
 * CL-4: which Careline referrals send the DCF-737 "Notification of Suspected Child Trafficking"
 * and the immediate phone call to local police. Policy 21-14 is the human-trafficking policy, so
 * its notices are for referrals with HT characteristics (CL-1: an HT indicator, an HT
 * maltreatment category, a child reported prostituted or commercially sexually exploited); a
 * referral with none (neglect only, say) sends no notice at all.
 *
 * One allegation, one set of notices: a referral made from an HT concern or a new HT allegation
 * on an open case (OG-3) reports an allegation whose five notices the case already sent (OG-2),
 * so it sends none of its own. IN-4's new referral is the only referral of its allegation (the
 * investigation's referral had no HT characteristics, so it sent none): it sends the set.
 */
export function referralNoticesWarranted(input: { readonly htCharacteristics: boolean; readonly origin: ReferralOrigin }): ReferralNoticeDecision {
  if (!input.htCharacteristics) {
    return { required: false, reason: 'No HT characteristics: the referral warrants no DCF-737 and no police notice under the HT policy.', clause: 'CL-4' };
  }
  if (input.origin === 'open_case') {
    return { required: false, reason: 'The open case sent this allegation’s DCF-737s (OG-2); its Careline referral sends none of its own.', clause: 'OG-2' };
  }
  return { required: true, reason: 'HT characteristics: local police by phone and DCF-737 immediately, the HART Lead, FBI, Chief State’s Attorney and MDT by DCF-737.', clause: 'CL-4' };
}
export type NoticeMeans = 'phone' | 'dcf737' | 'dcf823';

export interface NoticeRule {
  readonly context: NoticeContext;
  readonly party: PartyKind;
  readonly means: NoticeMeans;
  readonly immediate: boolean;
  readonly clause: CarelineClause;
}

/** The notice duties as data, in the order the notices are listed to the worker. */
export const noticeRules: readonly NoticeRule[] = [
  { context: 'careline', party: 'police_department', means: 'phone', immediate: true, clause: 'CL-4' },
  { context: 'careline', party: 'police_department', means: 'dcf737', immediate: true, clause: 'CL-4' },
  { context: 'careline', party: 'hart_lead', means: 'dcf737', immediate: false, clause: 'CL-4' },
  { context: 'careline', party: 'fbi_field_office', means: 'dcf737', immediate: false, clause: 'CL-4' },
  { context: 'careline', party: 'chief_states_attorney', means: 'dcf737', immediate: false, clause: 'CL-4' },
  { context: 'careline', party: 'mdt', means: 'dcf737', immediate: false, clause: 'CL-4' },
  { context: 'ongoing', party: 'police_department', means: 'phone', immediate: true, clause: 'OG-2' },
  { context: 'ongoing', party: 'police_department', means: 'dcf737', immediate: true, clause: 'OG-2' },
  { context: 'ongoing', party: 'hart_director', means: 'dcf737', immediate: false, clause: 'OG-2' },
  { context: 'ongoing', party: 'fbi_field_office', means: 'dcf737', immediate: false, clause: 'OG-2' },
  { context: 'ongoing', party: 'chief_states_attorney', means: 'dcf737', immediate: false, clause: 'OG-2' },
  { context: 'ongoing', party: 'mdt', means: 'dcf737', immediate: false, clause: 'OG-2' },
];

export interface RequiredNotice {
  /** Stable within one referral: `police_department.phone`, `mdt.dcf737`. */
  readonly key: string;
  readonly party: PartyKind;
  readonly means: NoticeMeans;
  readonly immediate: boolean;
  readonly clause: CarelineClause;
  /** What the worker reads: "Hartford Police Department (phone call, immediately)". */
  readonly description: string;
  /** How the directory is searched, and with which key (null for a statewide party). */
  readonly resolveBy: PartyScope;
  readonly resolveKey: string | null;
}

/**
 * CL-4 / OG-2: the notices a referral requires, for the Connecticut town that decides the local
 * police and the MDT (see `noticeTown`). Throws on a town that is not in Connecticut.
 */
export function requiredNotices(input: { context: NoticeContext; townName: string }): RequiredNotice[] {
  const party = partyNoticeFor(input.townName);
  return noticeRules.filter((r) => r.context === input.context).map((r) => party(r.party, r.means, r.immediate, r.clause));
}

/** Builds the notice to one party about a Connecticut town: its directory scope and key, and what the worker reads. */
function partyNoticeFor(townName: string) {
  const facts = locateTown(townName);
  if (!facts) throw new RangeError(`Not a Connecticut town: ${townName}`);
  const keys: Readonly<Record<PartyScope, string | null>> = {
    town: facts.town.name,
    region: facts.region.code,
    judicial_district: facts.judicialDistrict.code,
    statewide: null,
  };
  const names: Readonly<Record<PartyKind, string>> = {
    police_department: `${facts.town.name} Police Department`,
    hart_lead: `HART Lead, ${facts.region.name}`,
    hart_director: 'HART Director',
    fbi_field_office: 'FBI field office',
    chief_states_attorney: 'Office of the Chief State’s Attorney',
    mdt: `Multidisciplinary team, ${facts.judicialDistrict.name} judicial district`,
  };
  const how: Readonly<Record<NoticeMeans, string>> = { phone: 'phone call', dcf737: 'DCF-737', dcf823: 'DCF-823 Critical Incident' };
  return (party: PartyKind, means: NoticeMeans, immediate: boolean, clause: CarelineClause, keySuffix = ''): RequiredNotice => {
    const scope = partyKindDefs[party].scope;
    return {
      key: `${party}.${means}${keySuffix}`,
      party,
      means,
      immediate,
      clause,
      description: `${names[party]} (${how[means]}${immediate ? ', immediately' : ''})`,
      resolveBy: scope,
      resolveKey: keys[scope],
    };
  };
}

/**
 * CL-5: who receives the Exceptional Circumstance - Critical Incident (DCF-823). The agency
 * configures the list (HARBOR_CRITICAL_INCIDENT_TO); by default the HART Director, who holds the
 * statewide picture (DR-1).
 */
export const defaultCriticalIncidentRecipients: readonly PartyKind[] = ['hart_director'];

/**
 * Who may receive it at all: the DCF-823 names the children and gives their dates of birth (it is
 * for the agency's own leadership), so only the agency's own parties, never an outside agency.
 */
export const criticalIncidentPartyKinds = ['hart_director', 'hart_lead'] as const satisfies readonly PartyKind[];

/**
 * CL-5, IN-4: the DCF-823 notices of a referral about a Connecticut town, one per configured
 * recipient and triggering event (`criticalIncidentTriggers`): trafficking evident at the report
 * (`report`), the HT referral accepted (`accepted`), HT first identified during an investigation
 * (`ht_found`, on IN-4's new referral). The first is the document itself, a later one the note of
 * its new version (`criticalIncidentStep`).
 */
const stageSuffix: Readonly<Record<CriticalIncidentStage, string>> = { report: '', accepted: '.accepted', ht_found: '.ht_found' };
export function criticalIncidentNotices(input: { townName: string; recipients: readonly PartyKind[]; stage: CriticalIncidentStage }): RequiredNotice[] {
  const party = partyNoticeFor(input.townName);
  const suffix = stageSuffix[input.stage];
  return [...new Set(input.recipients)].map((p) => party(p, 'dcf823', true, 'CL-5', suffix));
}

interface TownBearing {
  readonly townName?: string | null;
  readonly state?: string | null;
}

/**
 * The Connecticut town whose police and MDT are notified: the first child's town of residence in
 * Connecticut, otherwise the first place of the events in Connecticut; null when there is none
 * (a child from another state with no Connecticut incident: the worker chooses).
 */
export function noticeTown(referral: {
  readonly children?: readonly TownBearing[] | null;
  readonly places?: readonly TownBearing[] | null;
}): string | null {
  const inCt = (x: TownBearing): string | null =>
    x.townName && (x.state ?? 'CT') === 'CT' ? connecticutTownName(x.townName) : null;
  for (const list of [referral.children ?? [], referral.places ?? []]) {
    for (const item of list) {
      const town = inCt(item);
      if (town) return town;
    }
  }
  return null;
}
