import type { Permission } from '@harbor/policy';
import type { ComponentType } from 'react';
import type { Home } from '../../../lib/homes';
import { useT } from '../../../i18n';
import { useSignedIn } from '../../../lib/auth';
import { useApprovalsCard, useAssignmentCard, useInvestigationsCard, useMissing737Card, useMyCasesCard, useNoticeProblemsCard, useTriageCard } from '../api';
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

/** The queues of issue 3 that fill a home page's cards with live data. */
export const liveCards: Readonly<Partial<Record<Home, readonly LiveCard[]>>> = {
  careline: [
    { key: 'approvals', permission: 'referral.approve', card: ApprovalsCard },
    { key: 'noticeProblems', permission: 'referral.approve', card: NoticeProblemsCard },
  ],
  supervision: [
    { key: 'approvals', permission: 'referral.approve', replaces: 'approvals', card: ApprovalsCard },
    { key: 'assignment', permission: 'referral.assign', card: AssignmentCard },
  ],
  'hart-director': [
    { key: 'triage', permission: 'referral.triage', replaces: 'triage', card: WaitingCard },
    { key: 'statewide', permission: 'referral.triage', replaces: 'statewide', card: StatewideCard },
    { key: 'missing737', permission: 'case.read', card: Missing737Card },
  ],
  // Casework (issue 4): the investigation worker's checklists, the ongoing worker's cases; HL-2 for HART.
  casework: [
    { key: 'investigations', permission: 'investigation.write', replaces: 'assigned', card: InvestigationsCard },
    { key: 'myCases', permission: 'case.write', card: MyCasesCard },
  ],
  hart: [{ key: 'missing737', permission: 'case.read', replaces: 'notices', card: Missing737Card }],
};
