import type { Permission } from '@harbor/policy';
import type { Messages } from '../../i18n';

/**
 * The primary navigation: each page and the permission the server requires for it. Which
 * permissions a user holds comes from the server's session answer, never from rules copied here.
 */
export interface NavItem {
  to: string;
  permission: Permission;
  label: (t: Messages) => string;
  /** Current only on this very path (not on the pages under it). */
  end?: boolean;
}

export const navItems: readonly NavItem[] = [
  { to: '/work', permission: 'work.read', label: (t) => t.work.nav.mine, end: true },
  { to: '/work/unit', permission: 'work.oversee', label: (t) => t.work.nav.unit },
  { to: '/compliance', permission: 'compliance.read', label: (t) => t.work.nav.compliance },
  { to: '/referrals', permission: 'referral.read', label: (t) => t.referrals.heading, end: true },
  { to: '/referrals/new', permission: 'referral.write', label: (t) => t.referrals.create },
  { to: '/people', permission: 'person.read', label: (t) => t.header.nav.people },
  { to: '/users', permission: 'user.read', label: (t) => t.header.nav.users },
  { to: '/offices', permission: 'office.read', label: (t) => t.header.nav.offices },
  { to: '/directory', permission: 'directory.manage', label: (t) => t.directoryAdmin.nav },
  { to: '/pending-changes', permission: 'approval.decide', label: (t) => t.pendingChanges.nav },
  { to: '/audit/trail', permission: 'audit.read', label: (t) => t.header.nav.audit },
  { to: '/referrals/triage', permission: 'referral.triage', label: (t) => t.queues.nav.triage },
  { to: '/referrals/approvals', permission: 'referral.approve', label: (t) => t.queues.nav.approvals },
  { to: '/referrals/notice-problems', permission: 'referral.approve', label: (t) => t.queues.nav.noticeProblems },
  { to: '/referrals/assignment', permission: 'referral.assign', label: (t) => t.queues.nav.assignment },
  { to: '/cases', permission: 'case.read', label: (t) => t.casework.nav.cases, end: true },
  { to: '/cases/new', permission: 'case.write', label: (t) => t.casework.nav.newCase },
  // HL-2: the liaisons' and leads' list (the Director reaches it from the home page).
  { to: '/hart/missing-737', permission: 'consult.write', label: (t) => t.casework.nav.missing737 },
  { to: '/outgoing-mail', permission: 'outbox.read', label: (t) => t.queues.nav.outgoingMail },
  { to: '/consults', permission: 'consult.read', label: (t) => t.hart.nav.consults },
  { to: '/hart/teams', permission: 'hart_team.read', label: (t) => t.hart.nav.teams },
  { to: '/hart/support', permission: 'hart_support.read', label: (t) => t.hart.nav.support },
];
