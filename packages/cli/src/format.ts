// How jobs look on a terminal: a table for lists, a block of fields for one job, a line per progress change.
import type { Job, Pagination } from "@flatfile-jobs/node";

const INFO_WIDTH = 48;

/** `us_jb_1 executing 40% Validating records`: one line per change while waiting. */
export function progressLine(job: Job): string {
  return [job.id, job.status ?? "unknown", `${job.progress ?? 0}%`, job.info].filter(Boolean).join(" ");
}

/** One row per job, columns padded to the widest cell. */
export function jobTable(jobs: Job[]): string {
  const header = ["ID", "TYPE/OPERATION", "STATUS", "PROGRESS", "INFO", "UPDATED"];
  const rows = jobs.map((job) => [
    job.id,
    `${job.type}/${job.operation}`,
    job.status ?? "",
    `${job.progress ?? 0}%`,
    truncate(oneLine(job.info ?? ""), INFO_WIDTH),
    timestamp(job.updatedAt),
  ]);
  const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
  return [header, ...rows]
    .map((cells) =>
      cells
        .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** What follows a one-page table: where this page is, and how to see the rest. */
export function pageFooter(count: number, pagination: Pagination | undefined): string {
  if (!pagination) return `${count} job${count === 1 ? "" : "s"}`;
  const { currentPage, pageCount, totalCount } = pagination;
  const footer = `page ${currentPage} of ${pageCount} · ${totalCount} job${totalCount === 1 ? "" : "s"} in all`;
  return currentPage < pageCount ? `${footer} · next: --page ${currentPage + 1}, or --all for every page` : footer;
}

/** What replaces the table when a page has no jobs: none at all, or none on a page past the last. */
export function emptyPage(pagination: Pagination | undefined): string {
  if (!pagination || pagination.totalCount === 0) return "No jobs.";
  const { currentPage, pageCount, totalCount } = pagination;
  return `No jobs on page ${currentPage}; ${pageCount === 1 ? "there is 1 page" : `there are ${pageCount} pages`} (${totalCount} job${totalCount === 1 ? "" : "s"}).`;
}

/** The fields of one job that say what it is and where it stands, one per line; absent ones are left out. */
export function jobDetails(job: Job): string {
  const fields: Array<[string, unknown]> = [
    ["id", job.id],
    ["type", `${job.type}/${job.operation}`],
    ["status", job.status],
    ["progress", `${job.progress ?? 0}%`],
    ["info", job.info],
    ["source", job.source],
    ["destination", job.destination],
    ["environment", job.environmentId],
    ["parent", job.parentId === undefined ? undefined : `${job.parentId} (part ${job.part ?? "?"})`],
    ["parts", job.partExecution],
    ["mode", job.mode],
    ["trigger", job.trigger],
    ["created", timestamp(job.createdAt)],
    ["updated", timestamp(job.updatedAt)],
    ["started", timestamp(job.startedAt)],
    ["finished", timestamp(job.finishedAt)],
    ["outcome", job.outcome && Object.keys(job.outcome).length > 0 ? JSON.stringify(job.outcome) : undefined],
  ];
  const shown = fields.filter(([, value]) => value !== undefined && value !== "");
  const width = Math.max(...shown.map(([name]) => name.length));
  return shown.map(([name, value]) => `${name.padEnd(width)}  ${String(value)}`).join("\n");
}

export function toJson(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

/** `2025-06-01T12:00:03Z`: UTC, to the second, so rows line up and scripts can read it. */
function timestamp(value: string | undefined): string {
  if (!value) return "";
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function truncate(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text;
}
