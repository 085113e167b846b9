import type { UseQueryResult } from '@tanstack/react-query';
import { Link } from 'react-router';
import { useT } from '../../../i18n';
import type { LiveQueue } from '../api';

export interface LiveCardText {
  title: string;
  empty: string;
  link: string;
}

/**
 * A work queue on a home page with live data: how many, the first few, and a link to the whole
 * queue. The card reads one page: when the queue goes on, it says "N or more", never a wrong total.
 * `detail` follows the count (My work's overdue).
 */
export function LiveQueueCard({ text, query, to, countText, detail }: { text: LiveCardText; query: UseQueryResult<LiveQueue>; to: string; countText: (n: number) => string; detail?: string | null }) {
  const t = useT();
  const data = query.data;
  return (
    <li className="usa-card tablet:grid-col-6 desktop:grid-col-4">
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h3 className="usa-card__heading">{text.title}</h3>
        </div>
        <div className="usa-card__body">
          {data ? (
            data.count === 0 ? (
              <p>{text.empty}</p>
            ) : (
              <>
                <p className="text-bold">
                  {data.more ? t.homeLive.orMore(countText(data.count)) : countText(data.count)}
                  {detail ? `, ${detail}` : null}
                </p>
                <ul className="harbor-live-list">
                  {data.items.map((item) => (
                    <li key={item.id}>
                      <Link to={item.to} className="usa-link">
                        {item.label}
                      </Link>
                      {item.note ? `, ${item.note}` : null}
                    </li>
                  ))}
                </ul>
                {data.more ? <p>{t.homeLive.atLeastMore(data.count - data.items.length)}</p> : data.count > data.items.length ? <p>{t.homeLive.more(data.count - data.items.length)}</p> : null}
              </>
            )
          ) : query.isPending ? (
            <p>{t.common.loading}</p>
          ) : (
            <p>{t.homeLive.failed}</p>
          )}
        </div>
        <div className="usa-card__footer">
          <Link to={to} className="usa-link">
            {text.link}
          </Link>
        </div>
      </div>
    </li>
  );
}
