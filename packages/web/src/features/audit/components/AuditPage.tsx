import { auditPage } from '@harbor/policy/api';
import { useSearchParams } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { usePagedList } from '../../../lib/paged-list';
import { useT } from '../../../i18n';
import { auditDefaultSort } from '../api';
import { readFilters } from '../url';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';

/** The audit trail: filters, sort and page in the URL, newest first unless sorted otherwise. */
export function AuditPage() {
  const t = useT();
  const [params] = useSearchParams();
  const filters = readFilters(params);
  const list = usePagedList('audit', '/api/audit', filters, auditPage, { defaultSort: auditDefaultSort });
  return (
    <>
      <PageHeading>{t.audit.heading}</PageHeading>
      <p className="usa-intro">{t.audit.intro}</p>
      <AuditTable list={list}>
        <AuditFilterForm initial={filters} onApply={list.setFilters} />
      </AuditTable>
    </>
  );
}
