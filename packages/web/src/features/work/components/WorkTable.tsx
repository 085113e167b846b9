import type { WorkItemView } from '@harbor/policy/api';
import { useEffect, useState } from 'react';
import { Link } from 'react-router';
import { DataTable, type Column } from '../../../components/DataTable';
import { formatDateTime } from '../../../lib/format';
import { wholeList, type PagedList } from '../../../lib/paged-list';
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

/**
 * Duties one server page at a time (issue 11), in the server's order (overdue first, then by due
 * time), each linking to its page and its record. The count (duties, how many overdue) shows when
 * the whole list is on one page; otherwise the pager says which rows are shown.
 */
export function WorkTable({ list, caption, now, empty }: { list: PagedList<WorkItemView>; caption: string; now: number; empty: string }) {
  const { t, lang } = useI18n();
  const c = t.work.columns;
  // One office for every duty of the page (a worker's, a unit's): its column would only repeat it.
  const offices = new Set((list.query.data?.items ?? []).map((d) => d.officeCode));
  const showOffice = offices.size > 1;
  const columns: Column<WorkItemView>[] = [
    {
      id: 'duty',
      header: c.duty,
      className: 'harbor-work-duty',
      cell: (d) => {
        const label = dutyLabel(d, t);
        return (
          <Link to={`/obligations/${d.id}`} className="usa-link" aria-label={t.work.openDuty(`${d.clause} ${label}`, d.subjectNumber ?? '')}>
            {d.clause} {label}
          </Link>
        );
      },
    },
    { id: 'subject', header: c.subject, className: 'harbor-nowrap', cell: (d) => <SubjectLink duty={d} /> },
    ...(showOffice ? [{ id: 'office', header: c.office, cell: (d: WorkItemView) => d.officeCode ?? t.common.notRecorded }] : []),
    { id: 'owner', header: c.owner, className: 'harbor-wrap', cell: (d) => ownerText(d, t) },
    {
      id: 'due',
      header: c.due,
      className: 'harbor-due',
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
    { id: 'escalation', header: c.escalation, className: 'harbor-wrap', cell: (d) => t.work.levels[d.escalationLevel] ?? String(d.escalationLevel) },
  ];
  const overdue = (d: WorkItemView) => timeLeft(d.dueAt, now, t.work).overdue;
  return (
    <DataTable
      list={list}
      columns={columns}
      rowKey={(d) => d.id}
      caption={caption}
      empty={null}
      // An empty list says so where it is announced (a filter that matches nothing).
      count={(rows) => (rows.length === 0 ? empty : wholeList(list) ? t.work.mine.count(rows.length, rows.filter(overdue).length) : null)}
      emphasis={(d) => overdue(d) && 'overdue'}
    />
  );
}
