import type { Permission } from '@harbor/policy';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { useSession, useSignedIn } from '../lib/auth';
import { homeOfRole, homePath } from '../lib/homes';
import { ForbiddenPage } from './pages/ForbiddenPage';

/** Pages behind sign-in; a user whose password an administrator set must change it first. */
export function RequireSession() {
  const session = useSession();
  const location = useLocation();
  if (!session.user) return <Navigate to="/sign-in" replace state={{ from: `${location.pathname}${location.search}` }} />;
  if (session.mustChangePassword && location.pathname !== '/change-password') return <Navigate to="/change-password" replace />;
  return <Outlet />;
}

/** A page that needs a permission the server grants; without it, say so plainly. */
export function RequirePermission({ permission, children }: { permission: Permission; children: ReactNode }) {
  const { can } = useSignedIn();
  return can(permission) ? children : <ForbiddenPage />;
}

/** `/` opens the home of the user's first role (passing on a confirmation to show there). */
export function HomeRedirect() {
  const { user } = useSignedIn();
  const passedOn: unknown = useLocation().state;
  const first = user.roles[0];
  return <Navigate to={first ? homePath(homeOfRole(first)) : '/people'} replace state={passedOn} />;
}
