import type { Permission } from '@harbor/policy';
import type { ReactNode } from 'react';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { AuditPage } from '../features/audit/components/AuditPage';
import { ConsultPage } from '../features/hart/components/ConsultPage';
import { ConsultsListPage } from '../features/hart/components/ConsultsListPage';
import { SupportListPage } from '../features/hart/components/SupportListPage';
import { SupportPage } from '../features/hart/components/SupportPage';
import { TeamsPage } from '../features/hart/components/TeamsPage';
import { CasePage } from '../features/casework/components/CasePage';
import { CasesListPage } from '../features/casework/components/CasesListPage';
import { InvestigationPage } from '../features/casework/components/InvestigationPage';
import { Missing737Page } from '../features/casework/components/Missing737Page';
import { NewCasePage } from '../features/casework/components/NewCasePage';
import { RaiseConcernPage } from '../features/casework/components/RaiseConcernPage';
import { RoleHomePage } from '../features/home/components/RoleHomePage';
import { OutgoingMailPage } from '../features/outbox/components/OutgoingMailPage';
import { ApprovalPage } from '../features/queues/components/ApprovalPage';
import { ApprovalsPage } from '../features/queues/components/ApprovalsPage';
import { AssignmentQueuePage } from '../features/queues/components/AssignmentQueuePage';
import { AssignPage } from '../features/queues/components/AssignPage';
import { NoticeProblemsPage } from '../features/queues/components/NoticeProblemsPage';
import { TriagePage } from '../features/queues/components/TriagePage';
import { TriageQueuePage } from '../features/queues/components/TriageQueuePage';
import { OfficeCreatePage } from '../features/offices/components/OfficeCreatePage';
import { OfficePage } from '../features/offices/components/OfficePage';
import { OfficesListPage } from '../features/offices/components/OfficesListPage';
import { NewReferralPage } from '../features/referrals/components/NewReferralPage';
import { ReferralEditPage } from '../features/referrals/components/ReferralEditPage';
import { ReferralPage } from '../features/referrals/components/ReferralPage';
import { ReferralsListPage } from '../features/referrals/components/ReferralsListPage';
import { PeopleListPage } from '../features/people/components/PeopleListPage';
import { PersonDetailPage } from '../features/people/components/PersonDetailPage';
import { ChangePasswordPage } from '../features/session/components/ChangePasswordPage';
import { SignInPage } from '../features/session/components/SignInPage';
import { PendingChangesPage } from '../features/approvals/components/PendingChangesPage';
import { DirectoryAdminPage } from '../features/directory/components/DirectoryAdminPage';
import { PartnerEditPage } from '../features/directory/components/PartnerEditPage';
import { UserCreatePage } from '../features/users/components/UserCreatePage';
import { UserDetailPage } from '../features/users/components/UserDetailPage';
import { UsersListPage } from '../features/users/components/UsersListPage';
import { CompliancePage } from '../features/work/components/CompliancePage';
import { MyWorkPage } from '../features/work/components/MyWorkPage';
import { ObligationPage } from '../features/work/components/ObligationPage';
import { TimelinePage } from '../features/work/components/TimelinePage';
import { UnitWorkPage } from '../features/work/components/UnitWorkPage';
import { homes } from '../lib/homes';
import { HomeRedirect, RequirePermission, RequireSession } from './guards';
import { RootLayout } from './layout/RootLayout';
import { AppErrorPage } from './pages/AppErrorPage';
import { NotFoundPage } from './pages/NotFoundPage';
import { titled } from './title';

/** A page that needs a permission (the server's name for it; the server decides again). */
const guarded = (permission: Permission, page: ReactNode) => <RequirePermission permission={permission}>{page}</RequirePermission>;

/** Every page of the web app, with its title (the one list of page titles). */
export const routes: RouteObject[] = [
  {
    element: <RootLayout />,
    errorElement: <AppErrorPage />,
    children: [
      { path: 'sign-in', element: <SignInPage />, ...titled((t) => t.titles.signIn) },
      {
        element: <RequireSession />,
        children: [
          { index: true, element: <HomeRedirect />, ...titled((t) => t.titles.home) },
          { path: 'change-password', element: <ChangePasswordPage />, ...titled((t) => t.titles.changePassword) },
          ...homes.map((home) => ({ path: home, element: <RoleHomePage home={home} />, ...titled((t) => t.titles.homes[home]) })),
          { path: 'referrals', element: guarded('referral.read', <ReferralsListPage />), ...titled((t) => t.titles.referrals) },
          { path: 'referrals/new', element: guarded('referral.write', <NewReferralPage />), ...titled((t) => t.titles.referralNew) },
          { path: 'referrals/:id/edit', element: guarded('referral.write', <ReferralEditPage />), ...titled((t) => t.titles.referralEdit) },
          { path: 'referrals/:id', element: guarded('referral.read', <ReferralPage />), ...titled((t) => t.titles.referral) },
          { path: 'people', element: guarded('person.read', <PeopleListPage />), ...titled((t) => t.titles.people) },
          { path: 'people/:id', element: guarded('person.read', <PersonDetailPage />), ...titled((t) => t.titles.person) },
          { path: 'users', element: guarded('user.read', <UsersListPage />), ...titled((t) => t.titles.users) },
          { path: 'users/new', element: guarded('user.manage', <UserCreatePage />), ...titled((t) => t.titles.userNew) },
          { path: 'users/:id', element: guarded('user.read', <UserDetailPage />), ...titled((t) => t.titles.user) },
          // CF-1: changes awaiting a second administrator, and the partner directory they concern.
          { path: 'pending-changes', element: guarded('approval.decide', <PendingChangesPage />), ...titled((t) => t.pendingChanges.title) },
          { path: 'directory', element: guarded('directory.manage', <DirectoryAdminPage />), ...titled((t) => t.directoryAdmin.title) },
          { path: 'directory/:id', element: guarded('directory.manage', <PartnerEditPage />), ...titled((t) => t.directoryAdmin.editTitle) },
          { path: 'offices', element: guarded('office.read', <OfficesListPage />), ...titled((t) => t.titles.offices) },
          { path: 'offices/new', element: guarded('office.manage', <OfficeCreatePage />), ...titled((t) => t.titles.officeNew) },
          { path: 'offices/:id', element: guarded('office.read', <OfficePage />), ...titled((t) => t.titles.office) },
          { path: 'audit/trail', element: guarded('audit.read', <AuditPage />), ...titled((t) => t.titles.auditTrail) },
          // The supervisors' and the HART Director's queues (CL-2, CL-4, CL-5, DR-1, DR-2) and outgoing mail.
          { path: 'referrals/triage', element: guarded('referral.triage', <TriageQueuePage />), ...titled((t) => t.titles.triageQueue) },
          { path: 'referrals/:id/triage', element: guarded('referral.triage', <TriagePage />), ...titled((t) => t.titles.triage) },
          { path: 'referrals/approvals', element: guarded('referral.approve', <ApprovalsPage />), ...titled((t) => t.titles.approvals) },
          { path: 'referrals/:id/approval', element: guarded('referral.approve', <ApprovalPage />), ...titled((t) => t.titles.approval) },
          { path: 'referrals/notice-problems', element: guarded('referral.approve', <NoticeProblemsPage />), ...titled((t) => t.titles.noticeProblems) },
          { path: 'referrals/assignment', element: guarded('referral.assign', <AssignmentQueuePage />), ...titled((t) => t.titles.assignmentQueue) },
          { path: 'referrals/:id/assignment', element: guarded('referral.assign', <AssignPage />), ...titled((t) => t.titles.assign) },
          // Duties (issue 4, items 2, 7, 8): work queues, compliance, a duty, the case timeline.
          { path: 'work', element: guarded('work.read', <MyWorkPage />), ...titled((t) => t.work.mine.heading) },
          { path: 'work/unit', element: guarded('work.oversee', <UnitWorkPage />), ...titled((t) => t.work.unit.heading) },
          { path: 'compliance', element: guarded('compliance.read', <CompliancePage />), ...titled((t) => t.work.compliance.heading) },
          { path: 'obligations/:id', element: guarded('work.read', <ObligationPage />), ...titled((t) => t.work.duty.heading) },
          { path: 'referrals/:id/timeline', element: guarded('work.read', <TimelinePage type="referral" />), ...titled((t) => t.work.timeline.title) },
          { path: 'cases/:id/timeline', element: guarded('work.read', <TimelinePage type="case" />), ...titled((t) => t.work.timeline.title) },
          // Casework (issue 4): open cases and the HT concern (OG-1 .. OG-4), the investigation checklist (IN-1 .. IN-8), HL-2.
          { path: 'cases', element: guarded('case.read', <CasesListPage />), ...titled((t) => t.casework.titles.cases) },
          { path: 'cases/new', element: guarded('case.write', <NewCasePage />), ...titled((t) => t.casework.titles.caseNew) },
          { path: 'cases/:id', element: guarded('case.read', <CasePage />), ...titled((t) => t.casework.titles.case) },
          { path: 'cases/:id/ht-concern', element: guarded('case.write', <RaiseConcernPage />), ...titled((t) => t.casework.titles.concern) },
          { path: 'cases/:id/ht-allegation', element: guarded('case.write', <RaiseConcernPage mode="allegation" />), ...titled((t) => t.casework.titles.allegation) },
          { path: 'referrals/:id/investigation', element: guarded('work.read', <InvestigationPage />), ...titled((t) => t.casework.titles.investigation) },
          { path: 'hart/missing-737', element: guarded('case.read', <Missing737Page />), ...titled((t) => t.casework.titles.missing737) },
          { path: 'outgoing-mail', element: guarded('outbox.read', <OutgoingMailPage />), ...titled((t) => t.titles.outgoingMail) },
          // HART consults (HL-1 .. HL-6), local teams (LD-1), support and escalations (LD-2, LD-4, DR-3).
          { path: 'consults', element: guarded('consult.read', <ConsultsListPage />), ...titled((t) => t.hart.titles.consults) },
          { path: 'consults/:id', element: guarded('consult.read', <ConsultPage />), ...titled((t) => t.hart.titles.consult) },
          { path: 'hart/teams', element: guarded('hart_team.read', <TeamsPage />), ...titled((t) => t.hart.titles.teams) },
          { path: 'hart/support', element: guarded('hart_support.read', <SupportListPage />), ...titled((t) => t.hart.titles.support) },
          { path: 'hart/support/:id', element: guarded('hart_support.read', <SupportPage />), ...titled((t) => t.hart.titles.supportRequest) },
          { path: '*', element: <NotFoundPage />, ...titled((t) => t.titles.notFound) },
        ],
      },
    ],
  },
];

export const createRouter = () => createBrowserRouter(routes);
