import { workUnitQuery, type WorkUnitQuery } from '@harbor/policy/api';
import { useState, type FormEvent } from 'react';
import { useSearchParams } from 'react-router';
import { SelectField } from '../../../components/fields';
import { PageHeading } from '../../../components/PageHeading';
import { useT } from '../../../i18n';
import { useUnitOwners, useUnitWork } from '../api';
import { useNow, WorkTable } from './WorkTable';

/**
 * Issue 4, item 7: a supervisor's office, a HART Lead's region, the HART Director's state, a server
 * page at a time (issue 11); the filters and the page kept in the URL. The owners offered are the
 * server's (everyone owning an open duty in the unit), not only those of the rows loaded.
 */
export function UnitWorkPage() {
  const t = useT();
  const [params] = useSearchParams();
  const parsed = workUnitQuery.pick({ state: true, owner: true }).safeParse({ state: params.get('state') ?? undefined, owner: params.get('owner') ?? undefined });
  const filters: Pick<WorkUnitQuery, 'state' | 'owner'> = parsed.success ? parsed.data : {};
  const list = useUnitWork(filters);
  const owners = useUnitOwners().data ?? [];
  const now = useNow();
  const u = t.work.unit;
  const [state, setState] = useState(filters.state ?? '');
  const [owner, setOwner] = useState(filters.owner ?? '');
  // When the URL changes (Back, a link), the fields follow it.
  const applied = `${filters.state ?? ''}|${filters.owner ?? ''}`;
  const [shown, setShown] = useState(applied);
  if (shown !== applied) {
    setShown(applied);
    setState(filters.state ?? '');
    setOwner(filters.owner ?? '');
  }

  function apply(e: FormEvent) {
    e.preventDefault();
    list.setFilters({ state, owner });
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
          {owners.map((o) => (
            <option key={o.id} value={o.id}>
              {o.name}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="usa-button margin-top-2">
          {u.apply}
        </button>
      </form>
      <WorkTable list={list} caption={u.caption} now={now} empty={u.empty} />
    </>
  );
}
