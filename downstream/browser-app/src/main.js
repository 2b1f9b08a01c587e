// Follows one job to its end with a live progress bar, and lists the other jobs of its space. Everything comes
// from the page's query string: ?api=<base URL>&token=<publishable key>&job=<job id>&space=<space id>. It uses
// the operation functions, so the bundle keeps only what it calls.
import { createJobsCore, JobFailedError, listJobs, waitForJob } from "@flatfile-jobs/browser";

const params = new URLSearchParams(location.search);
const client = createJobsCore({ token: params.get("token") ?? "", baseUrl: params.get("api") ?? "" });
const jobId = params.get("job") ?? "";
const bar = document.querySelector("#progress");
const state = document.querySelector("#state");

document.querySelector("#job-title").textContent = `Job ${jobId}`;

async function listOthers() {
  const { data } = await listJobs(client, { spaceId: params.get("space") ?? undefined, pageSize: 10 });
  document.querySelector("#others").replaceChildren(
    ...data
      .filter((job) => job.id !== jobId)
      .map((job) => {
        const li = document.createElement("li");
        li.dataset.status = job.status ?? "unknown";
        li.textContent = `${job.id} · ${job.type}/${job.operation} · ${job.status}`;
        return li;
      }),
  );
}

async function watch() {
  try {
    const job = await waitForJob(client, jobId, {
      pollInterval: 100,
      maxPollInterval: 200,
      onProgress: (job) => {
        bar.value = job.progress ?? 0;
        state.textContent = `${job.status}: ${job.info ?? ""}`;
      },
    });
    bar.value = 100;
    state.dataset.status = "complete";
    state.textContent = `complete: ${job.info ?? ""}`;
  } catch (error) {
    state.dataset.status = "failed";
    state.textContent = error instanceof JobFailedError ? `failed: ${error.info ?? ""}` : String(error);
  }
}

listOthers().catch((error) => {
  state.textContent = String(error);
});
watch();
