import { nonAcceptanceReasons } from '@harbor/policy';
import type { ReferralView } from '@harbor/policy/api';
import { Link, useParams } from 'react-router';
import { DescriptionList } from '../../../components/DescriptionList';
import { BackLink, LinkButton } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { useSignedIn } from '../../../lib/auth';
import { ageOn, formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';
import { useReferral } from '../api';
import { formFromDraft, type ChildValues } from '../draft';
import { Alert } from '../../../components/Alert';
import { DecisionForm } from './DecisionForm';
import { HtFlags } from './HtFlags';
import { NoticesTable, PhoneNoticeForm } from './Notices';

const initials = (c: ChildValues): string => [c.firstName, c.lastName].map((s) => s.trim().charAt(0).toUpperCase()).filter(Boolean).map((s) => `${s}.`).join(' ');

function ChildrenList({ referral }: { referral: ReferralView }) {
  const { t } = useI18n();
  const r = t.referrals;
  const children = formFromDraft(referral.draft, referral.receivedAt).children;
  const ageText = (c: ChildValues) => {
    if (c.dateOfBirth) return r.childAge(ageOn(c.dateOfBirth, new Date()));
    if (c.estimatedAge) return r.childAgeEstimated(Number(c.estimatedAge));
    return t.common.notRecorded;
  };
  return (
    <ul className="usa-list usa-list--unstyled">
      {children.map((c) => (
        <li key={c.key} className="margin-bottom-2">
          <p className="text-bold margin-y-05">{[initials(c), ageText(c), c.townName].filter(Boolean).join(', ')}</p>
          <p className="margin-y-05">
            {r.allegationsTerm}: {c.allegations.map((a) => t.policy.categories[a]).join(', ') || t.common.none}
          </p>
          <p className="margin-y-05">
            {r.indicatorsTerm}: {c.indicators.map((i) => t.policy.indicators[i]).join('; ') || t.common.none}
          </p>
        </li>
      ))}
    </ul>
  );
}

function Decision({ referral }: { referral: ReferralView }) {
  const { t, lang } = useI18n();
  const r = t.referrals;
  const priority = referral.responsePriority;
  const stored = priority && typeof priority['outcomeLabel'] === 'string' ? priority['outcomeLabel'] : null;
  const outcome = priority && typeof priority['outcome'] === 'string' ? priority['outcome'] : null;
  const outcomeLabel = stored === null ? null : policyWord(t.policy.priority.outcomes, outcome, stored);
  const code = referral.nonAcceptanceReason;
  const reason = code ? policyWord(t.queues.reasons, code, nonAcceptanceReasons.find((x) => x.code === code)?.label ?? code) : null;
  const items = [
    { term: r.decisionTerm, value: referral.decision === 'accepted' ? r.accepted : r.notAccepted },
    ...(reason ? [{ term: r.reasonTerm, value: reason }] : []),
    ...(outcomeLabel ? [{ term: r.responseTerm, value: r.seeChild(outcomeLabel) }] : []),
    ...(referral.responseDueAt ? [{ term: r.dueTerm, value: formatDateTime(referral.responseDueAt, lang) }] : []),
    ...(referral.decision === 'accepted'
      ? [
          { term: r.officeTerm, value: referral.assignedOfficeName ?? referral.assignedOfficeCode ?? r.notAssigned },
          { term: r.investigatorTerm, value: referral.investigatorId ? (referral.investigatorName ?? r.investigatorAssigned) : r.notAssigned },
        ]
      : []),
    ...(referral.triage
      ? [{ term: r.triageTerm, value: `${referral.triage.outcomes.map((o) => r.triageOutcomes[o] ?? o).join(', ')}${referral.triage.reason ? ` (${referral.triage.reason})` : ''}, ${formatDateTime(referral.triage.triagedAt, lang)}` }]
      : []),
  ];
  return <DescriptionList items={items} />;
}

/** `/referrals/:id`: the referral after submission, its notices (refreshed) and its decision. */
export function ReferralPage() {
  const { t, lang } = useI18n();
  const r = t.referrals;
  const { can, user } = useSignedIn();
  const id = useParams()['id'] ?? '';
  const query = useReferral(id, true);
  return (
    <>
      <BackLink to="/referrals">{r.back}</BackLink>
      <QueryState query={query}>
        {(referral) => (
          <>
            <PageHeading>{`${t.titles.referral} ${referral.number}`}</PageHeading>
            {referral.status === 'draft' ? (
              <p>
                <Link to={`/referrals/${referral.id}/edit`} className="usa-link">
                  {t.titles.referralEdit}
                </Link>
              </p>
            ) : can('work.read') ? (
              <p>
                <Link to={`/referrals/${referral.id}/timeline`} className="usa-link">
                  {t.work.timeline.link}
                </Link>
              </p>
            ) : null}
            <DescriptionList
              items={[
                { term: r.summary.number, value: referral.number },
                { term: r.summary.status, value: r.statuses[referral.status] },
                { term: r.summary.received, value: referral.receivedAt ? formatDateTime(referral.receivedAt, lang) : t.common.notRecorded },
                { term: r.summary.channel, value: referral.channel ? r.channels[referral.channel] : t.common.notRecorded },
                { term: r.summary.town, value: referral.townName ?? r.noTown },
                { term: r.summary.flags, value: <HtFlags referral={referral} none={r.flagsNone} /> },
                ...(referral.origin
                  ? [
                      {
                        term: r.summary.origin,
                        value:
                          referral.origin.type === 'case'
                            ? r.originCase(referral.origin.number ?? '', referral.origin.allegation ?? 1)
                            : r.originInvestigation(referral.origin.number ?? ''),
                      },
                    ]
                  : []),
              ]}
            />
            {referral.status === 'accepted' && referral.investigatorId === user.id && can('investigation.write') ? (
              <LinkButton to={`/referrals/${referral.id}/investigation`}>{t.casework.investigation.link}</LinkButton>
            ) : null}
            {referral.status === 'not_accepted_pending_approval' && can('referral.approve') ? <LinkButton to={`/referrals/${referral.id}/approval`}>{r.approvalLink}</LinkButton> : null}
            <h2>{r.childrenHeading}</h2>
            <ChildrenList referral={referral} />
            {referral.status !== 'draft' ? (
              <>
                <h2>{r.noticesHeading}</h2>
                {referral.origin?.type === 'case' ? <p>{r.noticesByCase(referral.origin.number ?? '')}</p> : null}
                {referral.notices.length === 0 && !referral.htCharacteristics ? <p>{r.noNoticesNoHt}</p> : <NoticesTable notices={referral.notices} />}
                {can('referral.write') && referral.notices.some((n) => n.means === 'phone' && n.status === 'awaiting_entry') ? <PhoneNoticeForm referral={referral} /> : null}
                <h2>{r.decisionHeading}</h2>
                {referral.decision ? <Decision referral={referral} /> : null}
                {referral.status === 'submitted' && referral.supervisorNote ? (
                  <Alert kind="warning" heading={t.referrals.returnedHeading}>
                    {referral.supervisorNote}
                  </Alert>
                ) : null}
                {referral.status === 'submitted' && can('referral.write') ? <DecisionForm referral={referral} /> : null}
              </>
            ) : null}
          </>
        )}
      </QueryState>
    </>
  );
}
