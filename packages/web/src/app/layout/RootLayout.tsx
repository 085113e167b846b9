import { Outlet } from 'react-router';
import { IdleLock } from '../../features/session/components/IdleLock';
import { useSession, useSessionSync } from '../../lib/auth';
import { useT } from '../../i18n';
import { Flash } from './Flash';
import { Header } from './Header';
import { useRouteChange } from './useRouteChange';

/** Every page: skip link, header, main content, footer, and the idle lock while signed in. */
export function RootLayout() {
  const t = useT();
  useSessionSync();
  useRouteChange();
  const { user } = useSession();
  return (
    <>
      <a
        className="usa-skipnav"
        href="#main-content"
        onClick={(e) => {
          e.preventDefault();
          document.getElementById('main-content')?.focus();
        }}
      >
        {t.common.skipToMain}
      </a>
      <Header />
      <main id="main-content" tabIndex={-1} className="harbor-main">
        <div className="grid-container">
          <Flash />
          <Outlet />
        </div>
      </main>
      <footer className="usa-footer usa-footer--slim harbor-footer">
        <div className="grid-container">
          <p>{t.common.footer}</p>
        </div>
      </footer>
      {user ? <IdleLock /> : null}
    </>
  );
}
