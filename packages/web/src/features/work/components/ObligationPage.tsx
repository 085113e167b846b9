import type { ObligationView } from '@harbor/policy/api';
import { Link, useParams } from 'react-router';
import { Alert } from '../../../components/Alert';
import { DataTable } from '../../../components/DataTable';
import { DescriptionList } from '../../../components/DescriptionList';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { formatDateTime } from '../../../lib/format';
import { useI18n, type Messages } from '../../../i18n';
import { useObligation } from '../api';
import { CompleteForm, NotNeededForm, RequestConsultForm } from './DutyForms';
import { dutyLabel, ownerText, SubjectLink } from './links';
import { TimeLeftTag, useNow } from './WorkTable';

function historyWho(h: ObligationView['history'][number], t: Messages): string {
  if (h.kind === 'escalated' && h.toRole) return `${t.roles[h.toRole as keyof Messages['roles']] ?? h.toRole}${h.toOfficeCode ? ` (${h.toOfficeCode})` : ''}`;
  if (h.kind === 'reassigned' && h.toUserName) return h.toUserName;
  return h.actorName ?? 'Harbor';
}

/** One duty: what, for which record, when due, who owns it, its full history; complete it or mark it not needed. */
export function ObligationPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const query = useObligation(id);
  const now = useNow();
  const d = t.work.duty;
  return (
    <>
      <BackLink to="/work">{d.back}</BackLink>
      <QueryState query={query}>
        {(o) => {
          const open = o.state === 'open' || o.state === 'overdue';
          return (
            <>
              <PageHeading>
                {o.clause} {dutyLabel(o, t)}
              </PageHeading>
              <DescriptionList
                items={[
                  { term: d.subject, value: <SubjectLink duty={o} /> },
                  { term: d.office, value: o.officeName ?? t.common.notRecorded },
                  { term: d.owner, value: ownerText(o, t) },
                  {
                    term: d.due,
                    value: (
                      <>
                        {formatDateTime(o.dueAt, lang)}
                        {open ? (
                          <>
                            {' '}
                            <TimeLeftTag dueAt={o.dueAt} now={now} />
                          </>
                        ) : null}
                      </>
                    ),
                  },
                  { term: d.state, value: t.work.states[o.state] ?? o.state },
                  { term: d.escalation, value: t.work.levels[o.escalationLevel] ?? String(o.escalationLevel) },
                  ...(o.resolvedAt ? [{ term: d.resolved, value: `${formatDateTime(o.resolvedAt, lang)}${o.resolvedByName ? `, ${o.resolvedByName}` : ''}` }] : []),
                  ...(o.resolution?.outcome ? [{ term: d.outcome, value: o.resolution.outcome }] : []),
                  ...(o.resolution?.who ? [{ term: d.who, value: o.resolution.who }] : []),
                  ...(o.resolution?.when ? [{ term: d.when, value: formatDateTime(o.resolution.when, lang) }] : []),
                  ...(o.resolution?.reason ? [{ term: d.reason, value: o.resolution.reason }] : []),
                ]}
              />
              {open ? <DutyActions duty={o} onReload={() => void query.refetch()} /> : (
                <Alert kind="info">{d.closed}</Alert>
              )}
              <section aria-labelledby="history-heading" className="harbor-section">
                <h2 id="history-heading">{d.historyHeading}</h2>
                <DataTable
                  rows={o.history}
                  columns={[
                    { id: 'at', header: d.at, className: 'harbor-time', sort: { value: (h) => h.at }, cell: (h) => formatDateTime(h.at, lang) },
                    { id: 'what', header: d.what, cell: (h) => d.history[h.kind] ?? h.kind },
                    { id: 'by', header: d.by, cell: (h) => historyWho(h, t) },
                  ]}
                  keyColumn="what"
                  rowKey={(h) => h.id}
                  caption={d.historyCaption}
                  empty={null}
                />
              </section>
            </>
          );
        }}
      </QueryState>
    </>
  );
}

/**
 * The forms the caller may use on an open duty: done, and not needed where the policy allows it;
 * otherwise where the duty is closed, or who closes it.
 */
function DutyActions({ duty, onReload }: { duty: ObligationView; onReload: () => void }) {
  const { t } = useI18n();
  const d = t.work.duty;
  if (duty.can.requestConsult) return <RequestConsultForm duty={duty} onReload={onReload} />;
  if (duty.completedOn) {
    return (
      <Alert kind="info">
        {d.completedOn[duty.completedOn]}{' '}
        {duty.completedOn === 'checklist' ? (
          <Link className="usa-link" to={`/referrals/${duty.subjectId}/investigation`}>
            {d.openChecklist}
          </Link>
        ) : null}
      </Alert>
    );
  }
  if (!duty.can.done && !duty.can.notNeeded) return <Alert kind="info">{d.notYours}</Alert>;
  return (
    <>
      {duty.can.done ? <CompleteForm duty={duty} onReload={onReload} /> : null}
      {duty.can.notNeeded ? <NotNeededForm duty={duty} onReload={onReload} /> : <p className="usa-hint">{d.required}</p>}
    </>
  );
}
