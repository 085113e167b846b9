import { isNonAcceptanceReason } from './reasons';
import type { ReferralView } from '@harbor/policy/api';
import { DescriptionList } from '../../../components/DescriptionList';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { noticeStatus, ReferralLink, yesNo } from './parts';

/** The referral as the supervisor or the Director needs it to decide: the facts, not the whole record. */
export function ReferralSummary({ referral: r, show }: { referral: ReferralView; show: 'triage' | 'approval' }) {
  const { t, lang } = useI18n();
  const s = t.queues.summary;
  const when = (iso: string | null) => (iso ? formatDateTime(iso, lang) : t.queues.notRecorded);
  const narrative = typeof r.draft['narrative'] === 'string' ? r.draft['narrative'] : '';
  const reason = r.nonAcceptanceReason && isNonAcceptanceReason(r.nonAcceptanceReason) ? t.queues.reasons[r.nonAcceptanceReason] : (r.nonAcceptanceReason ?? t.queues.notRecorded);
  const items = [
    { term: s.number, value: <ReferralLink id={r.id} number={r.number} /> },
    { term: s.received, value: when(r.receivedAt) },
    { term: s.town, value: r.townName ?? t.queues.notRecorded },
    { term: s.status, value: t.queues.statuses[r.status] },
    ...(show === 'triage'
      ? [
          { term: s.ht, value: yesNo(r.htCharacteristics, t) },
          { term: s.evident, value: yesNo(r.htEvident, t) },
          ...(r.responseDueAt ? [{ term: s.due, value: when(r.responseDueAt) }] : []),
          {
            term: s.notices,
            value:
              r.notices.length === 0 ? (
                t.queues.notRecorded
              ) : (
                <ul className="usa-list usa-list--unstyled">
                  {r.notices.map((n) => (
                    <li key={n.id}>{s.notice(t.queues.parties[n.party], n.partnerName, t.queues.noticeProblems.means[n.means] ?? n.means, noticeStatus(n.status, t))}</li>
                  ))}
                </ul>
              ),
          },
          ...(r.triage
            ? [{ term: s.currentTriage, value: s.triaged(formatDateTime(r.triage.triagedAt, lang), r.triage.outcomes.map((o) => t.queues.outcomes[o]).join('; ')) }]
            : []),
        ]
      : [
          { term: s.reason, value: reason },
          { term: s.explanation, value: r.decisionExplanation ?? t.queues.notRecorded },
          { term: s.decided, value: when(r.decidedAt) },
          { term: s.ht, value: yesNo(r.htCharacteristics, t) },
        ]),
    ...(narrative ? [{ term: s.narrative, value: <span className="harbor-narrative">{narrative}</span> }] : []),
  ];
  return (
    <section aria-labelledby="summary-heading" className="harbor-section">
      <h2 id="summary-heading">{s.heading}</h2>
      <DescriptionList items={items} />
    </section>
  );
}
