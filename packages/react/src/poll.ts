// When `useJob` polls: while the job runs, with a delay that backs off as `jobs.waitFor`'s does, and never after
// the job has ended or a poll has failed.
import { InvalidArgumentError, type Job, jobEnding } from "@flatfile-jobs/core";

/** How `useJob` polls a job that is still running. */
export interface PollOptions {
  /** Delay before the next poll while the job changes, in milliseconds. @default 1000 */
  interval?: number;
  /** Longest delay, reached by half again per poll that finds the job unchanged, in milliseconds. @default 10000 */
  maxInterval?: number;
}

/**
 * Whether a job has ended: its status is one of `TERMINAL_JOB_STATUSES` (`complete`, `failed` or `canceled`), after
 * which it does not change by itself and polling stops. Any other status, unknown ones included, runs.
 */
export function isJobEnded(job: Pick<Job, "status">): boolean {
  return jobEnding(job.status) !== undefined;
}

/** The query state the poll reads (a TanStack `Query`). */
interface PolledQuery {
  state: { data: Job | undefined; dataUpdatedAt: number; status: string };
}

/** The last answer each polled query had, and the delay chosen after it. */
const seen = new WeakMap<object, { at: number; job: Job; delay: number }>();

/**
 * A `refetchInterval` for one job's query: `false` (no polling) before the first answer, after a failed poll and
 * once the job has ended; otherwise `interval` after an answer in which the job changed (status, progress or info)
 * and half as long again as last time, up to `maxInterval`, after one in which it did not.
 */
export function pollInterval(poll: boolean | PollOptions): false | ((query: PolledQuery) => number | false) {
  if (poll === false) return false;
  const { interval = 1_000, maxInterval = 10_000 } = poll === true ? {} : poll;
  for (const [name, value] of [
    ["poll.interval", interval],
    ["poll.maxInterval", maxInterval],
  ] as const) {
    if (typeof value !== "number" || !(value >= 1 && value <= 2_147_483_647))
      throw new InvalidArgumentError(
        `${name} must be a number of milliseconds from 1 to 2147483647, got ${show(value)}.`,
      );
  }
  return (query) => {
    const { data: job, dataUpdatedAt, status } = query.state;
    if (!job || status === "error" || isJobEnded(job)) {
      seen.delete(query);
      return false;
    }
    let last = seen.get(query);
    if (last?.at !== dataUpdatedAt) {
      const same =
        last && last.job.status === job.status && last.job.progress === job.progress && last.job.info === job.info;
      last = {
        at: dataUpdatedAt,
        job,
        delay: same && last ? Math.min(Math.round(last.delay * 1.5), maxInterval) : interval,
      };
      seen.set(query, last);
    }
    return Math.min(last.delay, maxInterval);
  };
}

/** A value as core's option checks show it: a string quoted, and never a key-shaped one (`sk_…`, `pk_…`). */
function show(value: unknown): string {
  if (typeof value === "string") return JSON.stringify(/\b(sk|pk)_|bearer/i.test(value) ? "[redacted]" : value);
  return typeof value === "object" && value ? "an object" : String(value);
}
