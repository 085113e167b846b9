import type { Gender } from '@harbor/policy';
import {
  citizenshipStatuses,
  ethnicities,
  exploiterRelationships,
  indicatorCodes,
  livingSituations,
  maltreatmentCategories,
  mandatedReporterTypes,
  placeTypes,
  races,
  referralChannels,
  reporterRelationships,
  type CitizenshipStatus,
  type Ethnicity,
  type ExploiterRelationship,
  type IndicatorCode,
  type LivingSituation,
  type MaltreatmentCategory,
  type MandatedReporterType,
  type PlaceType,
  type Race,
  type ReferralChannel,
  type ReporterRelationship,
} from '@harbor/policy';
import { genders, type ReferralDraft } from '@harbor/policy/api';

/**
 * The intake form's values and their draft (issue 3). The form keeps what was typed as text; the
 * draft the server stores is built from it, leaving out choices not made yet. Pure, unit-tested.
 */
export interface ChildValues {
  /** A key for React lists only; never sent. */
  key: string;
  linkedPersonId: string | null;
  firstName: string;
  lastName: string;
  /** Comma-separated as typed. */
  aliases: string;
  dateOfBirth: string;
  estimatedAge: string;
  gender: Gender | '';
  races: Race[];
  ethnicity: Ethnicity | '';
  primaryLanguage: string;
  citizenship: CitizenshipStatus | '';
  townName: string;
  state: string;
  livingSituation: LivingSituation | '';
  openCase: boolean;
  inDcfCare: boolean;
  prostitutedOrCse: boolean;
  allegations: MaltreatmentCategory[];
  indicators: IndicatorCode[];
}

export interface ExploiterValues {
  key: string;
  unknown: boolean;
  name: string;
  relationship: ExploiterRelationship | '';
  notes: string;
}

export interface PlaceValues {
  key: string;
  townName: string;
  state: string;
  type: PlaceType | '';
  detail: string;
}

export interface ArrestValues {
  isArrest: boolean;
  department: string;
  officerName: string;
  badgeNumber: string;
  policeCaseNumber: string;
  arrestTownName: string;
}

export interface FormValues {
  /** `yyyy-mm-ddThh:mm` in the browser's time, as a datetime-local input holds it. */
  receivedAt: string;
  channel: ReferralChannel | '';
  reporter: {
    anonymous: boolean;
    name: string;
    relationship: ReporterRelationship | '';
    /** '' not chosen, 'none' not a mandated reporter. */
    mandatedReporterType: MandatedReporterType | 'none' | '';
    phone: string;
    email: string;
    organization: string;
  };
  children: ChildValues[];
  exploiters: ExploiterValues[];
  places: PlaceValues[];
  narrative: string;
  otherConcerns: string;
  arrest: ArrestValues;
}

let nextKey = 0;
export const newKey = (): string => `k${++nextKey}`;

export const emptyChild = (): ChildValues => ({
  key: newKey(),
  linkedPersonId: null,
  firstName: '',
  lastName: '',
  aliases: '',
  dateOfBirth: '',
  estimatedAge: '',
  gender: '',
  races: [],
  ethnicity: '',
  primaryLanguage: '',
  citizenship: '',
  townName: '',
  state: 'CT',
  livingSituation: '',
  openCase: false,
  inDcfCare: false,
  prostitutedOrCse: false,
  allegations: [],
  indicators: [],
});
export const emptyExploiter = (): ExploiterValues => ({ key: newKey(), unknown: false, name: '', relationship: '', notes: '' });
export const emptyPlace = (): PlaceValues => ({ key: newKey(), townName: '', state: 'CT', type: '', detail: '' });

// --- Reading what the server holds (its draft is `Record<string, unknown>`). ----------------
type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const bool = (v: unknown): boolean => v === true;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const oneOf = <T extends string>(list: readonly T[], v: unknown): T | '' => ((list as readonly unknown[]).includes(v) ? (v as T) : '');
const someOf = <T extends string>(list: readonly T[], v: unknown): T[] => arr(v).filter((x): x is T => (list as readonly unknown[]).includes(x));

const pad = (n: number) => String(n).padStart(2, '0');
/** An ISO instant as a datetime-local value in this browser's time. */
export function toLocalInput(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** A datetime-local value as an ISO instant, or undefined while it is incomplete. */
export function fromLocalInput(value: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return undefined;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

export function formFromDraft(draft: Obj, receivedAt: string | null): FormValues {
  const reporter = obj(draft['reporter']);
  const contact = obj(reporter['contact']);
  const arrest = obj(draft['arrest']);
  const mandated = reporter['mandatedReporterType'];
  return {
    receivedAt: toLocalInput(str(draft['receivedAt']) || (receivedAt ?? '')),
    channel: oneOf(referralChannels, draft['channel']),
    reporter: {
      anonymous: bool(reporter['anonymous']),
      name: str(reporter['name']),
      relationship: oneOf(reporterRelationships, reporter['relationship']),
      mandatedReporterType: mandated === null ? 'none' : oneOf(mandatedReporterTypes, mandated),
      phone: str(contact['phone']),
      email: str(contact['email']),
      organization: str(contact['organization']),
    },
    // A new referral starts with one child to fill in.
    children: (arr(draft['children']).length > 0 ? arr(draft['children']) : [{}]).map((raw) => {
      const c = obj(raw);
      const dcf = obj(c['dcfInvolvement']);
      return {
        ...emptyChild(),
        linkedPersonId: typeof c['linkedPersonId'] === 'string' ? c['linkedPersonId'] : null,
        firstName: str(c['firstName']),
        lastName: str(c['lastName']),
        aliases: arr(c['aliases']).map(str).filter(Boolean).join(', '),
        dateOfBirth: str(c['dateOfBirth']),
        estimatedAge: str(c['estimatedAge']),
        gender: oneOf(genders, c['gender']),
        races: someOf(races, c['races']),
        ethnicity: oneOf(ethnicities, c['ethnicity']),
        primaryLanguage: str(c['primaryLanguage']),
        citizenship: oneOf(citizenshipStatuses, c['citizenship']),
        townName: str(c['townName']),
        state: c['state'] === undefined ? 'CT' : str(c['state']),
        livingSituation: oneOf(livingSituations, c['livingSituation']),
        openCase: bool(dcf['openCase']),
        inDcfCare: bool(dcf['inDcfCare']),
        prostitutedOrCse: bool(c['prostitutedOrCse']),
        allegations: someOf(maltreatmentCategories, c['allegations']),
        indicators: someOf(indicatorCodes, c['indicators']),
      };
    }),
    exploiters: arr(draft['exploiters']).map((raw) => {
      const e = obj(raw);
      return { key: newKey(), unknown: bool(e['unknown']), name: str(e['name']), relationship: oneOf(exploiterRelationships, e['relationship']), notes: str(e['notes']) };
    }),
    places: arr(draft['places']).map((raw) => {
      const p = obj(raw);
      return { key: newKey(), townName: str(p['townName']), state: p['state'] === undefined ? 'CT' : str(p['state']), type: oneOf(placeTypes, p['type']), detail: str(p['detail']) };
    }),
    narrative: str(draft['narrative']),
    otherConcerns: str(draft['otherConcerns']),
    arrest: {
      isArrest: draft['arrest'] !== undefined,
      department: str(arrest['department']),
      officerName: str(arrest['officerName']),
      badgeNumber: str(arrest['badgeNumber']),
      policeCaseNumber: str(arrest['policeCaseNumber']),
      arrestTownName: str(arrest['arrestTownName']),
    },
  };
}

// --- Building the draft the server stores. --------------------------------------------------
/** Leaves out keys whose value is undefined (the API's schemas are strict and exact). */
function defined<T extends Obj>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
const choice = <T extends string>(v: T | ''): T | undefined => (v === '' ? undefined : v);
const optionalText = (v: string): string | undefined => (v.trim() === '' ? undefined : v);

export function splitAliases(text: string): string[] {
  return text
    .split(',')
    .map((a) => a.trim())
    .filter(Boolean);
}

/** A whole number of years, or null while the age box is empty or not a number. */
function age(text: string): number | null {
  const t = text.trim();
  return /^\d{1,2}$/.test(t) ? Number(t) : null;
}

export function draftFromForm(v: FormValues): ReferralDraft {
  const r = v.reporter;
  const contact = defined({ phone: optionalText(r.phone), email: optionalText(r.email), organization: optionalText(r.organization) });
  const mandated = r.mandatedReporterType === 'none' ? null : choice(r.mandatedReporterType);
  return defined({
    receivedAt: fromLocalInput(v.receivedAt),
    channel: choice(v.channel),
    reporter: defined({
      anonymous: r.anonymous,
      name: r.anonymous ? undefined : r.name,
      relationship: choice(r.relationship),
      mandatedReporterType: mandated,
      contact: r.anonymous || Object.keys(contact).length === 0 ? undefined : contact,
    }),
    children: v.children.map((c) =>
      defined({
        linkedPersonId: c.linkedPersonId,
        firstName: c.firstName,
        lastName: c.lastName,
        aliases: splitAliases(c.aliases),
        dateOfBirth: /^\d{4}-\d{2}-\d{2}$/.test(c.dateOfBirth) ? c.dateOfBirth : null,
        estimatedAge: age(c.estimatedAge),
        gender: choice(c.gender),
        races: c.races,
        ethnicity: choice(c.ethnicity),
        primaryLanguage: c.primaryLanguage,
        citizenship: choice(c.citizenship),
        townName: c.townName.trim() === '' ? null : c.townName,
        state: c.state.trim() === '' ? null : c.state.trim().toUpperCase(),
        livingSituation: choice(c.livingSituation),
        dcfInvolvement: { openCase: c.openCase, inDcfCare: c.inDcfCare },
        prostitutedOrCse: c.prostitutedOrCse,
        allegations: c.allegations,
        indicators: c.indicators,
      }),
    ),
    exploiters: v.exploiters.map((e) =>
      defined({ unknown: e.unknown, name: e.unknown ? undefined : e.name, relationship: choice(e.relationship), notes: optionalText(e.notes) }),
    ),
    places: v.places.map((p) =>
      defined({ townName: p.townName.trim() === '' ? null : p.townName, state: p.state.trim() === '' ? null : p.state.trim().toUpperCase(), type: choice(p.type), detail: optionalText(p.detail) }),
    ),
    // Always sent, so a missing narrative is named by its own rule (CL-3), not as "missing".
    narrative: v.narrative,
    otherConcerns: v.otherConcerns,
    arrest:
      v.arrest.isArrest && v.channel === 'law_enforcement'
        ? defined({
            statute: '53a-82' as const,
            department: v.arrest.department.trim() === '' ? undefined : v.arrest.department,
            officerName: v.arrest.officerName.trim() === '' ? undefined : v.arrest.officerName,
            badgeNumber: optionalText(v.arrest.badgeNumber),
            policeCaseNumber: optionalText(v.arrest.policeCaseNumber),
            arrestTownName: optionalText(v.arrest.arrestTownName),
          })
        : undefined,
  });
}

// --- Field names of the API and the form's element ids. ------------------------------------
/**
 * The id of the form control for a field the server names (`children.0.narrative` style). A
 * field that is a group (a child, the reporter) lands on its first control.
 */
export function fieldId(field: string): string {
  const parts = field.split('.');
  const [head, index, sub] = parts;
  const listFirst: Record<string, string> = { children: 'firstName', exploiters: 'unknown', places: 'townName' };
  if (head === 'children' && parts.length === 1) return 'add-child';
  if (head && head in listFirst && index !== undefined && /^\d+$/.test(index)) {
    if (sub === undefined) return `${head}-${index}-${listFirst[head]}`;
    if (sub === 'dcfInvolvement') return `${head}-${index}-openCase`;
    return `${head}-${index}-${sub}`;
  }
  if (head === 'reporter') {
    if (index === undefined) return 'reporter-anonymous';
    if (index === 'contact') return `reporter-contact-${sub ?? 'phone'}`;
    return `reporter-${index}`;
  }
  if (head === 'arrest') return `arrest-${index ?? 'department'}`;
  return parts.join('-');
}

/** The server's field errors, one message per control (several joined), in the server's order. */
export function errorsById(fields: readonly { field: string; message: string }[], friendly: Readonly<Record<string, string>> = {}): Map<string, string> {
  const out = new Map<string, string>();
  for (const f of fields) {
    const id = fieldId(f.field);
    const last = f.field.split('.').pop() ?? '';
    // zod's own words ("Invalid option: expected one of ...") are replaced by the form's.
    const message = /^Invalid\b/.test(f.message) && friendly[last] ? friendly[last] : f.message;
    const before = out.get(id);
    if (before === undefined) out.set(id, message);
    else if (!before.split(' ').includes(message)) out.set(id, `${before} ${message}`);
  }
  return out;
}
