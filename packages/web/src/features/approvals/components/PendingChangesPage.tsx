import { approvalStatuses } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { wholeList } from '../../../lib/paged-list';
import { useT } from '../../../i18n';
import { approvalOrders, isApprovalOrder, isApprovalStatus, useApprovals, type ApprovalOrder } from '../api';
import { ApprovalCard } from './ApprovalCard';

/**
 * CF-1: changes that could give one person a child's identity, kept until a second administrator
 * approves them. The status shown, the order (by request, or by decision for decided changes)
 * and the page live in the URL (?status=approved&sort=decidedAt&dir=asc).
 */
export function PendingChangesPage() {
  const t = useT();
  const a = t.pendingChanges;
  const [params, setParams] = useSearchParams();
  const raw = params.get('status') ?? '';
  const status = isApprovalStatus(raw) ? raw : 'pending';
  const list = useApprovals(status);
  const [done, setDone] = useState<string | null>(null);
  // A pending change has no decision yet: only the request orders are offered for it.
  const orders = approvalOrders.filter((o) => status !== 'pending' || o.startsWith('requestedAt'));
  const inUrl = `${list.sort?.key ?? 'requestedAt'}:${list.sort?.dir ?? 'desc'}`;
  const current: ApprovalOrder = isApprovalOrder(inUrl) && (orders as readonly string[]).includes(inUrl) ? inUrl : 'requestedAt:desc';
  const [picked, setChosen] = useState<ApprovalOrder>(current);
  const chosen = (orders as readonly string[]).includes(picked) ? picked : 'requestedAt:desc';
  const apply = (e: FormEvent) => {
    e.preventDefault();
    const [key, dir] = chosen.split(':') as [string, string];
    void setParams((prev) => {
      const next = new URLSearchParams(prev);
      next.delete('cursors');
      next.set('sort', key);
      next.set('dir', dir);
      return next;
    });
  };
  return (
    <>
      <PageHeading>{a.title}</PageHeading>
      <p className="usa-intro">{a.intro}</p>
      <nav aria-label={a.statusLegend}>
        <ul className="usa-button-group usa-button-group--segmented margin-bottom-2">
          {approvalStatuses.map((s) => (
            <li key={s} className="usa-button-group__item">
              <Link to={`/pending-changes?status=${s}`} className={`usa-button${s === status ? '' : ' usa-button--outline'}`} aria-current={s === status ? 'page' : undefined}>
                {a.statuses[s]}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <form className="usa-form harbor-filters" onSubmit={apply} aria-label={a.orderLegend}>
        <SelectField id="approvals-order" label={a.order} value={chosen} onChange={(e) => setChosen(isApprovalOrder(e.target.value) ? e.target.value : 'requestedAt:desc')}>
          {orders.map((o) => (
            <option key={o} value={o}>
              {a.orders[o]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button usa-button--outline margin-top-1">
          {a.sort}
        </button>
      </form>
      {done ? <Alert kind="success">{done}</Alert> : null}
      <QueryState query={list.query}>
        {(page) => (
          <>
            <ResultCount text={wholeList(list) ? a.count(page.items.length) : a.pageCount(list.pageIndex * list.limit + 1, list.pageIndex * list.limit + page.items.length)} />
            {page.items.map((item) => (
              <ApprovalCard key={item.id} item={item} onDone={setDone} />
            ))}
            {list.hasPrevious || list.hasNext ? (
              <nav className="harbor-pager" aria-label={a.pages}>
                {list.hasPrevious ? (
                  <button type="button" className="usa-button usa-button--outline harbor-pager__previous" onClick={list.previous}>
                    {t.table.previous}
                  </button>
                ) : null}
                {list.hasNext ? (
                  <button type="button" className="usa-button usa-button--outline harbor-pager__next" onClick={list.next}>
                    {t.table.next}
                  </button>
                ) : null}
              </nav>
            ) : null}
          </>
        )}
      </QueryState>
    </>
  );
}
