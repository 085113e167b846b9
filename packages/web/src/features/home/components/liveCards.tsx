import type { Permission } from '@harbor/policy';
import type { ComponentType } from 'react';
import type { Home } from '../../../lib/homes';
import { useT } from '../../../i18n';
import { useSignedIn } from '../../../lib/auth';
import { useApprovalsCard, useAssignmentCard, useConsultsCard, useInvestigationsCard, useMissing737Card, useMyCasesCard, useMyWorkCard, useNoticeProblemsCard, useSupportCard, useTriageCard } from '../api';
import { LiveQueueCard } from './LiveQueueCard';

/** Each live card reads its own queue (one hook per card component). */
function TriageCard({ onlyWaiting }: { onlyWaiting: boolean }) {
  const t = useT();
  const query = useTriageCard(onlyWaiting);
  return <LiveQueueCard text={onlyWaiting ? t.homeLive.triage : t.homeLive.statewide} query={query} to="/referrals/triage" countText={t.homeLive.count} />;
}
const WaitingCard = () => <TriageCard onlyWaiting />;
const StatewideCard = () => <TriageCard onlyWaiting={false} />;
function ApprovalsCard() {
  const t = useT();
  return <LiveQueueCard text={t.homeLive.approvals} query={useApprovalsCard()} to="/referrals/approvals" countText={t.homeLive.count} />;
}
function AssignmentCard() {
  const t = useT();
  return <LiveQueueCard text={t.homeLive.assignment} query={useAssignmentCard()} to="/referrals/assignment" countText={t.homeLive.count} />;
}
function NoticeProblemsCard() {
  const t = useT();
  return <LiveQueueCard text={t.homeLive.noticeProblems} query={useNoticeProblemsCard()} to="/referrals/notice-problems" countText={t.homeLive.noticeCount} />;
}

/** Issue 4, item 7: My work: how many open duties, how many overdue, the first few. */
function MyWorkCard() {
  const t = useT();
  const query = useMyWorkCard();
  const w = t.work.home;
  const overdue = query.data?.overdue;
  const detail = overdue ? (overdue.more ? t.homeLive.orMore(w.overdue(overdue.count)) : w.overdue(overdue.count)) : null;
  return <LiveQueueCard text={{ title: w.title, empty: w.empty, link: w.link }} query={query} to="/work" countText={w.count} detail={detail} />;
}

function ConsultsDueCard() {
  const t = useT();
  return <LiveQueueCard text={t.hart.home.consultsDue} query={useConsultsCard('requested')} to="/consults?status=requested" countText={t.hart.home.count} />;
}
function EntriesDueCard() {
  const t = useT();
  return <LiveQueueCard text={t.hart.home.entries} query={useConsultsCard('held')} to="/consults?status=held" countText={t.hart.home.count} />;
}
function SupportCard() {
  const t = useT();
  return <LiveQueueCard text={t.hart.home.support} query={useSupportCard('open')} to="/hart/support" countText={t.hart.home.count} />;
}
function EscalationsCard() {
  const t = useT();
  return <LiveQueueCard text={t.hart.home.escalations} query={useSupportCard('escalated')} to="/hart/support" countText={t.hart.home.count} />;
}
function MyCasesCard() {
  const t = useT();
  return <LiveQueueCard text={t.casework.home.myCases} query={useMyCasesCard()} to="/cases" countText={t.casework.home.count} />;
}
function InvestigationsCard() {
  const t = useT();
  const { user } = useSignedIn();
  return <LiveQueueCard text={t.casework.home.investigations} query={useInvestigationsCard(user.id)} to="/referrals" countText={t.casework.home.count} />;
}
function Missing737Card() {
  const t = useT();
  return <LiveQueueCard text={t.casework.home.missing737} query={useMissing737Card()} to="/hart/missing-737" countText={t.casework.home.count} />;
}

export interface LiveCard {
  key: string;
  /** The permission the server asks for the queue behind the card. */
  permission: Permission;
  /** The empty placeholder card of the home page this one takes the place of. */
  replaces?: string;
  card: ComponentType;
}

/** The queues that fill a home page's cards with live data. */
export const liveCards: Readonly<Partial<Record<Home, readonly LiveCard[]>>> = {
  careline: [
    { key: 'approvals', permission: 'referral.approve', card: ApprovalsCard },
    { key: 'noticeProblems', permission: 'referral.approve', card: NoticeProblemsCard },
  ],
  supervision: [
    { key: 'work', permission: 'work.read', card: MyWorkCard },
    { key: 'approvals', permission: 'referral.approve', replaces: 'approvals', card: ApprovalsCard },
    { key: 'assignment', permission: 'referral.assign', card: AssignmentCard },
  ],
  // HART liaisons and Leads: consults to hold (HL-1) and to enter (HL-5), support requests (LD-2).
  hart: [
    { key: 'work', permission: 'work.read', card: MyWorkCard },
    { key: 'consults', permission: 'consult.write', replaces: 'consults', card: ConsultsDueCard },
    { key: 'entries', permission: 'consult.write', replaces: 'entries', card: EntriesDueCard },
    { key: 'support', permission: 'hart_support.read', card: SupportCard },
    { key: 'missing737', permission: 'case.read', replaces: 'notices', card: Missing737Card },
  ],
  'hart-director': [
    { key: 'work', permission: 'work.read', card: MyWorkCard },
    { key: 'escalations', permission: 'hart_support.read', card: EscalationsCard },
    { key: 'triage', permission: 'referral.triage', replaces: 'triage', card: WaitingCard },
    { key: 'statewide', permission: 'referral.triage', replaces: 'statewide', card: StatewideCard },
    { key: 'missing737', permission: 'case.read', card: Missing737Card },
  ],
  // Casework (issue 4): the investigation worker's checklists, the ongoing worker's cases; HL-2 for HART.
  casework: [
    { key: 'work', permission: 'work.read', replaces: 'due', card: MyWorkCard },
    { key: 'investigations', permission: 'investigation.write', replaces: 'assigned', card: InvestigationsCard },
    { key: 'myCases', permission: 'case.write', card: MyCasesCard },
  ],
};
