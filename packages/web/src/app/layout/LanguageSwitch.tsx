import { isLang, useI18n } from '../../i18n';

/** Switches between English and Spanish; the button is written in the language it offers. */
export function LanguageSwitch() {
  const { t, setLang } = useI18n();
  const target = t.header.switchToLang;
  return (
    <button type="button" className="usa-button usa-button--unstyled harbor-language" lang={target} onClick={() => isLang(target) && setLang(target)}>
      {t.header.switchTo}
    </button>
  );
}
