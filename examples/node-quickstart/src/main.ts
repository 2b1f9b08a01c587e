// Walks one job through its lifecycle with @flatfile-jobs/node: create, acknowledge with progress,
// complete with an outcome, read it back, and list a page of jobs. The token and API URL come from
// FLATFILE_API_KEY and FLATFILE_API_URL; FLATFILE_WORKBOOK_ID names the workbook the job acts on.
import { APIError, createJobsClient, type Job, JobsError } from "@flatfile-jobs/node";

const client = createJobsClient();
const workbookId = process.env.FLATFILE_WORKBOOK_ID ?? "us_wb_quickstart";

function describe(job: Job): string {
  const parts = [`${job.id}`, `${job.type}/${job.operation}`, `status ${job.status ?? "unknown"}`];
  if (job.progress !== undefined) parts.push(`${job.progress}%`);
  if (job.info) parts.push(`“${job.info}”`);
  return parts.join(" · ");
}

function step(title: string): void {
  console.log(`\n▸ ${title}`);
}

try {
  step(`Create a job on workbook ${workbookId}`);
  const { data: created } = await client.jobs.create({
    type: "workbook",
    operation: "submitAction",
    source: workbookId,
    trigger: "manual",
    mode: "foreground",
  });
  console.log(`  ${describe(created)}`);
  const jobId = created.id;

  step("Acknowledge it and report progress");
  const { data: acked } = await client.jobs.ack(jobId, { info: "Validating records", progress: 40 });
  console.log(`  ${describe(acked)}`);

  step("Complete it with an outcome");
  const { data: completed } = await client.jobs.complete(jobId, {
    info: "All records submitted",
    outcome: { heading: "Submitted", message: "Your records were submitted.", acknowledge: true },
  });
  console.log(`  ${describe(completed)}`);
  if (completed.outcome) console.log(`  outcome: ${JSON.stringify(completed.outcome)}`);

  step("Read it back");
  const { data: job } = await client.jobs.get(jobId);
  console.log(`  ${describe(job)}`);
  console.log(`  created ${job.createdAt} by ${job.createdBy}; finished ${job.finishedAt ?? "—"}`);

  step("List the first page of jobs");
  const page = await client.jobs.list({ pageSize: 5, pageNumber: 1, sortDirection: "desc" });
  for (const listed of page.data) console.log(`  ${describe(listed)}`);
  if (page.pagination) {
    const { currentPage, pageCount, totalCount } = page.pagination;
    console.log(`  page ${currentPage} of ${pageCount} · ${totalCount} jobs in all`);
  }
  console.log("\nDone.");
} catch (error) {
  if (error instanceof APIError) {
    console.error(`\nThe Jobs API refused a request: ${error.message}`);
  } else if (error instanceof JobsError) {
    console.error(`\n${error.message}`);
  } else {
    throw error;
  }
  process.exitCode = 1;
}
