import type { WorkItemView } from '@harbor/policy/api';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { timeLeft } from '../time-left';
import { dutyLabel, ownerText, SubjectLink } from './links';

/** The time now, moving every minute (for the time-left column). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = window.setInterval(() => setNow(Date.now()), everyMs);
    return () => window.clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "Due in 5 h", or a red tag "Overdue by 2 days". */
export function TimeLeftTag({ dueAt, now }: { dueAt: string; now: number }) {
  const { t } = useI18n();
  const left = timeLeft(dueAt, now, t.work);
  return left.overdue ? <span className="usa-tag harbor-tag--overdue">{left.text}</span> : <>{left.text}</>;
}

/** Duties in the server's order (overdue first, then by due time), each linking to its page and its record. */
export function WorkTable({ items, caption, captionId, now }: { items: readonly WorkItemView[]; caption: string; captionId: string; now: number }) {
  const { t, lang } = useI18n();
  const c = t.work.columns;
  // One office for every duty (a worker's, a unit's): its column would only repeat it.
  const offices = new Set(items.map((d) => d.officeCode));
  const showOffice = offices.size > 1;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby={captionId}>
      <table className="usa-table usa-table--striped harbor-table">
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.duty}</th>
            <th scope="col">{c.subject}</th>
            {showOffice ? <th scope="col">{c.office}</th> : null}
            <th scope="col">{c.owner}</th>
            <th scope="col">{c.due}</th>
            <th scope="col">{c.escalation}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((d) => {
            const label = dutyLabel(d, t);
            const overdue = timeLeft(d.dueAt, now, t.work).overdue;
            return (
              <tr key={d.id} className={overdue ? 'harbor-row--overdue' : undefined}>
                <th scope="row" className="harbor-work-duty">
                  <Link to={`/obligations/${d.id}`} className="usa-link" aria-label={t.work.openDuty(`${d.clause} ${label}`, d.subjectNumber ?? '')}>
                    {d.clause} {label}
                  </Link>
                </th>
                <td className="harbor-nowrap">
                  <SubjectLink duty={d} />
                </td>
                {showOffice ? <td>{d.officeCode ?? t.common.notRecorded}</td> : null}
                <td className="harbor-wrap">{ownerText(d, t)}</td>
                <td className="harbor-due">
                  {/* The time left first (what a worker acts on), the due time under it. */}
                  <span className="display-block harbor-nowrap">
                    <TimeLeftTag dueAt={d.dueAt} now={now} />
                  </span>
                  <span className="display-block harbor-time font-body-2xs">{formatDateTime(d.dueAt, lang)}</span>
                </td>
                <td className="harbor-wrap">{t.work.levels[d.escalationLevel] ?? String(d.escalationLevel)}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
