import { exploiterRelationships, mandatedReporterTypes, placeTypes, reporterRelationships } from '@harbor/policy';
import { SelectField, TextField } from '../../../components/fields';
import { useT } from '../../../i18n';
import type { ArrestValues, ExploiterValues, FormValues, PlaceValues } from '../draft';
import { townListId } from './ChildFields';
import { Checkbox, Options } from './controls';
import { TextAreaField } from '../../../components/fields';

type Errors = ReadonlyMap<string, string>;

export function ReporterFields({ reporter, errors, onChange }: { reporter: FormValues['reporter']; errors: Errors; onChange: (next: FormValues['reporter']) => void }) {
  const t = useT();
  const r = t.referrals.reporter;
  const set = <K extends keyof FormValues['reporter']>(key: K, value: FormValues['reporter'][K]) => onChange({ ...reporter, [key]: value });
  return (
    <fieldset className="usa-fieldset margin-top-3">
      <legend className="usa-legend usa-legend--large">{t.referrals.sections.reporter}</legend>
      <Checkbox id="reporter-anonymous" label={r.anonymous} hint={r.anonymousHint} checked={reporter.anonymous} onChange={(on) => set('anonymous', on)} error={errors.get('reporter-anonymous')} />
      {reporter.anonymous ? null : <TextField id="reporter-name" label={r.name} required autoComplete="off" value={reporter.name} onChange={(e) => set('name', e.target.value)} error={errors.get('reporter-name')} />}
      <SelectField id="reporter-relationship" label={r.relationship} required value={reporter.relationship} onChange={(e) => set('relationship', e.target.value as FormValues['reporter']['relationship'])} error={errors.get('reporter-relationship')}>
        <Options codes={reporterRelationships} labels={t.policy.reporterRelationships} />
      </SelectField>
      <SelectField id="reporter-mandatedReporterType" label={r.mandated} required value={reporter.mandatedReporterType} onChange={(e) => set('mandatedReporterType', e.target.value as FormValues['reporter']['mandatedReporterType'])} error={errors.get('reporter-mandatedReporterType')}>
        <option value="">{t.common.select}</option>
        <option value="none">{r.notMandated}</option>
        {mandatedReporterTypes.map((m) => (
          <option key={m} value={m}>
            {t.policy.mandatedReporterTypes[m]}
          </option>
        ))}
      </SelectField>
      {reporter.anonymous ? null : (
        <>
          <TextField id="reporter-contact-phone" label={r.phone} type="tel" autoComplete="off" value={reporter.phone} onChange={(e) => set('phone', e.target.value)} error={errors.get('reporter-contact-phone')} />
          <TextField id="reporter-contact-email" label={r.email} type="email" autoComplete="off" value={reporter.email} onChange={(e) => set('email', e.target.value)} error={errors.get('reporter-contact-email')} />
          <TextField id="reporter-contact-organization" label={r.organization} autoComplete="off" value={reporter.organization} onChange={(e) => set('organization', e.target.value)} error={errors.get('reporter-contact-organization')} />
        </>
      )}
    </fieldset>
  );
}

export function ExploiterFields({ index, exploiter, errors, onChange, onRemove }: { index: number; exploiter: ExploiterValues; errors: Errors; onChange: (next: ExploiterValues) => void; onRemove: () => void }) {
  const t = useT();
  const x = t.referrals.exploiter;
  const id = (f: string) => `exploiters-${index}-${f}`;
  const set = <K extends keyof ExploiterValues>(key: K, value: ExploiterValues[K]) => onChange({ ...exploiter, [key]: value });
  return (
    <fieldset className="usa-fieldset border-top-1px border-base-lighter padding-top-2 margin-top-2">
      <legend className="usa-legend text-bold">{x.legend(index + 1)}</legend>
      <Checkbox id={id('unknown')} label={x.unknown} checked={exploiter.unknown} onChange={(on) => set('unknown', on)} error={errors.get(id('unknown'))} />
      {exploiter.unknown ? null : <TextField id={id('name')} label={x.name} required autoComplete="off" value={exploiter.name} onChange={(e) => set('name', e.target.value)} error={errors.get(id('name'))} />}
      <SelectField id={id('relationship')} label={x.relationship} hint={x.relationshipHint} required value={exploiter.relationship} onChange={(e) => set('relationship', e.target.value as ExploiterValues['relationship'])} error={errors.get(id('relationship'))}>
        <Options codes={exploiterRelationships} labels={t.policy.exploiterRelationships} />
      </SelectField>
      <TextAreaField id={id('notes')} label={x.notes} rows={2} value={exploiter.notes} onChange={(e) => set('notes', e.target.value)} error={errors.get(id('notes'))} />
      <button type="button" className="usa-button usa-button--unstyled margin-top-1" onClick={onRemove}>
        {x.remove(index + 1)}
      </button>
    </fieldset>
  );
}

export function PlaceFields({ index, place, errors, onChange, onRemove }: { index: number; place: PlaceValues; errors: Errors; onChange: (next: PlaceValues) => void; onRemove: () => void }) {
  const t = useT();
  const p = t.referrals.place;
  const id = (f: string) => `places-${index}-${f}`;
  const set = <K extends keyof PlaceValues>(key: K, value: PlaceValues[K]) => onChange({ ...place, [key]: value });
  return (
    <fieldset className="usa-fieldset border-top-1px border-base-lighter padding-top-2 margin-top-2">
      <legend className="usa-legend text-bold">{p.legend(index + 1)}</legend>
      <TextField id={id('townName')} label={p.town} list={townListId} autoComplete="off" value={place.townName} onChange={(e) => set('townName', e.target.value)} error={errors.get(id('townName'))} />
      <TextField id={id('state')} label={p.state} maxLength={2} className="usa-input--2xs" autoComplete="off" value={place.state} onChange={(e) => set('state', e.target.value)} error={errors.get(id('state'))} />
      <SelectField id={id('type')} label={p.type} required value={place.type} onChange={(e) => set('type', e.target.value as PlaceValues['type'])} error={errors.get(id('type'))}>
        <Options codes={placeTypes} labels={t.policy.placeTypes} />
      </SelectField>
      <TextField id={id('detail')} label={p.detail} hint={p.detailHint} autoComplete="off" value={place.detail} onChange={(e) => set('detail', e.target.value)} error={errors.get(id('detail'))} />
      <button type="button" className="usa-button usa-button--unstyled margin-top-1" onClick={onRemove}>
        {p.remove(index + 1)}
      </button>
    </fieldset>
  );
}

/** CL-8: a law-enforcement report of a youth arrested for prostitution; the youth is the child victim. */
export function ArrestFields({ arrest, errors, onChange }: { arrest: ArrestValues; errors: Errors; onChange: (next: ArrestValues) => void }) {
  const t = useT();
  const a = t.referrals.arrest;
  const set = <K extends keyof ArrestValues>(key: K, value: ArrestValues[K]) => onChange({ ...arrest, [key]: value });
  const text = (key: Exclude<keyof ArrestValues, 'isArrest'>) => ({ value: arrest[key], onChange: (e: { target: { value: string } }) => set(key, e.target.value), error: errors.get(`arrest-${key}`) });
  return (
    <fieldset className="usa-fieldset margin-top-3">
      <legend className="usa-legend usa-legend--large">{t.referrals.sections.arrest}</legend>
      <p className="usa-alert usa-alert--warning usa-alert--slim usa-alert--no-icon padding-1" id="arrest-victim">
        {a.victim}
      </p>
      <Checkbox id="arrest-isArrest" label={a.isArrest} checked={arrest.isArrest} onChange={(on) => set('isArrest', on)} />
      {arrest.isArrest ? (
        <>
          <TextField id="arrest-department" label={a.department} required autoComplete="off" {...text('department')} />
          <TextField id="arrest-officerName" label={a.officer} required autoComplete="off" {...text('officerName')} />
          <TextField id="arrest-badgeNumber" label={a.badge} autoComplete="off" {...text('badgeNumber')} />
          <TextField id="arrest-policeCaseNumber" label={a.caseNumber} autoComplete="off" {...text('policeCaseNumber')} />
          <TextField id="arrest-arrestTownName" label={a.town} list={townListId} autoComplete="off" {...text('arrestTownName')} />
        </>
      ) : null}
    </fieldset>
  );
}
