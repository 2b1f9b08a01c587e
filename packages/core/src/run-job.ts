import type { JobsCore } from "./contracts.js";
import { JobCanceledError, JobsError } from "./errors.js";
import { ackJob, completeJob, failJob, getJob, type JobCompleteDetails } from "./generated/operations.js";
import { jobEnding } from "./generated/statuses.js";
import * as check from "./internal/check.js";
import type { Job } from "./types.js";

/** What a job handler is given. */
export interface JobContext {
  /** The job as acknowledged. */
  job: Job;
  /** Aborted when the job is canceled meanwhile (or `runJob`'s own signal aborts): stop work when it fires. */
  signal: AbortSignal;
  /**
   * Reports progress (0-100) and optionally a status text. Calls are coalesced: at most one acknowledgement per
   * `progressInterval`, and the last value is always sent before the job is completed.
   */
  progress(percent: number, info?: string): void;
}

/** What a handler may return: the outcome and info to complete the job with, or nothing. */
// biome-ignore lint/suspicious/noConfusingVoidType: a handler with no return statement returns void
export type JobHandlerResult = JobCompleteDetails | undefined | void;

export interface RunJobOptions {
  /** Least time between two progress acknowledgements, in milliseconds. @default 1000 */
  progressInterval?: number;
  /** How often to check whether the job was canceled, in milliseconds. @default 5000 */
  cancelCheckInterval?: number;
  /**
   * The text the job is failed with when the handler throws. Only this reaches the API: never the error's
   * stack, and its message only if you return it here.
   * @default () => "The job could not be completed."
   */
  failureMessage?: (error: unknown) => string;
  /**
   * Stops the run. Before the job is acknowledged (the signal already aborted, or aborting during the ack), the
   * run ends as any call does, with `APIUserAbortError`: the handler never runs and the job is left as it is (an
   * ack the abort cut off may or may not have reached the API). Once it is acknowledged, the handler's signal
   * aborts and the job is failed.
   */
  signal?: AbortSignal;
}

/**
 * Runs a job in a worker: acknowledges it, gives `handler` a progress reporter and a signal that aborts if the
 * job is canceled, then completes the job with what the handler returns, or fails it with a safe message when
 * the handler throws (and rethrows the handler's error). Resolves with the job as completed.
 *
 * While the handler runs, the job is checked for cancellation every `cancelCheckInterval`, counted from the end
 * of the previous check, so a slow API never has more than one check in flight.
 *
 * When the handler throws and failing the job fails too (the fail request, or `failureMessage`, throws), the
 * handler's error is still the one rethrown, and `failureMessage` is called once. The error that kept the job from
 * being failed is kept on it as `failJobError` (when the handler's error is an object that can take a property);
 * the job may then still be running on the API's side.
 */
export async function runJob(
  client: JobsCore,
  jobId: string,
  handler: (context: JobContext) => Promise<JobHandlerResult> | JobHandlerResult,
  options: RunJobOptions = {},
): Promise<Job> {
  const { progressInterval, cancelCheckInterval, failureMessage, signal } = checkRunJobOptions(options);
  check.type("handler", handler, "function");
  // The caller's signal goes with the ack, so that an abort before the job is acknowledged ends the run as it
  // ends any call, and an already aborted one sends nothing.
  const { data: acked } = await ackJob(client, jobId, { progress: 0 }, { signal });

  const controller = new AbortController();
  let canceled = jobEnding(acked.status) === "canceled";
  const noteStatus = (job: Job) => {
    if (jobEnding(job.status) === "canceled" && !canceled) {
      canceled = true;
      controller.abort(new JobCanceledError({ jobId, job }));
    }
  };
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener("abort", onAbort, { once: true });
  // An abort between the ack's answer and here has no event left to fire.
  if (signal?.aborted) onAbort();

  // Progress: remember the latest value, send at most one per interval, never two at once.
  let latest: { progress: number; info?: string } | undefined;
  let lastSentAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending: Promise<void> = Promise.resolve();
  const flush = () => {
    timer = undefined;
    const update = latest;
    if (!update || canceled) return sending;
    latest = undefined;
    lastSentAt = Date.now();
    sending = sending
      .then(() => ackJob(client, jobId, update))
      .then(({ data }) => noteStatus(data))
      .catch(() => undefined); // a lost progress update must not fail the job; the next one or complete follows
    return sending;
  };
  const progress = (percent: number, info?: string) => {
    if (typeof percent !== "number" || !Number.isFinite(percent))
      throw check.invalid("progress", "a number from 0 to 100", percent);
    if (info !== undefined && typeof info !== "string") throw check.invalid("info", "a string", info);
    latest = { progress: Math.max(0, Math.min(100, Math.round(percent))), ...(info === undefined ? {} : { info }) };
    if (timer) return;
    const wait = lastSentAt + progressInterval - Date.now();
    if (wait <= 0) void flush();
    else timer = setTimeout(flush, wait);
  };

  // Cancellation: check the job's status while the handler runs, each check `cancelCheckInterval` after the
  // previous one ended, so that a slow API never has two in flight.
  let poll: ReturnType<typeof setTimeout> | undefined;
  const schedule = () => {
    if (controller.signal.aborted) return;
    poll = setTimeout(() => {
      getJob(client, jobId, { signal: controller.signal })
        .then(({ data }) => noteStatus(data))
        .catch(() => undefined)
        .then(schedule);
    }, cancelCheckInterval);
  };
  schedule();

  try {
    if (canceled) throw new JobCanceledError({ jobId, job: acked });
    let result: JobHandlerResult;
    try {
      // Aborted by the caller just after the ack: the job is failed without running the handler.
      controller.signal.throwIfAborted();
      result = await handler({ job: acked, signal: controller.signal, progress });
    } catch (error) {
      if (canceled) throw controller.signal.reason;
      clearTimeout(timer);
      await flush();
      try {
        const message = failureMessage(error);
        await failJob(client, jobId, { info: message, outcome: { message } });
      } catch (failJobError) {
        // The handler's error says what went wrong; the fail's is kept on it, where it can be.
        if (Object(error) === error) {
          Reflect.defineProperty(error as object, "failJobError", {
            value: failJobError,
            configurable: true,
            enumerable: true,
            writable: true,
          });
        }
      }
      throw error;
    }
    if (canceled) throw controller.signal.reason;
    clearTimeout(timer);
    await flush();
    if (canceled) throw controller.signal.reason;
    const { data: completed } = await completeJob(client, jobId, result || {});
    return completed;
  } finally {
    clearTimeout(timer);
    if (!controller.signal.aborted) controller.abort(new JobsError("runJob finished"));
    clearTimeout(poll);
    signal?.removeEventListener("abort", onAbort);
  }
}

function defaultFailureMessage(): string {
  return "The job could not be completed.";
}

const RUN_JOB_OPTIONS = ["progressInterval", "cancelCheckInterval", "failureMessage", "signal"] as const;

function checkRunJobOptions(options: RunJobOptions) {
  const o = check.options("RunJobOptions", options, RUN_JOB_OPTIONS) ?? {};
  return {
    progressInterval: check.duration("progressInterval", o.progressInterval ?? 1_000, 0),
    cancelCheckInterval: check.duration("cancelCheckInterval", o.cancelCheckInterval ?? 5_000, 1),
    failureMessage:
      o.failureMessage === undefined
        ? defaultFailureMessage
        : check.type("failureMessage", o.failureMessage, "function"),
    signal: o.signal === undefined ? undefined : check.signal("signal", o.signal),
  };
}
