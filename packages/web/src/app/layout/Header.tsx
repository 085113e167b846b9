import { ExtendedNav, Header as UswdsHeader, NavMenuButton, Title } from '@trussworks/react-uswds';
import { useEffect, useState } from 'react';
import { Link, NavLink, useLocation } from 'react-router';
import { homePath, homesOf } from '../../lib/homes';
import { useSession } from '../../lib/auth';
import { useT } from '../../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import { navItems } from './nav';
import { UserBlock } from './UserBlock';

const linkClass = ({ isActive }: { isActive: boolean }) => `usa-nav-link${isActive ? ' usa-current' : ''}`;

/** The agency bar, Harbor's name, the signed-in user and the pages their permissions open. */
export function Header() {
  const t = useT();
  const { user, permissions } = useSession();
  const { pathname } = useLocation();
  const [expanded, setExpanded] = useState(false);
  const [shownFor, setShownFor] = useState(pathname);
  // The mobile menu closes when a link in it is followed.
  if (shownFor !== pathname) {
    setShownFor(pathname);
    setExpanded(false);
  }
  useEffect(() => {
    if (!expanded) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setExpanded(false);
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [expanded]);

  const primary = user
    ? [
        ...homesOf(user.roles).map((home) => (
          <NavLink key={home} to={homePath(home)} end className={linkClass}>
            <span>{t.titles.homes[home]}</span>
          </NavLink>
        )),
        ...navItems
          .filter((item) => permissions.includes(item.permission))
          .map((item) => (
            <NavLink key={item.to} to={item.to} end={item.end ?? false} className={linkClass}>
              <span>{item.label(t)}</span>
            </NavLink>
          )),
      ]
    : [];

  return (
    <>
      <div className="harbor-agency-bar">
        <div className="harbor-agency-bar__inner">
          <p className="harbor-agency-bar__text">
            <span className="harbor-agency-bar__agency">{t.common.agencyName}</span> <span className="harbor-agency-bar__notice">{t.common.confidential}</span>
          </p>
          <LanguageSwitch />
        </div>
      </div>
      <UswdsHeader extended showMobileOverlay={expanded} className="harbor-header">
        <div className="usa-navbar">
          <Title>
            <Link to="/" className="harbor-logo">
              {t.common.appName}
            </Link>
          </Title>
          {user ? <NavMenuButton label={t.header.menu} onClick={() => setExpanded((v) => !v)} aria-expanded={expanded} aria-controls="primary-nav" /> : null}
        </div>
        {user ? (
          <ExtendedNav
            id="primary-nav"
            aria-label={t.header.primaryNav}
            primaryItems={primary}
            secondaryItems={[<UserBlock key="user" />]}
            mobileExpanded={expanded}
            onToggleMobileNav={() => setExpanded((v) => !v)}
          />
        ) : null}
      </UswdsHeader>
    </>
  );
}
