import type { WorkItemView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { useI18n, type Messages } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';

/** Where a duty's record is: its consult, referral or case page (a child has none here). */
export const subjectPath = (type: string, id: string): string | null =>
  type === 'consult' ? `/consults/${id}` : type === 'referral' ? `/referrals/${id}` : type === 'case' ? `/cases/${id}` : null;

/** A duty's name in the page's language: the duties pages' own wording where they have one, else the policy pack's. */
export const dutyLabel = (d: Pick<WorkItemView, 'completes' | 'label'>, t: Messages): string => t.work.duties[d.completes] ?? policyWord(t.policy.duties, d.completes, d.label);

/** The record a duty is about: its kind and number, linking to its page. */
export function SubjectLink({ duty }: { duty: Pick<WorkItemView, 'subjectType' | 'subjectId' | 'subjectNumber'> }) {
  const { t, lang } = useI18n();
  const text = `${t.work.subjectTypes[duty.subjectType] ?? duty.subjectType} ${monthOf(duty.subjectNumber, lang) ?? duty.subjectNumber ?? ''}`.trim();
  const to = subjectPath(duty.subjectType, duty.subjectId);
  return to ? (
    <Link to={to} className="usa-link">
      {text}
    </Link>
  ) : (
    <>{text}</>
  );
}

/** Who owns a duty: a person by name, or a role (with its office). */
export function ownerText(d: Pick<WorkItemView, 'ownerName' | 'ownerRole' | 'officeCode'>, t: Messages): string {
  if (d.ownerName) return d.ownerName;
  if (d.ownerRole) return t.work.ownerRole(t.roles[d.ownerRole as keyof Messages['roles']] ?? d.ownerRole, d.officeCode);
  return t.common.notRecorded;
}

/** HL-5's month ("2026-11") in words ("November 2026"); anything else is not a month. */
function monthOf(value: string | null, lang: string): string | null {
  const m = value ? /^(\d{4})-(\d{2})$/.exec(value) : null;
  if (!m) return null;
  return new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, 1)));
}
