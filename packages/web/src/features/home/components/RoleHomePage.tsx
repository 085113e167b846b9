import { Navigate } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { useSignedIn } from '../../../lib/auth';
import { homeOfRole, type Home } from '../../../lib/homes';
import { useT } from '../../../i18n';
import { liveCards } from './liveCards';
import { QueueCard } from './QueueCard';
import { Shortcuts } from './Shortcuts';

/**
 * A role's home page: the heading in the agency's words, the user's office, and the work queues
 * that later issues fill. No numbers until there is something to count.
 */
export function RoleHomePage({ home }: { home: Home }) {
  const t = useT();
  const { user, can } = useSignedIn();
  const role = user.roles.find((r) => homeOfRole(r) === home);
  // A home page belongs to the roles that open it; anyone else goes to their own.
  if (!role) return <Navigate to="/" replace />;
  const roleNames = user.roles.filter((r) => homeOfRole(r) === home).map((r) => t.roles[r]);
  const queues = Object.entries(t.home.queues[home]);
  // Queues that have data now show it (issue 3); the rest keep saying plainly they are empty.
  const live = (liveCards[home] ?? []).filter((c) => can(c.permission));
  const replacing = new Map(live.flatMap((c) => (c.replaces ? [[c.replaces, c] as const] : [])));
  return (
    <>
      <PageHeading>{t.home.headings[role]}</PageHeading>
      <p className="usa-intro harbor-home-office">{t.home.officeRole(user.office.name, roleNames.join(', '))}</p>
      <section aria-labelledby="queues-heading">
        <h2 id="queues-heading">{t.home.queuesHeading}</h2>
        <ul className="usa-card-group">
          {live
            .filter((c) => !c.replaces)
            .map((c) => (
              <c.card key={c.key} />
            ))}
          {queues.map(([key, q]) => {
            const card = replacing.get(key);
            return card ? <card.card key={key} /> : <QueueCard key={key} title={q.title} empty={q.empty} />;
          })}
        </ul>
      </section>
      <Shortcuts />
    </>
  );
}
