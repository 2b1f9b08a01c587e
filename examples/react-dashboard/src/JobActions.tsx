// Cancel (while a job runs) and Retry (once it failed or was canceled), each disabled while an action is on its
// way. The mutation puts the job the API answers with into the cache, so the row shows it at once; a refused
// action shows the API's message in the row.
import { type Job, jobEnding } from "@flatfile-jobs/browser";
import { isJobEnded, useJobsMutation } from "@flatfile-jobs/react";

export function JobActions({ job }: { job: Job }) {
  const cancel = useJobsMutation("cancel");
  const retry = useJobsMutation("retry");
  const pending = cancel.isPending || retry.isPending;
  const error = cancel.error ?? retry.error;
  const ending = jobEnding(job.status);
  const canRetry = ending === "failed" || ending === "canceled";
  return (
    <>
      {isJobEnded(job) ? null : (
        <button
          type="button"
          className="cancel"
          disabled={pending}
          onClick={() => {
            retry.reset();
            cancel.mutate({ jobId: job.id, details: { info: "Canceled from the dashboard" } });
          }}
        >
          Cancel
        </button>
      )}
      {canRetry ? (
        <button
          type="button"
          className="retry"
          disabled={pending}
          onClick={() => {
            cancel.reset();
            retry.mutate({ jobId: job.id });
          }}
        >
          Retry
        </button>
      ) : null}
      {error ? (
        <p className="action-error" role="alert">
          {error.message}
        </p>
      ) : null}
    </>
  );
}
