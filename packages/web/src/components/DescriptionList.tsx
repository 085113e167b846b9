import type { ReactNode } from 'react';

/** Label and value pairs of one record (a summary list). */
export function DescriptionList({ items }: { items: readonly { term: string; value: ReactNode }[] }) {
  return (
    <dl className="harbor-summary">
      {items.map((item) => (
        <div className="harbor-summary__row" key={item.term}>
          <dt>{item.term}</dt>
          <dd>{item.value}</dd>
        </div>
      ))}
    </dl>
  );
}
