import { FailureAlert } from './parts';
import { triageOutcomes, type TriageOutcome } from '@harbor/policy';
import { triageReferralBody, type ReferralView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { Loading } from '../../../components/QueryState';
import { ApiError } from '../../../lib/api-client';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT, type Messages } from '../../../i18n';
import { useReferral, useTriage } from '../api';
import { ReferralLoadError } from './ReferralLoadError';
import { ReferralSummary } from './ReferralSummary';
import { TextAreaField } from '../../../components/fields';

type Field = 'outcomes' | 'reason';
const order: readonly Field[] = ['outcomes', 'reason'];

/** DR-2, as the policy pack's checkTriage words it, in the page's language. */
function check(outcomes: readonly TriageOutcome[], reason: string, t: Messages): FieldErrors<Field> {
  const e = t.queues.triage.errors;
  const errors: FieldErrors<Field> = {};
  if (outcomes.length === 0) errors.outcomes = e.outcomes;
  if (outcomes.includes('no_further_action')) {
    if (outcomes.length > 1) errors.outcomes = e.alone;
    if (!reason.trim()) errors.reason = e.reason;
  }
  return errors;
}

/** DR-2: the HART Director triages a referral of the statewide queue. */
export function TriagePage() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useReferral(id);
  return (
    <>
      <BackLink to="/referrals/triage">{t.queues.backToTriage}</BackLink>
      <PageHeading>{t.queues.triage.heading}</PageHeading>
      {query.data ? (
        <>
          <ReferralSummary referral={query.data} show="triage" />
          <TriageForm key={query.data.version} referral={query.data} onReload={() => void query.refetch()} />
        </>
      ) : query.isPending ? (
        <Loading />
      ) : (
        <ReferralLoadError error={query.error} onRetry={() => void query.refetch()} />
      )}
    </>
  );
}

function TriageForm({ referral, onReload }: { referral: ReferralView; onReload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const triage = useTriage(referral.id);
  const [outcomes, setOutcomes] = useState<TriageOutcome[]>(referral.triage ? [...referral.triage.outcomes] : []);
  const [reason, setReason] = useState(referral.triage?.reason ?? '');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const f = t.queues.triage;

  const fail = (next: FieldErrors<Field>) => {
    setErrors(next);
    setAttempt((n) => n + 1);
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const found = check(outcomes, reason, t);
    if (Object.keys(found).length > 0) return fail(found);
    const parsed = triageReferralBody.safeParse({ outcomes, reason: reason.trim() || undefined, version: referral.version });
    if (!parsed.success) return fail({ outcomes: f.errors.outcomes });
    setErrors({});
    try {
      await triage.mutateAsync(parsed.data);
      await navigate('/referrals/triage', { state: { flash: f.done(referral.number) } });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      fail(server.fields);
      if (server.message) setFailure({ message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  return (
    <section aria-labelledby="triage-form-heading" className="harbor-section">
      <h2 id="triage-form-heading">{f.formHeading}</h2>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      <FailureAlert failure={failure} onReload={onReload} />
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <CheckboxGroup
          id="outcomes"
          legend={f.outcomesLegend}
          hint={f.outcomesHint}
          required
          error={errors.outcomes}
          options={triageOutcomes.map((o) => ({ value: o, label: t.queues.outcomes[o] }))}
          selected={outcomes}
          onChange={setOutcomes}
        />
        <TextAreaField id="reason" label={f.reason} hint={f.reasonHint} error={errors.reason} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" className="usa-button margin-top-3" disabled={triage.isPending}>
          {f.submit}
        </button>
      </form>
    </section>
  );
}
