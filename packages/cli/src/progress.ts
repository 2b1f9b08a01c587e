// Shows a job's progress while waiting: a live bar on a terminal, one plain line per change anywhere else.
import type { Job } from "@flatfile-jobs/node";
import cliProgress from "cli-progress";
import { progressLine } from "./format.js";

export interface ProgressView {
  /** Shows the job's latest progress and info. */
  update(job: Job): void;
  /** Leaves the bar (if any) where the job ended: at 100% when it completed. */
  stop(job: Job | undefined, completed: boolean): void;
}

/** A bar when `stream` is a terminal (logs and pipes would fill up with redraws), lines otherwise. */
export function createProgressView(stream: NodeJS.WriteStream): ProgressView {
  return stream.isTTY ? barView(stream) : linesView(stream);
}

function linesView(stream: NodeJS.WriteStream): ProgressView {
  return {
    update: (job) => stream.write(`${progressLine(job)}\n`),
    stop: () => undefined,
  };
}

function barView(stream: NodeJS.WriteStream): ProgressView {
  const bar = new cliProgress.SingleBar({
    stream,
    format: "{id} [{bar}] {percentage}% {status} {info}",
    barCompleteChar: "█",
    barIncompleteChar: "░",
    barsize: 30,
    hideCursor: false,
    clearOnComplete: false,
  });
  let started = false;
  const payload = (job: Job) => ({ id: job.id, status: job.status ?? "", info: (job.info ?? "").replace(/\s+/g, " ") });
  return {
    update: (job) => {
      if (!started) {
        bar.start(100, job.progress ?? 0, payload(job));
        started = true;
      } else {
        bar.update(job.progress ?? 0, payload(job));
      }
    },
    stop: (job, completed) => {
      if (!started) return;
      // A job may complete without ever reporting 100%; the bar should still end full.
      if (job) bar.update(completed ? 100 : (job.progress ?? 0), payload(job));
      bar.stop();
    },
  };
}
