import type { TimelineItem } from '@harbor/policy/api';
import { Link, useParams } from 'react-router';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../lib/format';
import { useI18n, type Messages } from '../../../i18n';
import { policyWord } from '../../../i18n/policy-word';
import { useTimeline } from '../api';
import { subjectPath } from './links';

const linkPath = (l: NonNullable<TimelineItem['link']>) => (l.type === 'obligation' ? `/obligations/${l.id}` : subjectPath(l.type, l.id));

function labelText(item: TimelineItem, t: Messages): string | null {
  const label = item.label;
  if (!label) return null;
  if (item.kind.startsWith('obligation.')) return policyWord(t.policy.duties, item.code, label);
  if (item.kind.startsWith('support.')) return policyWord(t.hart.support.kinds, item.code, label);
  return label;
}

function detail(item: TimelineItem, t: Messages): string {
  const text = labelText(item, t);
  const label = item.clause && text ? `${item.clause} ${text}` : (text ?? item.clause ?? '');
  return [label, item.status].filter((x) => x && x.length > 0).join(' · ');
}

/** Issue 4, item 8: every event of a referral or a case, oldest first (USWDS process list). */
export function TimelinePage({ type }: { type: 'referral' | 'case' }) {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const query = useTimeline(type, id);
  const tl = t.work.timeline;
  return (
    <>
      <BackLink to={type === 'referral' ? `/referrals/${id}` : `/cases/${id}`}>{tl.back}</BackLink>
      <QueryState query={query}>
        {(v) => (
          <>
            <PageHeading>{tl.heading(v.number)}</PageHeading>
            <p className="usa-intro">{tl.intro}</p>
            {v.items.length === 0 ? (
              <p>{tl.empty}</p>
            ) : (
              <ol className="usa-process-list harbor-timeline">
                {v.items.map((item, i) => (
                  <li key={`${item.at}-${i}`} className="usa-process-list__item">
                    <h2 className="usa-process-list__heading font-sans-md">{tl.kinds[item.kind]}</h2>
                    <p className="margin-top-05">
                      <time dateTime={item.at}>{formatDateTime(item.at, lang)}</time>
                      {item.who ? ` · ${t.roles[item.who as keyof Messages['roles']] ?? item.who}` : null}
                    </p>
                    {detail(item, t) ? <p className="margin-top-05">{detail(item, t)}</p> : null}
                    {item.link && linkPath(item.link) ? (
                      <p className="margin-top-05">
                        <Link to={linkPath(item.link)!} className="usa-link">
                          {item.link.number ?? t.work.duty.heading}
                          <span className="usa-sr-only">, {tl.kinds[item.kind]}</span>
                        </Link>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
