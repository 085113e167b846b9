/** The number of results, announced politely when it changes (after a filter, for example). */
export function ResultCount({ text }: { text: string }) {
  return (
    <p className="harbor-result-count" role="status">
      {text}
    </p>
  );
}
