// A job's progress: a bar and the percentage as text.
export function Progress({ value }: { value: number }) {
  return (
    <span className="progress">
      <progress max={100} value={value} aria-label={`${value}% done`} />
      <span className="percent">{value}%</span>
    </span>
  );
}
