import { completeObligationBody, notNeededBody, requestConsultBody, type ObligationView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextAreaField, TextField } from '../../../components/fields';
import { ApiError } from '../../../lib/api-client';
import { newIdempotencyKey, serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { useCompleteDuty, useNotNeeded, useRequestConsult } from '../api';

type Failure = { message: string; conflict: boolean } | null;

function FailureAlert({ failure, onReload }: { failure: Failure; onReload: () => void }) {
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

/** A local date-time input's value as an ISO instant (the browser's zone is the worker's). */
const instantOf = (local: string): string | undefined => {
  if (!local) return undefined;
  const d = new Date(local);
  return Number.isFinite(d.getTime()) ? d.toISOString() : 'invalid';
};

type DoneField = 'outcome' | 'who' | 'when';
const doneOrder: readonly DoneField[] = ['outcome', 'who', 'when'];

/** A checklist duty done: the outcome (required), who did it and when (optional). */
export function CompleteForm({ duty, onReload }: { duty: ObligationView; onReload: () => void }) {
  const t = useT();
  const d = t.work.duty;
  const complete = useCompleteDuty(duty.id);
  const [outcome, setOutcome] = useState('');
  const [who, setWho] = useState('');
  const [when, setWhen] = useState('');
  const [errors, setErrors] = useState<FieldErrors<DoneField>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<Failure>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const parsed = completeObligationBody.safeParse({ outcome, who: who.trim() || undefined, when: instantOf(when), version: duty.version });
    if (!parsed.success) {
      const next: FieldErrors<DoneField> = {};
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0]) as DoneField;
        if (doneOrder.includes(f)) next[f] = d.errors[f];
      }
      setErrors(next);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      await complete.mutateAsync(parsed.data);
    } catch (err) {
      const server = serverFieldErrors(err, doneOrder);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure({ message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  return (
    <section aria-labelledby="complete-heading" className="harbor-section">
      <h2 id="complete-heading">{d.completeHeading}</h2>
      <ErrorSummary items={summaryItems(errors, doneOrder)} attempt={attempt} />
      <FailureAlert failure={failure} onReload={onReload} />
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField id="outcome" label={d.outcomeLabel} hint={d.outcomeHint} required error={errors.outcome} value={outcome} maxLength={2000} onChange={(e) => setOutcome(e.target.value)} />
        <TextField id="who" label={d.whoLabel} hint={d.whoHint} error={errors.who} value={who} maxLength={200} onChange={(e) => setWho(e.target.value)} />
        <TextField id="when" type="datetime-local" label={d.whenLabel} hint={d.whenHint} error={errors.when} value={when} onChange={(e) => setWhen(e.target.value)} />
        <button type="submit" className="usa-button margin-top-3" disabled={complete.isPending}>
          {d.complete}
        </button>
      </form>
    </section>
  );
}

/** A duty not needed, with the reason (required; the server keeps it sealed). */
export function NotNeededForm({ duty, onReload }: { duty: ObligationView; onReload: () => void }) {
  const t = useT();
  const d = t.work.duty;
  const waive = useNotNeeded(duty.id);
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'reason'>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<Failure>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const parsed = notNeededBody.safeParse({ reason, version: duty.version });
    if (!parsed.success) {
      setErrors({ reason: d.errors.reason });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      await waive.mutateAsync(parsed.data);
    } catch (err) {
      const server = serverFieldErrors(err, ['reason'] as const);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure({ message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  return (
    <section aria-labelledby="not-needed-heading" className="harbor-section">
      <h2 id="not-needed-heading">{d.notNeededHeading}</h2>
      <ErrorSummary items={summaryItems(errors, ['reason'] as const, () => 'reason')} attempt={attempt} />
      <FailureAlert failure={failure} onReload={onReload} />
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField id="reason" label={d.reasonLabel} hint={d.reasonHint} required error={errors.reason} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" className="usa-button usa-button--outline margin-top-3" disabled={waive.isPending}>
          {d.notNeeded}
        </button>
      </form>
    </section>
  );
}

/**
 * IN-1 at intake ("through the intake Program Manager"): the area office's supervisor requests the
 * HART consult on an accepted referral nobody is assigned to yet; the liaisons are told at once.
 */
export function RequestConsultForm({ duty, onReload }: { duty: ObligationView; onReload: () => void }) {
  const t = useT();
  const d = t.work.duty;
  const request = useRequestConsult(duty.id);
  const [reason, setReason] = useState('');
  const [key] = useState(() => newIdempotencyKey('in1'));
  const [errors, setErrors] = useState<FieldErrors<'reason'>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<Failure>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const parsed = requestConsultBody.safeParse({ subjectType: 'referral', subjectId: duty.subjectId, reason, idempotencyKey: key });
    if (!parsed.success) {
      setErrors({ reason: d.errors.consultReason });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      await request.mutateAsync(parsed.data);
    } catch (err) {
      const server = serverFieldErrors(err, ['reason'] as const);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure({ message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  return (
    <section aria-labelledby="request-consult-heading" className="harbor-section">
      <h2 id="request-consult-heading">{d.requestConsultHeading}</h2>
      <p>{d.requestConsultIntro}</p>
      <ErrorSummary items={summaryItems(errors, ['reason'] as const, () => 'consult-reason')} attempt={attempt} />
      <FailureAlert failure={failure} onReload={onReload} />
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField id="consult-reason" label={d.consultReasonLabel} hint={d.consultReasonHint} required error={errors.reason} value={reason} maxLength={2000} onChange={(e) => setReason(e.target.value)} />
        <button type="submit" className="usa-button margin-top-3" disabled={request.isPending}>
          {d.requestConsult}
        </button>
      </form>
    </section>
  );
}
