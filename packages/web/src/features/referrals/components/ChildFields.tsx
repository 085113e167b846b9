import { citizenshipStatuses, ethnicities, livingSituations, maltreatmentCategories, races, suggestedCategories } from '@harbor/policy';
import { genders } from '@harbor/policy/api';
import { useEffect, useRef, useState } from 'react';
import { CheckboxGroup } from '../../../components/CheckboxGroup';
import { DateField, SelectField, TextField } from '../../../components/fields';
import { useT } from '../../../i18n';
import { findPersonMatches } from '../api';
import type { ChildValues } from '../draft';
import { matchQueryKey, matchQueryOf, type PersonMatch } from '../matches';
import { Checkbox, Options } from './controls';
import { IndicatorChecklist } from './IndicatorChecklist';
import { PossibleMatches } from './PossibleMatches';

export const townListId = 'ct-towns';

/** One child of the referral (issue 3, item 1), with CL-1 indicators and CL-7 categories. */
export function ChildFields({
  index,
  child,
  errors,
  onChange,
  onRemove,
}: {
  index: number;
  child: ChildValues;
  errors: ReadonlyMap<string, string>;
  onChange: (next: ChildValues) => void;
  onRemove: (() => void) | null;
}) {
  const t = useT();
  const c = t.referrals.child;
  const id = (field: string) => `children-${index}-${field}`;
  const err = (field: string) => errors.get(id(field));
  const set = <K extends keyof ChildValues>(key: K, value: ChildValues[K]) => onChange({ ...child, [key]: value });
  const text = (key: 'firstName' | 'lastName' | 'aliases' | 'estimatedAge' | 'primaryLanguage' | 'townName' | 'state') => ({
    value: child[key],
    onChange: (e: { target: { value: string } }) => set(key, e.target.value),
  });

  // Repeat victims: looked up when a name, date of birth or town field is left (fails soft). Only
  // the answer to the latest query is shown: a slower answer to an earlier one is dropped.
  const [matches, setMatches] = useState<PersonMatch[]>([]);
  const latest = useRef('');
  const lookUp = () => {
    const query = matchQueryOf(child);
    const key = matchQueryKey(query);
    if (key === latest.current) return;
    latest.current = key;
    if (!query) return setMatches([]);
    void findPersonMatches(query).then((found) => {
      if (latest.current === key) setMatches(found);
    });
  };
  // A draft reopened with the child linked keeps only the person's id, and a new link asks for the
  // linked person's full details (CF-1: the others stay in brief): look again whenever the link
  // changes, so the worker sees whom the child is linked to (and can unlink), not a bare "linked".
  const linkSeen = useRef<string | null | undefined>(undefined);
  useEffect(() => {
    if (linkSeen.current === child.linkedPersonId) return;
    const opening = linkSeen.current === undefined;
    linkSeen.current = child.linkedPersonId;
    if (opening && child.linkedPersonId === null) return;
    lookUp();
  });

  // CL-7: a child reported prostituted or commercially sexually exploited must have HT (sex).
  const setCse = (on: boolean) =>
    onChange({ ...child, prostitutedOrCse: on, allegations: on && !child.allegations.includes('ht_sex') ? ['ht_sex', ...child.allegations] : child.allegations });
  const suggested = suggestedCategories(child);
  const flagged = child.indicators.length > 0;
  const n = index + 1;

  return (
    <fieldset className="usa-fieldset harbor-repeat border-top-1px border-base-lighter padding-top-2 margin-top-3">
      <legend className="usa-legend usa-legend--large">
        {c.legend(n)} {flagged ? <span className="usa-tag bg-secondary-dark margin-left-1">{c.htFlag}</span> : null}
      </legend>
      <TextField id={id('firstName')} label={c.firstName} required autoComplete="off" {...text('firstName')} onBlur={lookUp} error={err('firstName')} />
      <TextField id={id('lastName')} label={c.lastName} autoComplete="off" {...text('lastName')} onBlur={lookUp} error={err('lastName')} />
      <TextField id={id('aliases')} label={c.aliases} hint={c.aliasesHint} autoComplete="off" {...text('aliases')} onBlur={lookUp} error={err('aliases')} />
      <DateField id={id('dateOfBirth')} label={c.dateOfBirth} hint={c.ageHint} value={child.dateOfBirth} onChange={(e) => set('dateOfBirth', e.target.value)} onBlur={lookUp} error={err('dateOfBirth')} />
      <TextField id={id('estimatedAge')} label={c.estimatedAge} inputMode="numeric" className="usa-input--2xs" autoComplete="off" {...text('estimatedAge')} error={err('estimatedAge')} />
      <SelectField id={id('gender')} label={c.gender} required value={child.gender} onChange={(e) => set('gender', e.target.value as ChildValues['gender'])} error={err('gender')}>
        <Options codes={genders} labels={t.people.genders} />
      </SelectField>
      <CheckboxGroup id={id('races')} legend={c.races} hint={c.racesHint} required options={races.map((r) => ({ value: r, label: t.policy.races[r] }))} selected={child.races} onChange={(next) => set('races', next)} error={err('races')} />
      <SelectField id={id('ethnicity')} label={c.ethnicity} required value={child.ethnicity} onChange={(e) => set('ethnicity', e.target.value as ChildValues['ethnicity'])} error={err('ethnicity')}>
        <Options codes={ethnicities} labels={t.policy.ethnicities} />
      </SelectField>
      <TextField id={id('primaryLanguage')} label={c.language} required autoComplete="off" {...text('primaryLanguage')} error={err('primaryLanguage')} />
      <SelectField id={id('citizenship')} label={c.citizenship} required value={child.citizenship} onChange={(e) => set('citizenship', e.target.value as ChildValues['citizenship'])} error={err('citizenship')}>
        <Options codes={citizenshipStatuses} labels={t.policy.citizenship} />
      </SelectField>
      <TextField id={id('townName')} label={c.town} hint={c.townHint} list={townListId} autoComplete="off" {...text('townName')} onBlur={lookUp} error={err('townName')} />
      <TextField id={id('state')} label={c.state} hint={c.stateHint} maxLength={2} className="usa-input--2xs" autoComplete="off" {...text('state')} error={err('state')} />
      <SelectField id={id('livingSituation')} label={c.living} required value={child.livingSituation} onChange={(e) => set('livingSituation', e.target.value as ChildValues['livingSituation'])} error={err('livingSituation')}>
        <Options codes={livingSituations} labels={t.policy.livingSituations} />
      </SelectField>
      <fieldset className="usa-fieldset usa-form-group">
        <legend className="usa-legend">{c.dcf}</legend>
        <Checkbox id={id('openCase')} label={c.openCase} checked={child.openCase} onChange={(on) => set('openCase', on)} error={err('openCase')} />
        <Checkbox id={id('inDcfCare')} label={c.inDcfCare} checked={child.inDcfCare} onChange={(on) => set('inDcfCare', on)} />
      </fieldset>
      <p role="status" className="usa-sr-only">
        {matches.length > 0 && !child.linkedPersonId ? t.referrals.matches.found(matches.length) : ''}
      </p>
      <PossibleMatches idPrefix={id('person')} matches={matches} linkedPersonId={child.linkedPersonId} onLink={(personId) => set('linkedPersonId', personId)} returnFocusTo={id('firstName')} />
      <div className="usa-form-group">
        <Checkbox id={id('prostitutedOrCse')} label={c.cse} checked={child.prostitutedOrCse} onChange={setCse} />
      </div>
      <CheckboxGroup
        id={id('allegations')}
        legend={c.allegations}
        required
        hint={
          <>
            {c.allegationsHint}
            {child.prostitutedOrCse ? <strong className="display-block margin-top-1">{t.referrals.cseRequiresHtSex}</strong> : null}
            {suggested.length > 0 ? <span className="display-block margin-top-1">{c.suggested(suggested.map((s) => t.policy.categories[s]).join(', '))}</span> : null}
          </>
        }
        options={maltreatmentCategories.map((m) => ({ value: m, label: t.policy.categories[m] }))}
        selected={child.allegations}
        onChange={(next) => set('allegations', next)}
        error={err('allegations')}
      />
      <IndicatorChecklist id={id('indicators')} selected={child.indicators} onChange={(next) => set('indicators', next)} error={err('indicators')} />
      <div role="status" className="margin-bottom-2">
        {flagged ? (
          <div className="usa-alert usa-alert--info usa-alert--slim usa-alert--no-icon">
            <div className="usa-alert__body">
              <p className="usa-alert__text">
                <strong>{c.htFlag}:</strong> {c.htFlagBody}
              </p>
            </div>
          </div>
        ) : null}
      </div>
      {onRemove ? (
        <button type="button" className="usa-button usa-button--unstyled" onClick={onRemove}>
          {c.remove(n)}
        </button>
      ) : null}
    </fieldset>
  );
}
