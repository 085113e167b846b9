import { indicatorDomains, indicators, type IndicatorCode } from '@harbor/policy';
import { useT } from '../../../i18n';

/**
 * CL-1: the HT indicator checklist of the policy pack (in the page's language), one fieldset per domain. The first box
 * carries `id`, so an error link lands on it. Checking one flags the child at once.
 */
export function IndicatorChecklist({ id, selected, onChange, error }: { id: string; selected: readonly IndicatorCode[]; onChange: (next: IndicatorCode[]) => void; error?: string | undefined }) {
  const t = useT();
  const toggle = (code: IndicatorCode, on: boolean) => onChange(on ? [...selected, code] : selected.filter((c) => c !== code));
  const first = indicators[0]?.code;
  return (
    <fieldset className={`usa-fieldset usa-form-group harbor-indicators${error ? ' usa-form-group--error' : ''}`} aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}>
      <legend className="usa-legend">{t.referrals.child.indicators}</legend>
      <div className="usa-hint" id={`${id}-hint`}>
        {t.referrals.child.indicatorsHint}
      </div>
      {error ? (
        <span className="usa-error-message" id={`${id}-error`}>
          {error}
        </span>
      ) : null}
      {indicatorDomains.map((domain) => (
        <fieldset className="usa-fieldset margin-top-2" key={domain.code}>
          <legend className="usa-legend usa-legend--small text-bold">{t.policy.indicatorDomains[domain.code]}</legend>
          {indicators
            .filter((i) => i.domain === domain.code)
            .map((i) => {
              const boxId = i.code === first ? id : `${id}-${i.code}`;
              const hint = 'hint' in i ? t.policy.indicatorHints[i.code] : undefined;
              return (
                <div className="usa-checkbox" key={i.code}>
                  <input
                    className="usa-checkbox__input"
                    id={boxId}
                    type="checkbox"
                    checked={selected.includes(i.code)}
                    onChange={(e) => toggle(i.code, e.target.checked)}
                    aria-describedby={hint ? `${boxId}-hint` : undefined}
                  />
                  <label className="usa-checkbox__label" htmlFor={boxId}>
                    {t.policy.indicators[i.code]}
                    {hint ? (
                      <span className="usa-checkbox__label-description" id={`${boxId}-hint`}>
                        {hint}
                      </span>
                    ) : null}
                  </label>
                </div>
              );
            })}
        </fieldset>
      ))}
    </fieldset>
  );
}
