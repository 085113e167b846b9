import { useParams } from 'react-router';
import { DescriptionList } from '../../../components/DescriptionList';
import { BackLink } from '../../../components/LinkButton';
import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ageOn, formatDate, formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { usePerson } from '../api';

/** One person's record. Opening it is written to the audit trail by the server. */
export function PersonDetailPage() {
  const { t, lang } = useI18n();
  const { id = '' } = useParams();
  const query = usePerson(id);
  const person = query.data;
  return (
    <>
      <BackLink to="/people">{t.people.back}</BackLink>
      <PageHeading>{person ? `${person.firstName} ${person.lastName}` : t.titles.person}</PageHeading>
      <QueryState query={query}>
        {(p) => (
          <DescriptionList
            items={[
              { term: t.people.columns.kind, value: t.people.kinds[p.kind] },
              { term: t.people.detail.aliases, value: p.aliases.length ? p.aliases.join(', ') : t.common.none },
              { term: t.people.columns.dateOfBirth, value: p.dateOfBirth ? formatDate(p.dateOfBirth, lang) : t.common.notRecorded },
              { term: t.people.detail.age, value: p.dateOfBirth ? String(ageOn(p.dateOfBirth, new Date())) : t.common.notRecorded },
              { term: t.people.detail.gender, value: t.people.genders[p.gender] },
              { term: t.people.columns.town, value: p.townName ?? t.common.notRecorded },
              { term: t.people.columns.office, value: p.officeCode },
              { term: t.people.detail.recorded, value: formatDateTime(p.createdAt, lang) },
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
