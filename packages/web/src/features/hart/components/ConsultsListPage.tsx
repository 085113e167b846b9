import { consultStatuses, type ConsultStatus } from '@harbor/policy';
import type { ConsultSummaryView } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { useConsults } from '../api';

const isStatus = (v: string | null): v is ConsultStatus => v !== null && (consultStatuses as readonly string[]).includes(v);

/** HL-1 .. HL-5: the consults within the caller's reach; the status filter is kept in the URL. */
export function ConsultsListPage() {
  const { t } = useI18n();
  const h = t.hart.list;
  const [params, setParams] = useSearchParams();
  const raw = params.get('status');
  const status = isStatus(raw) ? raw : '';
  const [chosen, setChosen] = useState<string>(status);
  const query = useConsults(status);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setParams(chosen ? { status: chosen } : {});
  };
  return (
    <>
      <PageHeading>{h.heading}</PageHeading>
      <p className="usa-intro">{h.intro}</p>
      <form className="usa-form harbor-filter" onSubmit={apply}>
        <SelectField id="status" label={h.filter} value={chosen} onChange={(e) => setChosen(e.target.value)}>
          <option value="">{h.all}</option>
          {consultStatuses.map((s) => (
            <option key={s} value={s}>
              {t.hart.statuses[s]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button usa-button--outline">
          {h.apply}
        </button>
      </form>
      <QueryState query={query}>
        {(items) =>
          items.length > 0 ? (
            <>
              <ResultCount text={h.count(items.length)} />
              <ConsultTable items={items} />
            </>
          ) : (
            <p>{h.empty}</p>
          )
        }
      </QueryState>
    </>
  );
}

function ConsultTable({ items }: { items: ConsultSummaryView[] }) {
  const { t, lang } = useI18n();
  const h = t.hart.list;
  const c = h.columns;
  return (
    <div className="usa-table-container--scrollable" tabIndex={0} role="region" aria-labelledby="consults-caption">
      <table className="usa-table usa-table--striped harbor-table">
        <caption id="consults-caption">{h.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{c.number}</th>
            <th scope="col">{c.subject}</th>
            <th scope="col">{c.office}</th>
            <th scope="col">{c.requested}</th>
            <th scope="col">{c.due}</th>
            <th scope="col">{c.status}</th>
            <th scope="col">{c.levels}</th>
          </tr>
        </thead>
        <tbody>
          {items.map((r) => (
            <tr key={r.id}>
              <th scope="row" className="harbor-nowrap">
                <Link to={`/consults/${r.id}`} className="usa-link" aria-label={h.open(r.number)}>
                  {r.number}
                </Link>
              </th>
              <td className="harbor-wrap">{`${t.hart.consult.subjectKinds[r.subject.type]} ${r.subject.number ?? ''}`}</td>
              <td className="harbor-wrap">{r.office.name}</td>
              <td className="harbor-time harbor-wrap">{formatDateTime(r.requestedAt, lang)}</td>
              <td className="harbor-time harbor-wrap">
                {r.overdue ? <span className="display-block">
                    <span className="usa-tag harbor-tag--overdue">{h.overdue}</span>
                  </span> : null}
                {r.dueAt ? formatDateTime(r.dueAt, lang) : t.hart.notRecorded}
              </td>
              <td>{t.hart.statuses[r.status]}</td>
              <td className="harbor-wrap">{r.riskSex && r.riskLabor ? `${t.hart.levels[r.riskSex]} / ${t.hart.levels[r.riskLabor]}` : t.hart.notRecorded}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
