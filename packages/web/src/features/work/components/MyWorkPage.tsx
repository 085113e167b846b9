import { PageHeading } from '../../../components/PageHeading';
import { useT } from '../../../i18n';
import { useMyWork } from '../api';
import { useNow, WorkTable } from './WorkTable';

/** Issue 4, item 7: the signed-in user's duties, overdue first, with the time left; a server page at a time (issue 11). */
export function MyWorkPage() {
  const t = useT();
  const list = useMyWork();
  const now = useNow();
  const m = t.work.mine;
  return (
    <>
      <PageHeading>{m.heading}</PageHeading>
      <p className="usa-intro">{m.intro}</p>
      <WorkTable list={list} caption={m.caption} now={now} empty={m.empty} />
    </>
  );
}
