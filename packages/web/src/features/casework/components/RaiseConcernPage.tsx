import { indicatorDomains, indicators, type IndicatorCode } from '@harbor/policy';
import { htConcernBody, type CaseView } from '@harbor/policy/api';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextAreaField, TextField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { newKey, useCase, useRaiseConcern } from '../api';

type Field = 'indicators' | 'narrative' | 'notes' | 'estimatedAge';
const order: readonly Field[] = ['indicators', 'narrative', 'notes', 'estimatedAge'];
type Mode = 'concern' | 'allegation';

/**
 * OG-1 .. OG-4: "Raise an HT concern" on an open case, and once one is raised, "Report a new HT
 * allegation" (same form, mode 'allegation'): the Careline's indicator checklist by domain, the
 * narrative, notes, and the child's estimated age when the child's record has no date of birth
 * (the Careline referral, OG-3, needs an age).
 */
export function RaiseConcernPage({ mode = 'concern' }: { mode?: Mode }) {
  const t = useT();
  const { id = '' } = useParams();
  const query = useCase(id);
  const c = t.casework.concern;
  return (
    <>
      <BackLink to={`/cases/${id}`}>{t.casework.titles.case}</BackLink>
      <PageHeading>{mode === 'concern' ? c.heading : c.newHeading}</PageHeading>
      <QueryState query={query}>
        {(kase) => {
          if (mode === 'concern' && kase.htConcern) return <WrongMode text={c.already} to={`/cases/${kase.id}/ht-allegation`} link={t.casework.page.newAllegation} />;
          if (mode === 'allegation' && !kase.htConcern) return <WrongMode text={c.noConcernYet} to={`/cases/${kase.id}/ht-concern`} link={t.casework.page.raise} />;
          return <ConcernForm kase={kase} mode={mode} />;
        }}
      </QueryState>
    </>
  );
}

function WrongMode({ text, to, link }: { text: string; to: string; link: string }) {
  return (
    <>
      <Alert kind="info">{text}</Alert>
      <p>
        <Link to={to} className="usa-link">
          {link}
        </Link>
      </p>
    </>
  );
}

function ConcernForm({ kase, mode }: { kase: CaseView; mode: Mode }) {
  const t = useT();
  const navigate = useNavigate();
  const { id, number } = kase;
  const raise = useRaiseConcern(id);
  const key = useRef(newKey(mode));
  const [selected, setSelected] = useState<IndicatorCode[]>([]);
  const [narrative, setNarrative] = useState('');
  const [notes, setNotes] = useState('');
  const [age, setAge] = useState('');
  // The age is asked for when the child's record has no date of birth, or when the server names it.
  const [askAge, setAskAge] = useState(kase.child.dateOfBirth === null);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const c = t.casework.concern;
  const first = indicators[0]?.code;
  const toggle = (code: IndicatorCode, on: boolean) => setSelected((s) => (on ? [...s, code] : s.filter((x) => x !== code)));

  async function submit(e: FormEvent) {
    e.preventDefault();
    setFailure(null);
    const ageText = age.trim();
    const ageValue = /^\d{1,2}$/.test(ageText) ? Number(ageText) : ageText === '' ? undefined : Number.NaN;
    const parsed = htConcernBody.safeParse({
      indicators: selected,
      narrative,
      ...(notes.trim() ? { notes } : {}),
      ...(askAge && ageValue !== undefined ? { estimatedAge: ageValue } : {}),
      idempotencyKey: key.current,
    });
    const found: FieldErrors<Field> = {};
    if (askAge && ageValue === undefined) found.estimatedAge = c.errors.estimatedAge;
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const f = String(issue.path[0]) as Field;
        if (order.includes(f)) found[f] = c.errors[f];
      }
    }
    if (!parsed.success || Object.keys(found).length > 0) {
      setErrors(found);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    try {
      const after = await raise.mutateAsync(parsed.data);
      const made = after.allegations.at(-1);
      const flash = mode === 'concern' || !made?.consult ? c.done(number) : c.newDone(number, made.consult.number, made.consult.requested);
      await navigate(`/cases/${id}`, { state: { flash } });
    } catch (err) {
      const server = serverFieldErrors(err, order);
      if (server.fields.estimatedAge) {
        setAskAge(true);
        server.fields.estimatedAge = c.errors.estimatedAge;
      }
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setFailure(server.message);
    }
  }

  return (
    <>
      <p className="usa-intro">{mode === 'concern' ? c.intro : c.newIntro}</p>
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
        {askAge ? (
          <TextField
            id="estimatedAge"
            label={c.estimatedAge}
            hint={c.estimatedAgeHint}
            required
            error={errors.estimatedAge}
            value={age}
            onChange={(e) => setAge(e.target.value)}
            inputMode="numeric"
            maxLength={2}
            className="usa-input--xs"
          />
        ) : null}
        <button type="submit" className="usa-button margin-top-3" disabled={raise.isPending}>
          {mode === 'concern' ? c.submit : c.newSubmit}
        </button>
      </form>
    </>
  );
}
