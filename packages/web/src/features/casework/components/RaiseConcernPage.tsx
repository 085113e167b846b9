import { indicatorDomains, indicators, type IndicatorCode } from '@harbor/policy';
import { htConcernBody } from '@harbor/policy/api';
import { useRef, useState, type FormEvent } from 'react';
import { useNavigate, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextAreaField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { newKey, useCase, useRaiseConcern } from '../api';

type Field = 'indicators' | 'narrative' | 'notes';
const order: readonly Field[] = ['indicators', 'narrative', 'notes'];

/** OG-1 .. OG-4: "Raise an HT concern" on an open case: the Careline's indicator checklist by domain, the narrative, notes. */
export function RaiseConcernPage() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useCase(id);
  return (
    <>
      <BackLink to={`/cases/${id}`}>{t.casework.titles.case}</BackLink>
      <PageHeading>{t.casework.concern.heading}</PageHeading>
      <QueryState query={query}>{(c) => (c.htConcern ? <Alert kind="info">{t.casework.concern.already}</Alert> : <ConcernForm id={c.id} number={c.number} />)}</QueryState>
    </>
  );
}

function ConcernForm({ id, number }: { id: string; number: string }) {
  const t = useT();
  const navigate = useNavigate();
  const raise = useRaiseConcern(id);
  const key = useRef(newKey('concern'));
  const [selected, setSelected] = useState<IndicatorCode[]>([]);
  const [narrative, setNarrative] = useState('');
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const c = t.casework.concern;
  const first = indicators[0]?.code;
  const toggle = (code: IndicatorCode, on: boolean) => setSelected((s) => (on ? [...s, code] : s.filter((x) => x !== code)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const parsed = htConcernBody.safeParse({ indicators: selected, narrative, ...(notes.trim() ? { notes } : {}), idempotencyKey: key.current });
    if (!parsed.success) {
      const found: FieldErrors<Field> = {};
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0]) as Field;
        if (order.includes(f)) found[f] = c.errors[f];
      }
      setErrors(found);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      await raise.mutateAsync(parsed.data);
      await navigate(`/cases/${id}`, { state: { flash: c.done(number) } });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure(server.message);
    }
  }

  return (
    <>
      <p className="usa-intro">{c.intro}</p>
      <ErrorSummary items={summaryItems(errors, order)} attempt={attempt} />
      {failure ? <Alert kind="error">{failure}</Alert> : null}
      <form className="usa-form usa-form--large" onSubmit={(e) => void submit(e)} noValidate>
        <fieldset className={`usa-fieldset usa-form-group${errors.indicators ? ' usa-form-group--error' : ''}`} aria-describedby={`indicators-hint${errors.indicators ? ' indicators-error' : ''}`}>
          <legend className="usa-legend usa-legend--large">
            {c.indicators} <span className="harbor-required">{t.common.required}</span>
          </legend>
          <div className="usa-hint" id="indicators-hint">
            {c.indicatorsHint}
          </div>
          {errors.indicators ? (
            <span className="usa-error-message" id="indicators-error">
              {errors.indicators}
            </span>
          ) : null}
          {indicatorDomains.map((domain) => (
            <fieldset className="usa-fieldset margin-top-2" key={domain.code}>
              <legend className="usa-legend usa-legend--small text-bold">{t.policy.indicatorDomains[domain.code]}</legend>
              {indicators
                .filter((i) => i.domain === domain.code)
                .map((i) => {
                  const boxId = i.code === first ? 'indicators' : `indicators-${i.code}`;
                  return (
                    <div className="usa-checkbox" key={i.code}>
                      <input className="usa-checkbox__input" id={boxId} type="checkbox" checked={selected.includes(i.code)} onChange={(e) => toggle(i.code, e.target.checked)} />
                      <label className="usa-checkbox__label" htmlFor={boxId}>
                        {t.policy.indicators[i.code]}
                      </label>
                    </div>
                  );
                })}
            </fieldset>
          ))}
        </fieldset>
        <TextAreaField id="narrative" label={c.narrative} hint={c.narrativeHint} required error={errors.narrative} value={narrative} onChange={(e) => setNarrative(e.target.value)} rows={6} />
        <TextAreaField id="notes" label={c.notes} error={errors.notes} value={notes} onChange={(e) => setNotes(e.target.value)} rows={3} />
        <button type="submit" className="usa-button margin-top-3" disabled={raise.isPending}>
          {c.submit}
        </button>
      </form>
    </>
  );
}
