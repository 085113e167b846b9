import { approvalStatuses } from '@harbor/policy/api';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useT } from '../../../i18n';
import { isApprovalStatus, useApprovals } from '../api';
import { ApprovalCard } from './ApprovalCard';

/**
 * CF-1: changes that could give one person a child's identity, kept until a second administrator
 * approves them. The status shown lives in the URL (?status=approved).
 */
export function PendingChangesPage() {
  const t = useT();
  const a = t.pendingChanges;
  const [params] = useSearchParams();
  const raw = params.get('status') ?? '';
  const status = isApprovalStatus(raw) ? raw : 'pending';
  const query = useApprovals(status);
  const [done, setDone] = useState<string | null>(null);
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
      {done ? <Alert kind="success">{done}</Alert> : null}
      <QueryState query={query}>
        {(items) => (
          <>
            <ResultCount text={a.count(items.length)} />
            {items.map((item) => (
              <ApprovalCard key={item.id} item={item} onDone={setDone} />
            ))}
          </>
        )}
      </QueryState>
    </>
  );
}
