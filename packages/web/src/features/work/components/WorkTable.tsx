import type { WorkItemView } from '@harbor/policy/api';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
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
export function WorkTable({ items, caption, now }: { items: readonly WorkItemView[]; caption: string; now: number }) {
  const { t, lang } = useI18n();
  const c = t.work.columns;
  // One office for every duty (a worker's, a unit's): its column would only repeat it.
  const offices = new Set(items.map((d) => d.officeCode));
  const showOffice = offices.size > 1;
  const columns: Column<WorkItemView>[] = [
    {
      id: 'duty',
      header: c.duty,
      className: 'harbor-work-duty',
      sort: { value: (d) => `${d.clause} ${dutyLabel(d, t)}` },
      cell: (d) => {
        const label = dutyLabel(d, t);
        return (
          <Link to={`/obligations/${d.id}`} className="usa-link" aria-label={t.work.openDuty(`${d.clause} ${label}`, d.subjectNumber ?? '')}>
            {d.clause} {label}
          </Link>
        );
      },
    },
    { id: 'subject', header: c.subject, className: 'harbor-nowrap', sort: { value: (d) => d.subjectNumber }, cell: (d) => <SubjectLink duty={d} /> },
    ...(showOffice ? [{ id: 'office', header: c.office, sort: { value: (d: WorkItemView) => d.officeCode }, cell: (d: WorkItemView) => d.officeCode ?? t.common.notRecorded }] : []),
    { id: 'owner', header: c.owner, className: 'harbor-wrap', cell: (d) => ownerText(d, t) },
    {
      id: 'due',
      header: c.due,
      className: 'harbor-due',
      sort: { value: (d) => d.dueAt },
      cell: (d) => (
        <>
          {/* The time left first (what a worker acts on), the due time under it. */}
          <span className="display-block harbor-nowrap">
            <TimeLeftTag dueAt={d.dueAt} now={now} />
          </span>
          <span className="display-block harbor-time font-body-2xs">{formatDateTime(d.dueAt, lang)}</span>
        </>
      ),
    },
    { id: 'escalation', header: c.escalation, className: 'harbor-wrap', sort: { value: (d) => d.escalationLevel }, cell: (d) => t.work.levels[d.escalationLevel] ?? String(d.escalationLevel) },
  ];
  return (
    <DataTable rows={items} columns={columns} rowKey={(d) => d.id} caption={caption} empty={null} emphasis={(d) => timeLeft(d.dueAt, now, t.work).overdue && 'overdue'} />
  );
}
