import { outboxStatuses, type OutboxStatus } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useT } from '../../../i18n';
import { isOutboxStatus, pageSize, useOutbox } from '../api';
import { OutboxTable } from './OutboxTable';

/** ?status=&offset= from the URL; anything malformed there is ignored. */
function readUrl(params: URLSearchParams): { status: OutboxStatus | ''; offset: number } {
  const status = params.get('status') ?? '';
  const offset = Number(params.get('offset') ?? '0');
  return { status: isOutboxStatus(status) ? status : '', offset: Number.isInteger(offset) && offset > 0 && offset <= 100_000 ? offset : 0 };
}

const urlOf = (status: string, offset: number) => {
  const q = new URLSearchParams();
  if (status) q.set('status', status);
  if (offset > 0) q.set('offset', String(offset));
  const s = q.toString();
  return `/outgoing-mail${s ? `?${s}` : ''}`;
};

/**
 * Outgoing mail (issue 3, item 12; CL-4): every message and its delivery status. Without a mail
 * server nothing is sent, and the page says so above everything else.
 */
export function OutgoingMailPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { status, offset } = readUrl(params);
  const query = useOutbox(status, offset);
  const [chosen, setChosen] = useState<string>(status);
  const o = t.outbox;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(chosen ? { status: chosen } : {});
  };

  return (
    <>
      <PageHeading>{o.heading}</PageHeading>
      <p className="usa-intro">{o.intro}</p>
      {query.data?.mailServer === 'none' ? (
        <Alert kind="warning" heading={o.noServerHeading}>
          {o.noServer}
        </Alert>
      ) : null}
      <form className="usa-form harbor-filters" onSubmit={apply} aria-label={o.filtersLegend}>
        <SelectField id="filter-status" label={o.status} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{t.common.any}</option>
          {outboxStatuses.map((s) => (
            <option key={s} value={s}>
              {o.statuses[s]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button usa-button--outline">
          {o.apply}
        </button>
      </form>
      <QueryState query={query}>
        {(page) => (
          <>
            <ResultCount text={o.range(page.rows.length ? offset + 1 : 0, offset + page.rows.length)} />
            {page.rows.length > 0 ? <OutboxTable rows={page.rows} /> : null}
            <nav className="harbor-pager" aria-label={o.caption}>
              {offset > 0 ? (
                <Link className="usa-link" to={urlOf(status, Math.max(0, offset - pageSize))}>
                  {o.newer}
                </Link>
              ) : null}
              {page.nextOffset !== null ? (
                <Link className="usa-link" to={urlOf(status, page.nextOffset)}>
                  {o.older}
                </Link>
              ) : null}
            </nav>
          </>
        )}
      </QueryState>
    </>
  );
}
