// Lists the jobs of an environment with their status and a progress bar. The API URL and the token (a
// publishable key or an access token, never a secret key) come from the page's query string: ?api=…&token=…
import { APIError, createJobsClient, type Job } from "@flatfile-jobs/browser";

const params = new URLSearchParams(location.search);
const status = document.querySelector<HTMLParagraphElement>("#status") as HTMLParagraphElement;
const table = document.querySelector<HTMLTableElement>("#jobs") as HTMLTableElement;

function row(job: Job): HTMLTableRowElement {
  const tr = document.createElement("tr");
  tr.dataset.jobId = job.id;
  const cells = [job.id, `${job.type} / ${job.operation}`, job.status ?? "unknown"];
  for (const [i, text] of cells.entries()) {
    const td = document.createElement("td");
    td.textContent = text;
    if (i === 2) {
      td.className = "status";
      td.dataset.status = text;
    }
    tr.append(td);
  }
  const progressCell = document.createElement("td");
  const bar = document.createElement("progress");
  bar.max = 100;
  bar.value = job.progress ?? 0;
  bar.textContent = `${job.progress ?? 0}%`;
  progressCell.append(bar, ` ${job.progress ?? 0}%`);
  const info = document.createElement("td");
  info.textContent = job.info ?? "";
  tr.append(progressCell, info);
  return tr;
}

async function show(): Promise<void> {
  const client = createJobsClient({
    token: params.get("token") ?? "",
    baseUrl: params.get("api") ?? "https://api.x.flatfile.com/v1",
  });
  const page = await client.jobs.list({ pageSize: 20, sortDirection: "desc" });
  table.tBodies[0]?.replaceChildren(...page.data.map(row));
  table.hidden = false;
  const total = page.pagination?.totalCount ?? page.data.length;
  status.textContent = `${page.data.length} of ${total} jobs`;
}

show().catch((error: unknown) => {
  status.className = "error";
  status.textContent = error instanceof APIError ? `Could not load jobs: ${error.message}` : String(error);
});
