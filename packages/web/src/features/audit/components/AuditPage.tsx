import { Link, useSearchParams } from 'react-router';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useT } from '../../../i18n';
import { useAuditPage, type AuditFilters } from '../api';
import { readUrl, writeUrl } from '../url';
import { AuditFilterForm } from './AuditFilterForm';
import { AuditTable } from './AuditTable';

/** The audit trail: filters and page in the URL, newest first, "Older entries" to page back. */
export function AuditPage() {
  const t = useT();
  const [params, setParams] = useSearchParams();
  const { filters, before } = readUrl(params);
  const query = useAuditPage(filters, before);
  const apply = (next: AuditFilters) => setParams(writeUrl(next, null));
  const older = (nextBefore: number) => {
    setParams(writeUrl(filters, nextBefore));
    document.getElementById('audit-results')?.focus();
  };
  return (
    <>
      <PageHeading>{t.audit.heading}</PageHeading>
      <p className="usa-intro">{t.audit.intro}</p>
      <AuditFilterForm initial={filters} onApply={apply} />
      <QueryState query={query}>
        {(page) => (
          <>
            <ResultCount text={`${t.audit.count(page.rows.length)}${before ? ` ${t.audit.olderNote}` : ''}`} />
            {page.rows.length > 0 ? <AuditTable rows={page.rows} /> : null}
            <div className="harbor-pager">
              {before ? (
                <Link to={{ search: new URLSearchParams(writeUrl(filters, null)).toString() }} className="usa-link">
                  {t.audit.newest}
                </Link>
              ) : null}
              {page.nextBefore ? (
                <button type="button" className="usa-button usa-button--outline" onClick={() => older(page.nextBefore ?? 0)}>
                  {t.audit.older}
                </button>
              ) : null}
            </div>
          </>
        )}
      </QueryState>
    </>
  );
}
