// The cells of a job's row: id, kind, status, progress, info (a failed job's message stands out) and actions.
import type { Job } from "@flatfile-jobs/browser";
import { JobActions } from "./JobActions";
import { Progress } from "./Progress";

export function JobCells({ job, problem }: { job: Job; problem?: string | undefined }) {
  const status = job.status ?? "unknown";
  return (
    <tr data-job-id={job.id} className="job">
      <td className="id">
        <code>{job.id}</code>
      </td>
      <td className="kind">
        {job.type} · {job.operation}
      </td>
      <td className="status" data-status={status}>
        {status}
      </td>
      <td>
        <Progress value={job.progress ?? 0} />
      </td>
      <td className={status === "failed" ? "info error" : "info"}>
        {job.info ?? ""}
        {problem ? <span className="problem">{problem}</span> : null}
      </td>
      <td className="actions">
        <JobActions job={job} />
      </td>
    </tr>
  );
}
