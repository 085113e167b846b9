import { formatDate, formatDateTime } from '../../../lib/format';
import { useI18n } from '../../../i18n';
import { matchedOnText, orderMatches, type PersonMatch } from '../matches';

/**
 * Repeat victims (issue 3, item 11): people already on record who may be this child. The worker
 * links the child to one (the draft keeps `linkedPersonId`), or unlinks it.
 */
export function PossibleMatches({
  idPrefix,
  matches,
  linkedPersonId,
  onLink,
  returnFocusTo,
}: {
  idPrefix: string;
  matches: readonly PersonMatch[];
  linkedPersonId: string | null;
  onLink: (personId: string | null) => void;
  /** The field that takes focus when unlinking makes the whole panel go away. */
  returnFocusTo: string;
}) {
  const { t, lang } = useI18n();
  const m = t.referrals.matches;
  if (matches.length === 0 && !linkedPersonId) return null;
  const headingId = `${idPrefix}-matches-heading`;
  return (
    <section className="harbor-matches border-1px border-base-lighter padding-2 margin-y-2" aria-labelledby={headingId}>
      <h3 id={headingId} className="margin-top-0">
        {m.heading}
      </h3>
      {linkedPersonId ? <p className="text-bold">{m.linked}</p> : <p>{m.intro}</p>}
      {linkedPersonId ? null : <p className="usa-hint">{m.brief}</p>}
      <ul className="usa-list usa-list--unstyled">
        {orderMatches(matches, linkedPersonId).map((p) => {
          const linked = p.personId === linkedPersonId;
          // The buttons all read alike; each is described by its person, so a screen reader says whom.
          const whoId = `${idPrefix}-${p.personId}`;
          return (
            <li key={p.personId} className="margin-bottom-2">
              {/* CF-1: initials, birth year and town until linked; the linked child's full details. */}
              <p id={whoId} className="margin-y-05">
                {p.details ? (
                  <>
                    <strong>
                      {p.details.firstName} {p.details.lastName}
                    </strong>
                    {p.details.aliases.length > 0 ? ` (${p.details.aliases.join(', ')})` : ''}
                    {p.details.dateOfBirth ? `, ${m.born(formatDate(p.details.dateOfBirth, lang))}` : ''}
                  </>
                ) : (
                  <>
                    <strong>{p.initials}</strong>
                    {p.birthYear !== null ? `, ${m.bornIn(p.birthYear)}` : ''}
                  </>
                )}
                {p.townName ? `, ${p.townName}` : ''}
              </p>
              <p className="margin-y-05 usa-hint">{m.matchedOn(matchedOnText(p.matchedOn, m.on))}</p>
              {p.referrals.length > 0 ? (
                <p className="margin-y-05">
                  {m.earlier}: {p.referrals.map((r) => `${r.number}${r.receivedAt ? ` (${formatDateTime(r.receivedAt, lang)})` : ''}`).join('; ')}
                </p>
              ) : null}
              {linked ? (
                <button type="button" className="usa-button usa-button--outline" aria-describedby={whoId} onClick={() => onLink(null)}>
                  {m.unlink}
                </button>
              ) : (
                <button type="button" className="usa-button usa-button--outline" aria-describedby={whoId} onClick={() => onLink(p.personId)} disabled={linkedPersonId !== null}>
                  {m.link}
                </button>
              )}
            </li>
          );
        })}
      </ul>
      {linkedPersonId && !matches.some((p) => p.personId === linkedPersonId) ? (
        <button
          type="button"
          className="usa-button usa-button--outline"
          onClick={() => {
            onLink(null);
            // The panel goes away with the link: keep keyboard users in the child's fields.
            document.getElementById(returnFocusTo)?.focus();
          }}
        >
          {m.unlink}
        </button>
      ) : null}
    </section>
  );
}
