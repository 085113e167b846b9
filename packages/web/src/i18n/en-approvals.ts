import type { ApprovalKind, ApprovalStatus, PartnerAgencyView } from '@harbor/policy/api';
import { count } from './plural';

type PartyKind = PartnerAgencyView['kind'];

/** English strings of the pending-changes page and the directory administration (CF-1). */
export const approvalsEn = {
  pendingChanges: {
    title: 'Changes awaiting approval',
    nav: 'Changes awaiting approval',
    intro:
      'A change that could give one person a child’s identity waits here until a second administrator approves it: a new address for a party whose mail names children, or an account given reach to children’s records beyond one office. The HART Director is told by e-mail of every request and decision.',
    awaiting: 'This change awaits a second administrator. It takes effect only when another administrator approves it in Changes awaiting approval.',
    showLink: 'See changes awaiting approval',
    statusLegend: 'Show',
    statuses: { pending: 'Awaiting approval', approved: 'Approved', rejected: 'Rejected' } satisfies Record<ApprovalStatus, string>,
    kinds: {
      'directory.email': 'New address of a party whose mail names children',
      'user.create': 'New account with wide reach',
      'user.update': 'Account given wider reach',
      'user.reset_password': 'Password reset of an account with wide reach',
    } satisfies Record<ApprovalKind, string>,
    count: (n: number) => (n === 0 ? 'No changes here' : count(n, 'change', 'changes')),
    requested: (who: string, when: string) => `Asked for by ${who} on ${when}`,
    decided: (status: string, who: string, when: string) => `${status} by ${who} on ${when}`,
    field: 'Field',
    from: 'Now',
    to: 'After approval',
    reach: 'Reach to children’s records it gives',
    reason: 'Reason',
    yours: 'You asked for this change: another administrator must approve it. You may withdraw it by rejecting it.',
    approve: 'Approve',
    reject: 'Reject',
    rejectLabel: 'Reason for rejecting',
    rejectHint: 'Told to the HART Director with the decision.',
    rejectError: 'Enter a reason of at most 500 characters',
    approveConfirmHeading: (label: string) => `Approve this change to ${label}?`,
    approveConfirmBody: 'It takes effect at once, and the HART Director is told.',
    approved: 'Approved: the change is now in force.',
    rejectedDone: 'Rejected: nothing was changed.',
    none: '(none)',
  },
  directoryAdmin: {
    title: 'Partner directory',
    nav: 'Partner directory',
    intro:
      'The parties notices and documents go to. A new address for a party whose mail names children (police, HART Leads, the HART Director, the FBI, the Chief State’s Attorney, MDTs) waits for a second administrator. The HART Director’s and HART Leads’ addresses must be in the agency’s mail domain.',
    kind: 'Kind of party',
    kinds: {
      police_department: 'Police departments',
      hart_lead: 'HART Leads',
      hart_director: 'HART Director',
      fbi_field_office: 'FBI field office',
      chief_states_attorney: 'Chief State’s Attorney',
      mdt: 'Multidisciplinary teams',
      hospital: 'Designated hospitals',
      other: 'Other',
    } satisfies Record<PartyKind, string>,
    show: 'Show',
    caption: 'Partner agencies of this kind, by name',
    count: (n: number) => count(n, 'party', 'parties'),
    columns: { name: 'Name', place: 'Town, region or district', email: 'E-mail address', phone: 'Phone', status: 'Status' },
    active: 'Active',
    inactive: 'Inactive',
    edit: (name: string) => `Change contact of ${name}`,
    editTitle: 'Change a contact',
    email: 'E-mail address',
    emailHint: 'Notices and documents go to this address.',
    phone: 'Phone',
    save: 'Save changes',
    saved: 'Changes saved.',
    errors: { email: 'Enter an e-mail address like name@example.gov', phone: 'Enter a phone number of 7 to 40 characters' },
    back: 'Back to the partner directory',
    notFound: 'No such partner agency.',
  },
};

