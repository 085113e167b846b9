import { riskLevels, type RiskLevel } from '@harbor/policy';
import type { ConsultView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../../components/Alert';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { SelectField, TextAreaField } from '../../../components/fields';
import { useT } from '../../../i18n';
import { useOverride } from '../api';
import { useFormErrors } from './form';

/** HL-3: a supervisor, the region's HART Lead or the Director sets either level, with a reason. */
export function OverrideForm({ consult, onDone }: { consult: ConsultView; onDone: (text: string) => void }) {
  const t = useT();
  const o = t.hart.override;
  const override = useOverride(consult.id);
  const form = useFormErrors(t.common.network);
  const [sex, setSex] = useState<RiskLevel | ''>('');
  const [labor, setLabor] = useState<RiskLevel | ''>('');
  const [reason, setReason] = useState('');

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!sex && !labor) return form.fail(new Map([['override-sex', o.chooseOne]]));
    try {
      await override.mutateAsync({ ...(sex ? { sex } : {}), ...(labor ? { labor } : {}), reason, version: consult.version });
      form.clear();
      setSex('');
      setLabor('');
      setReason('');
      onDone(o.done);
    } catch (err) {
      form.failWith(err);
    }
  }

  const select = (id: 'sex' | 'labor', value: RiskLevel | '', set: (v: RiskLevel | '') => void, current: RiskLevel | null) => (
    <SelectField id={`override-${id}`} label={o[id]} value={value} onChange={(e) => set(e.target.value as RiskLevel | '')} error={form.errors.get(`override-${id}`) ?? form.errors.get(id)}>
      <option value="">{o.keep}</option>
      {riskLevels
        .filter((l) => l !== current)
        .map((l) => (
          <option key={l} value={l}>
            {t.hart.levels[l]}
          </option>
        ))}
    </SelectField>
  );

  return (
    <section aria-labelledby="override-heading" className="margin-top-4">
      <h2 id="override-heading">{o.heading}</h2>
      <p>{o.intro}</p>
      <form className="usa-form usa-form--large" noValidate onSubmit={(e) => void submit(e)}>
        <ErrorSummary items={form.summary.map((i) => (i.id === 'sex' || i.id === 'labor' ? { ...i, id: `override-${i.id}` } : i))} attempt={form.attempt} />
        {form.message ? <Alert kind="error">{form.message}</Alert> : null}
        {select('sex', sex, setSex, consult.riskSex)}
        {select('labor', labor, setLabor, consult.riskLabor)}
        <TextAreaField id="reason" label={o.reason} required rows={3} value={reason} onChange={(e) => setReason(e.target.value)} error={form.errors.get('reason')} />
        <button type="submit" id="override-submit" className="usa-button margin-top-2" disabled={override.isPending}>
          {o.submit}
        </button>
      </form>
    </section>
  );
}
