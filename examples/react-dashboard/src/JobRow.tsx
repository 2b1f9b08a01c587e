// One row per job of the list. A job that is still running is followed live (`useJob` polls it until it ends, and
// keeps the list's copy up to date as it goes); a job that has ended makes no request of its own. The row stays the
// same component either way, so an action's message survives the job starting or stopping.
import type { Job } from "@flatfile-jobs/browser";
import { isJobEnded, useJob } from "@flatfile-jobs/react";
import { JobCells } from "./JobCells";

/** Polls twice a second while the job changes, backing off to every 5 s while it does not. */
const POLL = { interval: 500, maxInterval: 5_000 };

export function JobRow({ job }: { job: Job }) {
  const { data, error } = useJob(job.id, { poll: POLL, enabled: !isJobEnded(job) });
  // Until the first answer, the list's copy; a failed poll stops polling, and the row says so.
  return <JobCells job={data ?? job} problem={error ? `Could not refresh: ${error.message}` : undefined} />;
}
