// The statistics every suite shares: interleaved rounds, medians, percentiles and paired ratios.
//
// Method: a suite runs `rounds` rounds; round r runs every contender once, starting with contender r mod n and
// going on in order, so that a slow patch of the machine (another process, thermal drift, a GC of the harness)
// falls on every contender alike rather than on whichever ran at that moment. A figure is the median over the
// rounds of the contender's per-round value; a ratio is the median over the rounds of (contender ÷ baseline)
// within the same round, which cancels drift between rounds instead of mixing it into two separate medians.

/** Runs `run(contender, round)` for every contender in every round, each round in a rotated order. */
export async function interleave<T>(
  rounds: number,
  contenders: readonly T[],
  run: (contender: T, round: number) => Promise<void>,
): Promise<void> {
  for (let round = 0; round < rounds; round++) {
    for (let k = 0; k < contenders.length; k++) {
      // biome-ignore lint/style/noNonNullAssertion: the index is always in range
      await run(contenders[(round + k) % contenders.length]!, round);
    }
  }
}

/** The median of a non-empty list (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  // biome-ignore lint/style/noNonNullAssertion: indices are in range for a non-empty list
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** The q-quantile (0 ≤ q ≤ 1) of sorted values, by linear interpolation between the closest ranks. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) throw new Error("quantile of no values");
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  // biome-ignore lint/style/noNonNullAssertion: indices are in range for a non-empty list
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

/** The median over rounds of `values[r] ÷ baseline[r]`: a ratio paired round by round. */
export function pairedRatio(values: readonly number[], baseline: readonly number[]): number {
  if (values.length !== baseline.length) throw new Error("paired ratio of lists of different lengths");
  // biome-ignore lint/style/noNonNullAssertion: the lists have the same length
  return median(values.map((value, r) => value / baseline[r]!));
}

/** Per-round samples of one contender, by metric name: `samples.get("rps")[round]`. */
export class Samples {
  readonly #byMetric = new Map<string, number[]>();

  add(metric: string, round: number, value: number): void {
    const list = this.#byMetric.get(metric) ?? [];
    list[round] = value;
    this.#byMetric.set(metric, list);
  }

  get(metric: string): number[] {
    const list = this.#byMetric.get(metric);
    if (!list) throw new Error(`no samples of ${metric}`);
    return list;
  }

  median(metric: string): number {
    return median(this.get(metric));
  }

  toJSON(): Record<string, number[]> {
    return Object.fromEntries(this.#byMetric);
  }
}
