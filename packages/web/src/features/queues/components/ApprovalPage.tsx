import { FailureAlert } from './parts';
import { approveNonAcceptanceBody, type ReferralView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { Loading } from '../../../components/QueryState';
import { ApiError } from '../../../lib/api-client';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { useApproval, useReferral } from '../api';
import { ReferralLoadError } from './ReferralLoadError';
import { ReferralSummary } from './ReferralSummary';
import { TextAreaField } from '../../../components/fields';

type Field = 'approved' | 'note';
const order: readonly Field[] = ['approved', 'note'];

/** CL-2: a Careline supervisor approves a non-acceptance, or returns it with a note. */
export function ApprovalPage() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useReferral(id);
  return (
    <>
      <BackLink to="/referrals/approvals">{t.queues.backToApprovals}</BackLink>
      <PageHeading>{t.queues.approval.heading}</PageHeading>
      {query.data ? (
        <>
          <ReferralSummary referral={query.data} show="approval" />
          {query.data.status === 'not_accepted_pending_approval' ? (
            <ApprovalForm key={query.data.version} referral={query.data} onReload={() => void query.refetch()} />
          ) : (
            <Alert kind="info">{t.queues.approval.notPending}</Alert>
          )}
        </>
      ) : query.isPending ? (
        <Loading />
      ) : (
        <ReferralLoadError error={query.error} onRetry={() => void query.refetch()} />
      )}
    </>
  );
}

function ApprovalForm({ referral, onReload }: { referral: ReferralView; onReload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const approval = useApproval(referral.id);
  const [choice, setChoice] = useState<'approve' | 'return' | ''>('');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const f = t.queues.approval;

  const fail = (next: FieldErrors<Field>) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    if (choice === '') return fail({ approved: f.errors.approved });
    const parsed = approveNonAcceptanceBody.safeParse({ approved: choice === 'approve', note: note.trim() || undefined, version: referral.version });
    if (!parsed.success) return fail({ note: f.errors.note });
    setErrors({});
    try {
      await approval.mutateAsync(parsed.data);
      await navigate('/referrals/approvals', { state: { flash: parsed.data.approved ? f.approved(referral.number) : f.returned(referral.number) } });
    } catch (err) {
      // A supervisor cannot approve their own decision: the server says so (403), shown as it says it.
      const server = serverFieldErrors(err, order);
      fail(server.fields);
      if (server.message) setFailure({ message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  const radio = (value: 'approve' | 'return', id: string, label: string) => (
    <div className="usa-radio">
      <input
        className="usa-radio__input"
        id={id}
        type="radio"
        name="approved"
        value={value}
        checked={choice === value}
        onChange={() => setChoice(value)}
        aria-invalid={errors.approved ? true : undefined}
      />
      <label className="usa-radio__label" htmlFor={id}>
        {label}
      </label>
    </div>
  );

  return (
    <section aria-labelledby="approval-form-heading" className="harbor-section">
      <h2 id="approval-form-heading">{f.formHeading}</h2>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      <FailureAlert failure={failure} onReload={onReload} />
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={`usa-fieldset usa-form-group${errors.approved ? ' usa-form-group--error' : ''}`} aria-describedby={errors.approved ? 'approved-error' : undefined}>
          <legend className={`usa-legend${errors.approved ? ' usa-label--error' : ''}`}>
            {f.choiceLegend} <span className="harbor-required">{t.common.required}</span>
          </legend>
          {errors.approved ? (
            <span className="usa-error-message" id="approved-error">
              {errors.approved}
            </span>
          ) : null}
          {radio('approve', 'approved', f.approve)}
          {radio('return', 'approved-return', f.return)}
        </fieldset>
        <TextAreaField id="note" label={f.note} hint={f.noteHint} error={errors.note} value={note} maxLength={2000} onChange={(e) => setNote(e.target.value)} />
        <button type="submit" className="usa-button margin-top-3" disabled={approval.isPending}>
          {f.submit}
        </button>
      </form>
    </section>
  );
}
