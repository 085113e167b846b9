import { agency, referralChannels, towns } from '@harbor/policy';
import type { ReferralView } from '@harbor/policy/api';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField, TextField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { useI18n } from '../../../i18n';
import { emptyChild, emptyExploiter, emptyPlace, type FormValues } from '../draft';
import { useDraftEditor, type SaveState } from '../useDraftEditor';
import { ChildFields, townListId } from './ChildFields';
import { Options } from './controls';
import { TextAreaField } from '../../../components/fields';
import { ArrestFields, ExploiterFields, PlaceFields, ReporterFields } from './PartyFields';

function SaveStatus({ state }: { state: SaveState }) {
  const { t, lang } = useI18n();
  const s = t.referrals.save;
  const time = (d: Date) => new Intl.DateTimeFormat(lang === 'es' ? 'es-US' : 'en-US', { hour: 'numeric', minute: '2-digit', timeZone: agency.timeZone }).format(d);
  const text = { idle: '', dirty: s.unsaved, saving: s.saving, saved: state.kind === 'saved' ? s.saved(time(state.at)) : '', failed: s.notSaved, conflict: s.notSaved }[state.kind];
  return (
    <p className="harbor-save-status text-bold" role="status" id="save-status">
      {text}
    </p>
  );
}

/** Focus moves to the first field of a child, exploiter or place just added (keyboard users). */
function useFocusAfterAdd() {
  const pending = useRef<string | null>(null);
  useEffect(() => {
    if (!pending.current) return;
    document.getElementById(pending.current)?.focus();
    pending.current = null;
  });
  return (id: string) => void (pending.current = id);
}

/**
 * The intake form a Careline worker fills on a live call (issue 3): keyboard first, autosaved
 * as a draft, submitted with an idempotency key; errors name their fields and keep the values.
 */
export function IntakeForm({ referral }: { referral: ReferralView }) {
  const { t } = useI18n();
  const r = t.referrals;
  const navigate = useNavigate();
  const editor = useDraftEditor(referral, r.errors, r.notSavedSubmit);
  const { values, update, errors, save } = editor;
  const focusAfterAdd = useFocusAfterAdd();
  const [loading, setLoading] = useState(false);

  const set = <K extends keyof FormValues>(key: K, value: FormValues[K]) => update((v) => ({ ...v, [key]: value }));
  const setAt = <K extends 'children' | 'exploiters' | 'places'>(key: K, index: number, item: FormValues[K][number]) =>
    update((v) => ({ ...v, [key]: v[key].map((x, i) => (i === index ? item : x)) }));
  const removeAt = (key: 'children' | 'exploiters' | 'places', index: number) => update((v) => ({ ...v, [key]: v[key].filter((_, i) => i !== index) }));

  async function onSubmit(e: FormEvent) {
    e.preventDefault();
    const outcome = await editor.submit();
    if (outcome.ok) await navigate(`/referrals/${outcome.referral.id}`, { replace: true });
  }

  const summary = [...editor.submitErrors].map(([id, message]) => ({ id, message }));
  return (
    <>
      <PageHeading>{t.titles.referralEdit}</PageHeading>
      <p className="usa-intro">{r.editIntro(referral.number)}</p>
      <SaveStatus state={save} />
      {save.kind === 'conflict' ? (
        <div className="usa-alert usa-alert--error" role="alert">
          <div className="usa-alert__body">
            <h2 className="usa-alert__heading">{r.conflictHeading}</h2>
            <p className="usa-alert__text">{save.message}</p>
            <p className="usa-alert__text">{r.loadTheirsHint}</p>
            <button
              type="button"
              id="load-theirs"
              className="usa-button usa-button--outline margin-top-1"
              disabled={loading}
              onClick={() => {
                setLoading(true);
                void editor.loadTheirs().finally(() => setLoading(false));
              }}
            >
              {r.loadTheirs}
            </button>
          </div>
        </div>
      ) : null}
      <ErrorSummary items={summary} attempt={editor.attempt} />
      {editor.submitMessage ? <Alert kind="error">{editor.submitMessage}</Alert> : null}
      <form className="usa-form usa-form--large harbor-intake" noValidate onSubmit={(e) => void onSubmit(e)} onBlur={() => void editor.flush()}>
        <datalist id={townListId}>
          {towns.map((town) => (
            <option key={town.name} value={town.name} />
          ))}
        </datalist>
        <fieldset className="usa-fieldset">
          <legend className="usa-legend usa-legend--large">{r.sections.call}</legend>
          <TextField id="receivedAt" type="datetime-local" label={r.receivedAt} hint={r.receivedAtHint} required value={values.receivedAt} onChange={(e) => set('receivedAt', e.target.value)} error={errors.get('receivedAt')} />
          <SelectField id="channel" label={r.channel} required value={values.channel} onChange={(e) => set('channel', e.target.value as FormValues['channel'])} error={errors.get('channel')}>
            <Options codes={referralChannels} labels={r.channels} />
          </SelectField>
        </fieldset>

        <ReporterFields reporter={values.reporter} errors={errors} onChange={(next) => set('reporter', next)} />

        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">{r.sections.children}</legend>
          {values.children.map((child, i) => (
            <ChildFields key={child.key} index={i} child={child} errors={errors} onChange={(next) => setAt('children', i, next)} onRemove={values.children.length > 1 ? () => removeAt('children', i) : null} />
          ))}
          {errors.get('add-child') ? <span className="usa-error-message display-block margin-top-2">{errors.get('add-child')}</span> : null}
          <button
            type="button"
            id="add-child"
            className="usa-button usa-button--outline margin-top-2"
            onClick={() => {
              focusAfterAdd(`children-${values.children.length}-firstName`);
              set('children', [...values.children, emptyChild()]);
            }}
          >
            {r.child.add}
          </button>
        </fieldset>

        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">{r.sections.exploiters}</legend>
          {values.exploiters.map((x, i) => (
            <ExploiterFields key={x.key} index={i} exploiter={x} errors={errors} onChange={(next) => setAt('exploiters', i, next)} onRemove={() => removeAt('exploiters', i)} />
          ))}
          <button
            type="button"
            className="usa-button usa-button--outline margin-top-2"
            onClick={() => {
              focusAfterAdd(`exploiters-${values.exploiters.length}-unknown`);
              set('exploiters', [...values.exploiters, emptyExploiter()]);
            }}
          >
            {r.exploiter.add}
          </button>
        </fieldset>

        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">{r.sections.places}</legend>
          {values.places.map((p, i) => (
            <PlaceFields key={p.key} index={i} place={p} errors={errors} onChange={(next) => setAt('places', i, next)} onRemove={() => removeAt('places', i)} />
          ))}
          <button
            type="button"
            className="usa-button usa-button--outline margin-top-2"
            onClick={() => {
              focusAfterAdd(`places-${values.places.length}-townName`);
              set('places', [...values.places, emptyPlace()]);
            }}
          >
            {r.place.add}
          </button>
        </fieldset>

        <fieldset className="usa-fieldset margin-top-3">
          <legend className="usa-legend usa-legend--large">{r.sections.narrative}</legend>
          <TextAreaField id="narrative" label={r.narrative} hint={r.narrativeHint} required rows={8} value={values.narrative} onChange={(e) => set('narrative', e.target.value)} error={errors.get('narrative')} />
          <TextAreaField id="otherConcerns" label={r.otherConcerns} rows={3} value={values.otherConcerns} onChange={(e) => set('otherConcerns', e.target.value)} error={errors.get('otherConcerns')} />
        </fieldset>

        {values.channel === 'law_enforcement' ? <ArrestFields arrest={values.arrest} errors={errors} onChange={(next) => set('arrest', next)} /> : null}

        <p className="usa-hint margin-top-3" id="submit-hint">
          {r.submitHint}
        </p>
        <button type="submit" className="usa-button" aria-describedby="submit-hint" disabled={editor.submitting || save.kind === 'conflict'}>
          {editor.submitting ? r.submitting : r.submit}
        </button>
      </form>
    </>
  );
}
