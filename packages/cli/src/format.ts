// How jobs look on a terminal: a table for lists, a block of fields for one job, a line per progress change.
import type { Job, Pagination } from "@flatfile-jobs/node";

const INFO_WIDTH = 48;

/** `us_jb_1 executing 40% Validating records`: one line per change while waiting. */
export function progressLine(job: Job): string {
  return [job.id, job.status ?? "unknown", `${job.progress ?? 0}%`, job.info].filter(Boolean).join(" ");
}

const HEADER = ["ID", "TYPE/OPERATION", "STATUS", "PROGRESS", "INFO", "UPDATED"];

/** One row per job, columns padded to the widest cell. */
export function jobTable(jobs: Job[]): string {
  const rows = jobs.map(jobRow);
  return [HEADER, ...rows].map((cells) => tableLine(cells, columnWidths([HEADER, ...rows]))).join("\n");
}

/**
 * A table printed a page at a time (`list --all`): the header with the first page, then each page's rows, padded
 * to the widest cell seen so far (a later, wider cell widens its column from there on). Holds one page only.
 */
export function jobTableInPages(): (jobs: Job[]) => string {
  let widths: number[] | undefined;
  return (jobs) => {
    const rows = jobs.map(jobRow);
    const lines = widths ? rows : [HEADER, ...rows];
    const page = columnWidths(lines);
    widths = widths ? widths.map((width, i) => Math.max(width, page[i] ?? 0)) : page;
    const current = widths;
    return lines.map((cells) => tableLine(cells, current)).join("\n");
  };
}

function jobRow(job: Job): string[] {
  return [
    job.id,
    `${job.type}/${job.operation}`,
    job.status ?? "",
    `${job.progress ?? 0}%`,
    truncate(oneLine(job.info ?? ""), INFO_WIDTH),
    timestamp(job.updatedAt),
  ];
}

/** The widest cell of each column (a loop, not a spread: a page may hold more rows than a call takes arguments). */
function columnWidths(rows: string[][]): number[] {
  const widths = HEADER.map(() => 0);
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return widths;
}

function tableLine(cells: string[], widths: number[]): string {
  return cells
    .map((cell, i) => (i === cells.length - 1 ? cell : cell.padEnd(widths[i] ?? 0)))
    .join("  ")
    .trimEnd();
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

/**
 * `{ "data": [ … ] }` of `list --all --json` written a page at a time, the same text as `toJson({ data: jobs })`
 * of every job at once: `start`, then `page(jobs)` for each page, then `end`.
 */
export function jsonDataInPages() {
  let first = true;
  return {
    start: '{\n  "data": [',
    page(jobs: Job[]): string {
      let text = "";
      for (const job of jobs) {
        text += `${first ? "\n" : ",\n"}${JSON.stringify(job, null, 2).replace(/^/gm, "    ")}`;
        first = false;
      }
      return text;
    },
    end: () => (first ? "]\n}" : "\n  ]\n}"),
  };
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
