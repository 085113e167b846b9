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

/**
 * A form of one required text (a reason): checked here first, then by the server, whose field
 * error or refusal (a 409 offers a reload) is shown the same way.
 */
function ReasonForm<B>(props: {
  section: string;
  heading: string;
  intro?: string;
  fieldId: string;
  label: string;
  hint: string;
  missing: string;
  submitLabel: string;
  outline?: boolean;
  pending: boolean;
  /** The body to send for this text, or null when it is not acceptable. */
  bodyOf: (text: string) => B | null;
  send: (body: B) => Promise<unknown>;
  onReload: () => void;
}) {
  const [text, setText] = useState('');
  const [errors, setErrors] = useState<FieldErrors<'reason'>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<Failure>(null);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const body = props.bodyOf(text);
    if (body === null) {
      setErrors({ reason: props.missing });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      await props.send(body);
    } catch (err) {
      const server = serverFieldErrors(err, ['reason'] as const);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure({ message: server.message, conflict: err instanceof ApiError && err.status === 409 });
    }
  }

  return (
    <section aria-labelledby={`${props.section}-heading`} className="harbor-section">
      <h2 id={`${props.section}-heading`}>{props.heading}</h2>
      {props.intro ? <p>{props.intro}</p> : null}
      <ErrorSummary items={summaryItems(errors, ['reason'] as const, () => props.fieldId)} attempt={attempt} />
      <FailureAlert failure={failure} onReload={props.onReload} />
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <TextAreaField id={props.fieldId} label={props.label} hint={props.hint} required error={errors.reason} value={text} maxLength={2000} onChange={(e) => setText(e.target.value)} />
        <button type="submit" className={`usa-button${props.outline ? ' usa-button--outline' : ''} margin-top-3`} disabled={props.pending}>
          {props.submitLabel}
        </button>
      </form>
    </section>
  );
}

/** A duty not needed, with the reason (required; the server keeps it sealed). */
export function NotNeededForm({ duty, onReload }: { duty: ObligationView; onReload: () => void }) {
  const d = useT().work.duty;
  const waive = useNotNeeded(duty.id);

  return (
    <ReasonForm
      section="not-needed"
      heading={d.notNeededHeading}
      fieldId="reason"
      label={d.reasonLabel}
      hint={d.reasonHint}
      missing={d.errors.reason}
      submitLabel={d.notNeeded}
      outline
      pending={waive.isPending}
      bodyOf={(reason) => notNeededBody.safeParse({ reason, version: duty.version }).data ?? null}
      send={(body) => waive.mutateAsync(body)}
      onReload={onReload}
    />
  );
}

/**
 * IN-1 at intake ("through the intake Program Manager"): the area office's supervisor requests the
 * HART consult on an accepted referral nobody is assigned to yet; the liaisons are told at once.
 */
export function RequestConsultForm({ duty, onReload }: { duty: ObligationView; onReload: () => void }) {
  const d = useT().work.duty;
  const request = useRequestConsult(duty.id);
  const [key] = useState(() => newIdempotencyKey('in1'));
  return (
    <ReasonForm
      section="request-consult"
      heading={d.requestConsultHeading}
      intro={d.requestConsultIntro}
      fieldId="consult-reason"
      label={d.consultReasonLabel}
      hint={d.consultReasonHint}
      missing={d.errors.consultReason}
      submitLabel={d.requestConsult}
      pending={request.isPending}
      bodyOf={(reason) => requestConsultBody.safeParse({ subjectType: 'referral', subjectId: duty.subjectId, reason, idempotencyKey: key }).data ?? null}
      send={(body) => request.mutateAsync(body)}
      onReload={onReload}
    />
  );
}
