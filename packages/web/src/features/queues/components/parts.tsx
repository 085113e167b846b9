import { outboxStatuses, type OutboxStatus, type ReferralSummaryView } from '@harbor/policy/api';
import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { useT, type Messages } from '../../../i18n';

const isOutboxStatus = (s: string): s is OutboxStatus => (outboxStatuses as readonly string[]).includes(s);

/** A referral's number, linking to its page (the referral pages of issue 3). */
export function ReferralLink({ id, number }: { id: string; number: string }) {
  return (
    <Link to={`/referrals/${id}`} className="usa-link">
      {number}
    </Link>
  );
}

/** The Careline's decision in words (CL-2). */
export function decisionText(r: Pick<ReferralSummaryView, 'decision' | 'status'>, t: Messages): string {
  if (r.status === 'not_accepted_pending_approval') return t.queues.decision.pending;
  if (r.decision === 'accepted') return t.queues.decision.accepted;
  if (r.decision === 'not_accepted') return t.queues.decision.not_accepted;
  return t.queues.decision.none;
}

/** A notice's delivery status in words: the outbox's for an e-mail, or a phone call not yet recorded (CL-4). */
export function noticeStatus(status: string, t: Messages): string {
  if (status === 'awaiting_entry') return t.queues.summary.callNotRecorded;
  return isOutboxStatus(status) ? t.outbox.statuses[status] : status;
}

export const yesNo = (v: boolean, t: Messages) => (v ? t.queues.yes : t.queues.no);


/** What the page shows for a referral the server does not find within the caller's reach. */
export function NotInReach() {
  const t = useT();
  return (
    <div className="usa-alert usa-alert--info usa-alert--slim" role="status">
      <div className="usa-alert__body">
        <p className="usa-alert__text">{t.queues.notFound}</p>
      </div>
    </div>
  );
}

/** A refused change, in the server's words; after a conflict (409) the latest version can be read again. */
export function FailureAlert({ failure, onReload }: { failure: { message: string; conflict: boolean } | null; onReload: () => void }) {
  const t = useT();
  if (!failure) return null;
  return (
    <Alert kind="error">
      {failure.message}{' '}
      {failure.conflict ? (
        <button type="button" className="usa-button usa-button--unstyled" onClick={onReload}>
          {t.common.reload}
        </button>
      ) : null}
    </Alert>
  );
}
