// A worker that processes the jobs of a workbook: it acknowledges each one, reports progress while it works
// through its records, and completes it with an outcome, or fails it when the work throws.
import { createJobsClient, type Job, type JobsClient, runJob } from "@flatfile-jobs/node";

export interface WorkerOptions {
  /** Defaults to a client configured from FLATFILE_API_KEY and FLATFILE_API_URL. */
  client?: JobsClient;
  /** The work itself, given the job and a progress reporter; returns how many records it handled. */
  process: (job: Job, progress: (percent: number) => void) => Promise<number>;
}

/** Runs every job of the workbook that is ready or still being created, one after another. */
export async function runReadyJobs(workbookId: string, options: WorkerOptions): Promise<Job[]> {
  const client = options.client ?? createJobsClient();
  const ready: Job[] = [];
  for await (const job of client.jobs.iterate({ workbookId, sortDirection: "asc" }, { maxPages: 10 })) {
    if (job.status === "ready" || job.status === "created") ready.push(job);
  }
  const finished: Job[] = [];
  for (const job of ready) {
    try {
      finished.push(
        await runJob(
          client,
          job.id,
          async ({ job: acked, progress }) => {
            const records = await options.process(acked, (percent) => progress(percent, `${percent}% done`));
            return {
              info: `${records} records`,
              outcome: { heading: "Done", message: `${records} records processed` },
            };
          },
          { progressInterval: 0 },
        ),
      );
    } catch (error) {
      // runJob has failed the job with a safe message; the worker moves on to the next one.
      console.error(`job ${job.id} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return finished;
}
