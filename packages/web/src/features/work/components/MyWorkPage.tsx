import { PageHeading } from '../../../components/PageHeading';
import { QueryState } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useT } from '../../../i18n';
import { useMyWork } from '../api';
import { timeLeft } from '../time-left';
import { useNow, WorkTable } from './WorkTable';

/** Issue 4, item 7: the signed-in user's duties, overdue first, with the time left. */
export function MyWorkPage() {
  const t = useT();
  const query = useMyWork();
  const now = useNow();
  const m = t.work.mine;
  return (
    <>
      <PageHeading>{m.heading}</PageHeading>
      <p className="usa-intro">{m.intro}</p>
      <QueryState query={query}>
        {(items) =>
          items.length === 0 ? (
            <p>{m.empty}</p>
          ) : (
            <>
              <ResultCount text={m.count(items.length, items.filter((d) => timeLeft(d.dueAt, now, t.work).overdue).length)} />
              <WorkTable items={items} caption={m.caption} now={now} />
            </>
          )
        }
      </QueryState>
    </>
  );
}
