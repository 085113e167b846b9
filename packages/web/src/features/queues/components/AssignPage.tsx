import { assignReferralBody, type InvestigatorView, type ReferralSummaryView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { DescriptionList } from '../../../components/DescriptionList';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { LoadError, QueryState } from '../../../components/QueryState';
import { ApiError } from '../../../lib/api-client';
import { formatDateTime } from '../../../lib/format';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useI18n, useT } from '../../../i18n';
import { useAssign, useAssignmentEntry, useInvestigators } from '../api';
import { TimeLeft, useNow } from './DueTime';
import { ReferralLink, FailureAlert } from './parts';

type Field = 'userId';
const order: readonly Field[] = ['userId'];

/**
 * CL-5: a supervisor assigns an investigation social worker. The referral is read as an entry of
 * the supervisor's own assignment queue (its summary, by id): assigning does not need the right to
 * read the whole record.
 */
export function AssignPage() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useAssignmentEntry(id);
  // Not in the supervisor's queue (another office's, assigned already, never accepted) is "not found".
  const notWaiting = query.error instanceof ApiError && query.error.status === 404;
  return (
    <>
      <BackLink to="/referrals/assignment">{t.queues.backToAssignment}</BackLink>
      <PageHeading>{t.queues.assign.heading}</PageHeading>
      {notWaiting ? (
        <Alert kind="info">{t.queues.assign.notWaiting}</Alert>
      ) : (
        <QueryState query={query}>
          {(referral) => (
            <>
              <AssignSummary referral={referral} />
              <AssignForm key={referral.version} referral={referral} onReload={() => void query.refetch()} />
            </>
          )}
        </QueryState>
      )}
    </>
  );
}

function AssignSummary({ referral: r }: { referral: ReferralSummaryView }) {
  const { t, lang } = useI18n();
  const now = useNow();
  const s = t.queues.summary;
  return (
    <section aria-labelledby="summary-heading" className="harbor-section">
      <h2 id="summary-heading">{s.heading}</h2>
      <DescriptionList
        items={[
          { term: s.number, value: <ReferralLink id={r.id} number={r.number} /> },
          { term: s.received, value: r.receivedAt ? formatDateTime(r.receivedAt, lang) : t.queues.notRecorded },
          { term: s.town, value: r.townName ?? t.queues.notRecorded },
          { term: t.queues.columns.office, value: r.assignedOfficeCode ?? t.queues.notRecorded },
          {
            term: s.due,
            value: r.responseDueAt ? (
              <>
                {formatDateTime(r.responseDueAt, lang)} <TimeLeft dueAt={r.responseDueAt} now={now} />
              </>
            ) : (
              t.queues.assignment.noDue
            ),
          },
        ]}
      />
    </section>
  );
}

function AssignForm({ referral, onReload }: { referral: ReferralSummaryView; onReload: () => void }) {
  const t = useT();
  const navigate = useNavigate();
  const workers = useInvestigators();
  const assign = useAssign(referral.id);
  const [userId, setUserId] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<{ message: string; conflict: boolean } | null>(null);
  const f = t.queues.assign;
  // The server lists the workers within the supervisor's reach and checks the office again on assignment.
  const eligible: InvestigatorView[] = workers.data ?? [];

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const parsed = assignReferralBody.safeParse({ userId, version: referral.version });
    if (!parsed.success) {
      setErrors({ userId: f.errors.userId });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      await assign.mutateAsync(parsed.data);
      const name = workers.data?.find((w) => w.id === userId)?.name ?? '';
      await navigate('/referrals/assignment', { state: { flash: f.done(referral.number, name) } });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure({ message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  if (workers.isError) {
    return (
      <section aria-labelledby="assign-form-heading" className="harbor-section">
        <h2 id="assign-form-heading">{f.formHeading}</h2>
        <p>{f.workersFailed}</p>
        <LoadError error={workers.error} onRetry={() => void workers.refetch()} />
      </section>
    );
  }

  return (
    <section aria-labelledby="assign-form-heading" className="harbor-section">
      <h2 id="assign-form-heading">{f.formHeading}</h2>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      <FailureAlert failure={failure} onReload={onReload} />
      {workers.data && eligible.length === 0 ? <Alert kind="warning">{f.noWorkers}</Alert> : null}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <SelectField id="userId" label={f.worker} hint={f.workerHint} required error={errors.userId} value={userId} onChange={(e) => setUserId(e.target.value)} disabled={!workers.data}>
          <option value="">{t.common.select}</option>
          {eligible.map((w) => (
            <option key={w.id} value={w.id}>
              {f.workerOption(w.name, w.officeCode, w.openAssignments)}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button margin-top-3" disabled={assign.isPending || !workers.data}>
          {f.submit}
        </button>
      </form>
    </section>
  );
}
