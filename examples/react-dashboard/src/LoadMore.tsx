// The button that loads the next page of jobs; disabled while that page is on its way.
export function LoadMore({ loading, onLoad }: { loading: boolean; onLoad: () => void }) {
  return (
    <button type="button" className="load-more" disabled={loading} aria-busy={loading} onClick={onLoad}>
      Load more
    </button>
  );
}
