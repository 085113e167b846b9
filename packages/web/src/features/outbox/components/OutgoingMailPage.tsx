import { outboxPage, outboxStatuses } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { usePagedList } from '../../../lib/paged-list';
import { useT } from '../../../i18n';
import { isOutboxStatus, outboxDefaultSort } from '../api';
import { OutboxTable } from './OutboxTable';

/**
 * Outgoing mail (issue 3, item 12; CL-4): every message and its delivery status. Without a mail
 * server nothing is sent, and the page says so above everything else. The status filter, the sort
 * and the page live in the URL.
 */
export function OutgoingMailPage() {
  const t = useT();
  const [params] = useSearchParams();
  const fromUrl = params.get('status') ?? '';
  const status = isOutboxStatus(fromUrl) ? fromUrl : '';
  const list = usePagedList('outbox', '/api/outbox', { status }, outboxPage, { defaultSort: outboxDefaultSort });
  const [chosen, setChosen] = useState<string>(status);
  const o = t.outbox;

  const apply = (e: FormEvent) => {
    e.preventDefault();
    list.setFilters({ status: chosen });
  };

  return (
    <>
      <PageHeading>{o.heading}</PageHeading>
      <p className="usa-intro">{o.intro}</p>
      {list.query.data?.mailServer === 'none' ? (
        <Alert kind="warning" heading={o.noServerHeading}>
          {o.noServer}
        </Alert>
      ) : null}
      <OutboxTable list={list} first={list.pageIndex * list.limit}>
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
      </OutboxTable>
    </>
  );
}
