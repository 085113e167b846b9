import type { PersonView } from '@harbor/policy/api';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { Radios } from '../../../components/Radios';
import { TextField } from '../../../components/fields';
import { LoadError } from '../../../components/QueryState';
import { ResultCount } from '../../../components/ResultCount';
import { useT } from '../../../i18n';
import { useChildSearch } from '../api';

/** Letters typed before a search is asked for; the wait after the last key. */
const minLetters = 2;
const pause = 300;
const letters = (s: string) => s.replace(/[^\p{L}]+/gu, '').length;
const labelOf = (p: PersonView) => `${p.lastName}, ${p.firstName}`;

/**
 * The child of a new case, found by name among every child within the worker's reach (not the
 * first page of a list): the search asks the server as the worker types (a pause after the last
 * key, or Enter at once), the children found are radio buttons (arrow keys move between them),
 * and "Show more" reads the next page. The search field carries the field's error, so the error
 * summary's link lands on it.
 */
export function ChildPicker({ id, value, onChange, error }: { id: string; value: string; onChange: (personId: string) => void; error?: string | undefined }) {
  const t = useT();
  const c = t.casework.create;
  const [typed, setTyped] = useState('');
  const [term, setTerm] = useState('');
  const [chosen, setChosen] = useState<PersonView | null>(null);
  useEffect(() => {
    const next = letters(typed) >= minLetters ? typed.trim() : '';
    const timer = window.setTimeout(() => setTerm(next), pause);
    return () => window.clearTimeout(timer);
  }, [typed]);
  const search = useChildSearch(term);
  const found = search.data?.pages.flatMap((p) => p.items) ?? [];

  // Enter searches at once; it never sends the case form from the search field.
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'Enter') return;
    e.preventDefault();
    setTerm(letters(typed) >= minLetters ? typed.trim() : '');
  };
  const pick = (personId: string) => {
    setChosen(found.find((p) => p.id === personId) ?? null);
    onChange(personId);
  };
  const describe = (p: PersonView) => [p.dateOfBirth ? c.bornOn(p.dateOfBirth) : null, p.townName, p.officeCode].filter(Boolean).join(' · ');

  return (
    <div className="harbor-child-picker">
      <TextField id={id} type="search" label={c.search} hint={c.searchHint} required error={error} value={typed} onChange={(e) => setTyped(e.target.value)} onKeyDown={onKeyDown} autoComplete="off" spellCheck={false} />
      {term === '' ? null : search.isError ? (
        <LoadError error={search.error} onRetry={() => void search.refetch()} />
      ) : (
        <ResultCount text={search.isPending ? t.common.loading : c.found(found.length, search.hasNextPage)} />
      )}
      {found.length > 0 ? (
        <Radios
          id={`${id}-found`}
          legend={c.foundLegend}
          options={found.map((p) => ({ value: p.id, label: labelOf(p), hint: describe(p) }))}
          value={found.some((p) => p.id === value) ? value : ''}
          onChange={pick}
        />
      ) : null}
      {search.hasNextPage ? (
        <button type="button" className="usa-button usa-button--outline" onClick={() => void search.fetchNextPage()} disabled={search.isFetchingNextPage}>
          {c.more}
        </button>
      ) : null}
      {chosen && value === chosen.id && !found.some((p) => p.id === value) ? <p className="harbor-child-picker__chosen">{c.chosen(labelOf(chosen))}</p> : null}
    </div>
  );
}
