import { workUnitQuery, type WorkUnitQuery } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useT } from '../../../i18n';
import { useUnitWork } from '../api';
import { timeLeft } from '../time-left';
import { useNow, WorkTable } from './WorkTable';

/** Issue 4, item 7: a supervisor's office, a HART Lead's region, the Director's state; filters kept in the URL. */
export function UnitWorkPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const parsed = workUnitQuery.safeParse({ state: params.get('state') ?? undefined, owner: params.get('owner') ?? undefined });
  const filters: Pick<WorkUnitQuery, 'state' | 'owner'> = parsed.success ? parsed.data : {};
  const query = useUnitWork(filters);
  const now = useNow();
  const u = t.work.unit;
  const [state, setState] = useState(filters.state ?? '');
  const [owner, setOwner] = useState(filters.owner ?? '');
  const owners = [...new Map((query.data ?? []).filter((d) => d.ownerUserId && d.ownerName).map((d) => [d.ownerUserId!, d.ownerName!])).entries()].sort((a, b) => a[1].localeCompare(b[1]));

  function apply(e: FormEvent) {
    e.preventDefault();
    const next = new URLSearchParams();
    if (state) next.set('state', state);
    if (owner) next.set('owner', owner);
    setParams(next);
  }

  return (
    <>
      <PageHeading>{u.heading}</PageHeading>
      <p className="usa-intro">{u.intro}</p>
      <form className="usa-form harbor-filters" onSubmit={apply} aria-label={u.filters}>
        <SelectField id="state" label={u.state} value={state} onChange={(e) => setState(e.target.value)}>
          <option value="">{u.anyone}</option>
          <option value="open">{t.work.states['open']}</option>
          <option value="overdue">{t.work.states['overdue']}</option>
        </SelectField>
        <SelectField id="owner" label={u.owner} value={owner} onChange={(e) => setOwner(e.target.value)}>
          <option value="">{u.anyone}</option>
          {owners.map(([id, name]) => (
            <option key={id} value={id}>
              {name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button margin-top-2">
          {u.apply}
        </button>
      </form>
      <QueryState query={query}>
        {(items) =>
          items.length === 0 ? (
            <p role="status">{u.empty}</p>
          ) : (
            <>
              <ResultCount text={t.work.mine.count(items.length, items.filter((d) => timeLeft(d.dueAt, now, t.work).overdue).length)} />
              <WorkTable items={items} caption={u.caption} now={now} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
