import type { JobsCore } from "./contracts.js";
import { APIUserAbortError, JobCanceledError, JobFailedError, JobWaitTimeoutError } from "./errors.js";
import { getJob } from "./generated/operations.js";
import { jobEnding } from "./generated/statuses.js";
import * as check from "./internal/check.js";
import { pathParam } from "./internal/job-id.js";
import type { Job } from "./types.js";

export interface WaitForOptions {
  /**
   * Give up after this many milliseconds in all with `JobWaitTimeoutError` (`Infinity`: wait as long as it takes).
   * Each poll is a `get` with the client's own per-attempt `timeout`.
   * @default 600000 (10 minutes)
   */
  maxWait?: number;
  /** First delay between two polls, in milliseconds; it grows by half each time up to `maxPollInterval`. @default 1000 */
  pollInterval?: number;
  /** Longest delay between two polls, in milliseconds. @default 10000 */
  maxPollInterval?: number;
  /** Stops waiting with `APIUserAbortError`. */
  signal?: AbortSignal;
  /** Called with the job whenever its `progress` or `info` changes, the first time included. */
  onProgress?: (job: Job) => void;
}

/**
 * `client.jobs.waitFor`: polls a job until it ends (a status of `TERMINAL_JOB_STATUSES`, the description's list): it
 * resolves with the job that succeeded (`complete`), throws `JobFailedError` when it `failed` and `JobCanceledError`
 * when it was `canceled`; or until the deadline passes (`JobWaitTimeoutError`) or the caller aborts
 * (`APIUserAbortError`). A status this version does not know is a job still running.
 * Each poll is one `get`, with the client's retries; the wait between polls backs off from `pollInterval`.
 */
export async function waitForJob(client: JobsCore, jobId: string, options: WaitForOptions = {}): Promise<Job> {
  pathParam("jobId", jobId);
  const { maxWait, pollInterval, maxPollInterval, signal, onProgress } = checkWaitForOptions(options);
  const deadline = Date.now() + maxWait;
  // One controller ends the current poll at the deadline or on the caller's abort.
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  const deadlineTimer =
    maxWait === Infinity
      ? undefined
      : setTimeout(() => controller.abort(new DOMException("deadline", "TimeoutError")), maxWait);

  let last: Job | undefined;
  let delay = pollInterval;
  try {
    for (;;) {
      let job: Job;
      try {
        job = (await getJob(client, jobId, { signal: controller.signal })).data;
      } catch (error) {
        if (error instanceof APIUserAbortError && !signal?.aborted)
          throw new JobWaitTimeoutError({ jobId, job: last, maxWait });
        throw error;
      }
      if (!last || last.progress !== job.progress || last.info !== job.info) onProgress?.(job);
      last = job;
      const ending = jobEnding(job.status);
      if (ending === "succeeded") return job;
      if (ending === "failed") throw new JobFailedError({ jobId, job });
      if (ending === "canceled") throw new JobCanceledError({ jobId, job });
      if (Date.now() + delay >= deadline) {
        await pause(Math.max(0, deadline - Date.now()), controller.signal);
        throw new JobWaitTimeoutError({ jobId, job: last, maxWait });
      }
      await pause(delay, controller.signal);
      delay = Math.min(Math.round(delay * 1.5), maxPollInterval);
    }
  } catch (error) {
    if (signal?.aborted && !(error instanceof APIUserAbortError)) {
      throw new APIUserAbortError({ method: "GET", path: `/jobs/${encodeURIComponent(jobId)}`, cause: error });
    }
    if (controller.signal.aborted && !signal?.aborted && !(error instanceof JobWaitTimeoutError)) {
      throw new JobWaitTimeoutError({ jobId, job: last, maxWait });
    }
    throw error;
  } finally {
    clearTimeout(deadlineTimer);
    signal?.removeEventListener("abort", onAbort);
  }
}

/** Resolves after `ms`, or rejects as soon as `signal` aborts; the timer never outlives it. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal.addEventListener("abort", onAbort, { once: true });
  });
}

const WAIT_FOR_OPTIONS = ["maxWait", "pollInterval", "maxPollInterval", "signal", "onProgress"] as const;

function checkWaitForOptions(options: WaitForOptions) {
  const o =
    check.options("WaitForOptions", options, WAIT_FOR_OPTIONS, {
      ...check.RENAMED,
      timeout: "use maxWait, in milliseconds",
    }) ?? {};
  return {
    maxWait: check.duration("maxWait", o.maxWait ?? 600_000, 1, true),
    pollInterval: check.duration("pollInterval", o.pollInterval ?? 1_000, 1),
    maxPollInterval: check.duration("maxPollInterval", o.maxPollInterval ?? 10_000, 1),
    signal: o.signal === undefined ? undefined : check.signal("signal", o.signal),
    onProgress: o.onProgress === undefined ? undefined : check.type("onProgress", o.onProgress, "function"),
  };
}
