// One job as a line of text, with its list and an action: the hooks an app uses, typed as the app sees them.
import type { Job, JobsError } from "@flatfile-jobs/browser";
import { useJob, useJobs, useJobsMutation } from "@flatfile-jobs/react";

export function JobLine({ jobId, spaceId }: { jobId: string; spaceId: string }) {
  const { data, error }: { data: Job | undefined; error: JobsError | null } = useJob(jobId);
  const { data: list } = useJobs({ spaceId });
  const cancel = useJobsMutation("cancel");
  const others = list?.pages.flatMap((page) => page.data).filter((job) => job.id !== jobId).length ?? 0;
  if (error) return <p role="alert">{error.message}</p>;
  return (
    <p>
      {data ? `${data.status} ${data.progress ?? 0}% ${data.info ?? ""}` : "loading"} ({others} others)
      <button type="button" onClick={() => cancel.mutate({ jobId })}>
        Cancel
      </button>
    </p>
  );
}
