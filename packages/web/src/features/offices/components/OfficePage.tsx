import type { OfficeView } from '@harbor/policy/api';
import { useState } from 'react';
import { useParams } from 'react-router';
import { DescriptionList } from '../../../components/DescriptionList';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { useSignedIn } from '../../../lib/auth';
import { useT } from '../../../i18n';
import { useOffice } from '../api';
import { OfficeEditForm } from './OfficeEditForm';

/** One office: its fixed facts, and the edit form for those who manage offices. */
export function OfficePage() {
  const t = useT();
  const { id = '' } = useParams();
  const { can } = useSignedIn();
  const query = useOffice(id);
  const [edits, setEdits] = useState(0);
  const reload = () => void query.refetch().then(() => setEdits((n) => n + 1));
  return (
    <>
      <BackLink to="/offices">{t.offices.back}</BackLink>
      <PageHeading>{query.data?.name ?? t.titles.office}</PageHeading>
      <QueryState query={query}>
        {(office) => (
          <>
            <Facts office={office} full={!can('office.manage')} />
            {can('office.manage') ? <OfficeEditForm key={edits} office={office} onReload={reload} /> : null}
          </>
        )}
      </QueryState>
    </>
  );
}

function Facts({ office, full }: { office: OfficeView; full: boolean }) {
  const t = useT();
  const c = t.offices.columns;
  const fixed = [
    { term: c.code, value: office.code },
    { term: c.kind, value: t.offices.kinds[office.kind] },
    { term: c.staff, value: String(office.userCount) },
  ];
  const editable = [
    { term: c.region, value: office.regionCode ?? t.common.none },
    { term: c.town, value: office.townName ?? t.common.none },
    { term: c.phone, value: office.phone ?? t.common.notRecorded },
    { term: c.status, value: office.active ? t.offices.status.open : t.offices.status.closed },
  ];
  return (
    <section aria-labelledby="facts-heading" className="harbor-section">
      <h2 id="facts-heading">{t.offices.details}</h2>
      <DescriptionList items={full ? [...fixed, ...editable] : fixed} />
    </section>
  );
}
