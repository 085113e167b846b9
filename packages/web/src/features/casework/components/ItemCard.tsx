import { completeItemBody, type DutyView } from '@harbor/policy/api';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField, TextAreaField, TextField } from '../../../components/fields';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';
import { newKey, useCompleteItem, useHospitals } from '../api';
import { StateTag } from './parts';

type Field = 'who' | 'when' | 'outcome' | 'hospitalId' | 'reason';
const order: readonly Field[] = ['who', 'when', 'outcome', 'hospitalId', 'reason'];

/** The local date and time now, as a datetime-local input shows it. */
const localNow = () => {
  const d = new Date();
  d.setMinutes(d.getMinutes() - d.getTimezoneOffset());
  return d.toISOString().slice(0, 16);
};

/** One checklist item: its due time and state; its outcome once resolved; otherwise the ways to complete it. */
export function ItemCard({ referralId, item, canWrite }: { referralId: string; item: DutyView; canWrite: boolean }) {
  const { t, lang } = useI18n();
  const v = t.casework.investigation;
  const open = item.state === 'open' || item.state === 'overdue';
  const r = item.resolution;
  return (
    <li className="harbor-checklist-item" id={`item-${item.completes}`}>
      <h3>{v.itemHeading(item.clause, policyWord(t.policy.duties, item.completes, item.label))}</h3>
      <p>
        <StateTag state={item.state} /> {v.due}: {formatDateTime(item.dueAt, lang)}
        {item.ownerName ? ` · ${v.owner}: ${item.ownerName}` : ''}
      </p>
      {!open && r ? (
        <div className="harbor-cell-note">
          {item.resolvedByName && item.resolvedAt ? <p>{v.doneBy(r.who ?? item.resolvedByName, formatDateTime(r.when ?? item.resolvedAt, lang))}</p> : null}
          {r.outcome ? <p>{r.outcome}</p> : null}
          {r.reason ? <p>{r.reason}</p> : null}
          {r.hospitalName ? <p>{v.hospitalChosen(r.hospitalName)}</p> : null}
          {r.consultId ? (
            <p>
              <Link to={`/consults/${r.consultId}`} className="usa-link">
                {v.consultLink} {r.consultNumber}
              </Link>
            </p>
          ) : null}
        </div>
      ) : null}
      {open && canWrite ? item.completes === 'consult_requested' ? <ConsultForm referralId={referralId} item={item} /> : <CompleteForms referralId={referralId} item={item} /> : null}
    </li>
  );
}

function useItemForm(referralId: string, item: DutyView) {
  const complete = useCompleteItem(referralId);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const { t } = useI18n();
  const send = async (body: unknown) => {
    setFailure(null);
    const parsed = completeItemBody.safeParse(body);
    if (!parsed.success) {
      const found: FieldErrors<Field> = {};
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0]) as Field;
        if (order.includes(f)) found[f] = t.casework.investigation.errors[f];
      }
      setErrors(found);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      await complete.mutateAsync({ obligationId: item.id, body: parsed.data });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure(server.message);
    }
  };
  return { send, errors, attempt, failure, busy: complete.isPending };
}

function ConsultForm({ referralId, item }: { referralId: string; item: DutyView }) {
  const { t } = useI18n();
  const v = t.casework.investigation;
  const key = useRef(newKey('in1'));
  const [reason, setReason] = useState('');
  const f = useItemForm(referralId, item);
  const id = (x: string) => `${item.completes}-${x}`;
  return (
    <form className="usa-form usa-form--large" noValidate onSubmit={(e: FormEvent) => (e.preventDefault(), void f.send({ action: 'request_consult', reason, idempotencyKey: key.current }))}>
      <ErrorSummary items={summaryItems(f.errors, order, id)} attempt={f.attempt} />
      {f.failure ? <Alert kind="error">{f.failure}</Alert> : null}
      <TextAreaField id={id('reason')} label={v.consultReason} required error={f.errors.reason} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />
      <button type="submit" className="usa-button margin-top-2" disabled={f.busy}>
        {v.requestConsult}
      </button>
    </form>
  );
}

function CompleteForms({ referralId, item }: { referralId: string; item: DutyView }) {
  const { t } = useI18n();
  const v = t.casework.investigation;
  const hospitals = useHospitals();
  const [who, setWho] = useState('');
  const [when, setWhen] = useState(localNow);
  const [outcome, setOutcome] = useState('');
  const [hospitalId, setHospitalId] = useState('');
  const [reason, setReason] = useState('');
  const done = useItemForm(referralId, item);
  const waive = useItemForm(referralId, item);
  const id = (x: string) => `${item.completes}-${x}`;
  const needsHospital = item.completes === 'hospital_assessment_decided';
  const whenIso = when ? new Date(when).toISOString() : '';
  return (
    <>
      <form
        className="usa-form usa-form--large"
        noValidate
        onSubmit={(e: FormEvent) => (e.preventDefault(), void done.send({ action: 'done', who, when: whenIso, outcome, ...(needsHospital && hospitalId ? { hospitalId } : {}) }))}
      >
        <ErrorSummary items={summaryItems(done.errors, order, id)} attempt={done.attempt} />
        {done.failure ? <Alert kind="error">{done.failure}</Alert> : null}
        <TextField id={id('who')} label={v.who} hint={v.whoHint} required error={done.errors.who} value={who} onChange={(e) => setWho(e.target.value)} autoComplete="off" />
        <TextField id={id('when')} type="datetime-local" label={v.when} hint={v.whenHint} required error={done.errors.when} value={when} onChange={(e) => setWhen(e.target.value)} />
        {needsHospital ? (
          <SelectField id={id('hospitalId')} label={v.hospital} hint={v.hospitalHint} required error={done.errors.hospitalId} value={hospitalId} onChange={(e) => setHospitalId(e.target.value)}>
            <option value="">{t.common.select}</option>
            {(hospitals.data ?? []).map((h) => (
              <option key={h.id} value={h.id}>
                {h.name}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextAreaField id={id('outcome')} label={v.outcomeField} required error={done.errors.outcome} value={outcome} onChange={(e) => setOutcome(e.target.value)} rows={3} />
        <button type="submit" className="usa-button margin-top-2" disabled={done.busy}>
          {item.completes === 'joint_response_recorded' ? v.jointDone : v.markDone}
        </button>
      </form>
      {item.waiver ? (
        <form className="usa-form usa-form--large margin-top-2" noValidate onSubmit={(e: FormEvent) => (e.preventDefault(), void waive.send({ action: item.waiver, reason }))}>
          <ErrorSummary items={summaryItems(waive.errors, order, (f) => id(`waive-${f}`))} attempt={waive.attempt} />
          {waive.failure ? <Alert kind="error">{waive.failure}</Alert> : null}
          <TextAreaField id={id('waive-reason')} label={`${v.waive[item.waiver] ?? ''}: ${v.reason}`} hint={v.reasonHint} required error={waive.errors.reason} value={reason} onChange={(e) => setReason(e.target.value)} rows={2} />
          <button type="submit" className="usa-button usa-button--outline margin-top-2" disabled={waive.busy}>
            {v.waive[item.waiver]}
          </button>
        </form>
      ) : null}
    </>
  );
}
