import { useT } from '../../i18n';

/** When Harbor cannot start (the server cannot be reached) or a page fails unexpectedly. */
export function AppErrorPage() {
  const t = useT();
  return (
    <main id="main-content" className="harbor-main">
      <div className="grid-container">
        <h1>{t.common.loadFailed}</h1>
        <p className="usa-intro">{t.common.network}</p>
        <button type="button" className="usa-button" onClick={() => window.location.reload()}>
          {t.common.retry}
        </button>
      </div>
    </main>
  );
}
