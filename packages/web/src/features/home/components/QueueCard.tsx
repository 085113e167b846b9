/** One work queue on a home page. Later issues fill it; until then it says plainly it is empty. */
export function QueueCard({ title, empty }: { title: string; empty: string }) {
  return (
    <li className="usa-card tablet:grid-col-6 desktop:grid-col-4">
      <div className="usa-card__container">
        <div className="usa-card__header">
          <h3 className="usa-card__heading">{title}</h3>
        </div>
        <div className="usa-card__body">
          <p>{empty}</p>
        </div>
      </div>
    </li>
  );
}
