import { htFoundBody, type InvestigationView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { DescriptionList } from '../../../components/DescriptionList';
import { ErrorSummary } from '../../../components/ErrorSummary';
import { TextAreaField } from '../../../components/fields';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { serverFieldErrors, summaryItems, type FieldErrors } from '../../../lib/forms';
import { useT } from '../../../i18n';
import { newKey, useHtFound, useInvestigation, useRecordFact } from '../api';
import { ItemCard } from './ItemCard';
import { ConsultList } from './parts';

/** The investigation checklist of an accepted referral (IN-1 .. IN-8), and IN-4's one action. */
export function InvestigationPage() {
  const t = useT();
  const { id = '' } = useParams();
  const query = useInvestigation(id);
  return (
    <>
      <BackLink to={`/referrals/${id}`}>{t.casework.investigation.back}</BackLink>
      <PageHeading>{t.casework.investigation.heading}</PageHeading>
      <QueryState query={query}>{(v) => <Checklist v={v} />}</QueryState>
    </>
  );
}

function Checklist({ v }: { v: InvestigationView }) {
  const t = useT();
  const s = t.casework.investigation;
  const fact = useRecordFact(v.referral.id);
  return (
    <>
      <p className="usa-intro">{s.intro}</p>
      <DescriptionList
        items={[
          { term: s.referral, value: v.referral.number },
          { term: s.office, value: v.referral.areaOfficeName ?? t.common.notRecorded },
          { term: s.investigator, value: v.referral.investigatorName ?? t.common.none },
          { term: s.ht, value: v.referral.htCharacteristics ? t.common.yes : t.common.no },
        ]}
      />
      {v.canWrite ? null : <Alert kind="info">{s.readOnly}</Alert>}
      <section aria-labelledby="checklist-heading" className="harbor-section">
        <h2 id="checklist-heading">{s.caption}</h2>
        <ul className="usa-list usa-list--unstyled harbor-checklist">
          {v.items.map((item) => (
            <ItemCard key={item.id} referralId={v.referral.id} item={item} canWrite={v.canWrite} />
          ))}
        </ul>
      </section>
      <section aria-labelledby="consults-heading" className="harbor-section">
        <h2 id="consults-heading">{s.consults}</h2>
        <ConsultList consults={v.consults} empty={t.casework.page.noConsults} />
      </section>
      {v.canWrite ? (
        <section aria-labelledby="facts-heading" className="harbor-section">
          <h2 id="facts-heading">{s.facts}</h2>
          <div className="usa-button-group">
            <button type="button" className="usa-button usa-button--outline" disabled={fact.isPending} onClick={() => void fact.mutateAsync({ fact: 'child_not_us_citizen' })}>
              {s.notCitizen}
            </button>
            <button type="button" className="usa-button usa-button--outline" disabled={fact.isPending} onClick={() => void fact.mutateAsync({ fact: 'child_missing' })}>
              {s.missing}
            </button>
          </div>
        </section>
      ) : null}
      {v.htFoundReferral ? <Alert kind="success">{s.htMade(v.htFoundReferral.number)}</Alert> : v.canWrite && !v.referral.htCharacteristics ? <HtFoundForm referralId={v.referral.id} /> : null}
    </>
  );
}

type Field = 'narrative' | 'category';
const order: readonly Field[] = ['narrative', 'category'];

/** IN-4: HT first found during this investigation: the new Careline referral, after a confirmation. */
function HtFoundForm({ referralId }: { referralId: string }) {
  const t = useT();
  const s = t.casework.investigation;
  const found = useHtFound(referralId);
  const [key] = useState(() => newKey('in4'));
  const [narrative, setNarrative] = useState('');
  const [category, setCategory] = useState<'ht_sex' | 'ht_labor'>('ht_sex');
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FieldErrors<Field>>({});
  const [attempt, setAttempt] = useState(0);
  const [message, setMessage] = useState<{ kind: 'success' | 'error'; text: string } | null>(null);
  const body = { narrative, category, idempotencyKey: key };

  const ask = (e: FormEvent) => {
    e.preventDefault();
    const parsed = htFoundBody.safeParse(body);
    if (!parsed.success) {
      setErrors({ narrative: s.errors['narrative'] ?? '' });
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setConfirming(true);
  };
  async function confirm() {
    try {
      const r = await found.mutateAsync(htFoundBody.parse(body));
      setConfirming(false);
      setMessage({ kind: 'success', text: s.htDone(r.number) });
    } catch (err) {
      setConfirming(false);
      const server = serverFieldErrors(err, order);
      setErrors(server.fields);
      setAttempt((n) => n + 1);
      if (server.message) setMessage({ kind: 'error', text: server.message });
    }
  }
  return (
    <section aria-labelledby="ht-found-heading" className="harbor-section">
      <h2 id="ht-found-heading">{s.htFound}</h2>
      <p>{s.htFoundIntro}</p>
      <ErrorSummary items={summaryItems(errors, order, (f) => `ht-${f}`)} attempt={attempt} />
      {message ? <Alert kind={message.kind}>{message.text}</Alert> : null}
      <form className="usa-form usa-form--large" noValidate onSubmit={ask}>
        <TextAreaField id="ht-narrative" label={s.htNarrative} hint={s.htNarrativeHint} required error={errors.narrative} value={narrative} onChange={(e) => setNarrative(e.target.value)} rows={4} />
        <fieldset className="usa-fieldset">
          <legend className="usa-legend">{s.category}</legend>
          {(['ht_sex', 'ht_labor'] as const).map((c) => (
            <div className="usa-radio" key={c}>
              <input className="usa-radio__input" id={`ht-category-${c}`} type="radio" name="ht-category" value={c} checked={category === c} onChange={() => setCategory(c)} />
              <label className="usa-radio__label" htmlFor={`ht-category-${c}`}>
                {s.categories[c]}
              </label>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="usa-button usa-button--secondary margin-top-2">
          {s.htSubmit}
        </button>
      </form>
      <ConfirmDialog id="confirm-ht-found" open={confirming} heading={s.confirmTitle} confirmLabel={s.confirm} cancelLabel={t.common.cancel} busy={found.isPending} onConfirm={() => void confirm()} onCancel={() => setConfirming(false)}>
        <p>{s.confirmBody}</p>
      </ConfirmDialog>
    </section>
  );
}
