// The dashboard as built by Vite (dist/), served by Vite's preview server, opened in Chromium. The page's API is
// the Jobs simulator, reached through the preview server's proxy on the page's own origin (the app's default
// ?api=/v1). Each test uses a space of its own. The screenshot is kept in reports/ (or REPORTS_DIR).
import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Job } from "@flatfile-jobs/browser";
import { type JobsSimulator, startJobsSimulator } from "@flatfile-jobs/testing";
import { type Browser, chromium, type Page } from "playwright-core";
import { type PreviewServer, preview } from "vite";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const reports = process.env.REPORTS_DIR ?? join(root, "reports");
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

let simulator: JobsSimulator;
let server: PreviewServer;
let browser: Browser;
const pages: Page[] = [];
const pageErrors: string[] = [];

beforeAll(async () => {
  simulator = await startJobsSimulator();
  server = await preview({
    root,
    logLevel: "silent",
    preview: { host: "127.0.0.1", port: 0, strictPort: false, proxy: { "/v1": new URL(simulator.url).origin } },
  });
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: CHROMIUM_ARGS,
  });
});

afterEach(async () => {
  await Promise.all(pages.splice(0).map((page) => page.close()));
  // The page never crashes: a refusal is shown, not thrown.
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  // Each one is closed even if another failed to start or to close.
  await Promise.allSettled([browser?.close(), server?.close(), simulator?.close()]);
});

/** A new page (closed after the test), whose uncaught errors fail the test. */
async function newPage(): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 600 } });
  pages.push(page);
  page.on("pageerror", (error) => pageErrors.push(error.message));
  return page;
}

const origin = () => new URL(server.resolvedUrls?.local[0] ?? "").origin;

/** Opens the dashboard with `query` (?space=, ?token=, ?api=). */
async function open(query: Record<string, string>): Promise<Page> {
  const page = await newPage();
  await page.goto(`${origin()}/?${new URLSearchParams(query)}`);
  return page;
}

const row = (page: Page, jobId: string) => page.locator(`tr[data-job-id="${jobId}"]`);
const status = (page: Page, jobId: string, value: string) =>
  row(page, jobId).locator(`td.status[data-status="${value}"]`);
const barValue = (page: Page, jobId: string) =>
  row(page, jobId)
    .locator("progress")
    .evaluate((bar) => (bar as HTMLProgressElement).value);
/** The `GET /v1/jobs/{jobId}` the simulator has answered: the page's polls of that job. */
const polls = (jobId: string) =>
  simulator.requests().filter((r) => r.method === "GET" && r.path === `/v1/jobs/${jobId}`).length;

it("follows a running job's progress to complete, then stops polling it", async () => {
  const spaceId = "us_sp_live";
  const [watched, running, failed, done] = simulator.seed([
    { spaceId, status: "executing", progress: 10, info: "Reading contacts.csv" },
    { spaceId, type: "workbook", operation: "map", status: "executing", progress: 45, info: "Mapping fields" },
    { spaceId, type: "sheet", operation: "validate", status: "failed", progress: 40, info: "Sheet is locked" },
    { spaceId, type: "workbook", operation: "export", status: "complete", progress: 100, info: "1,204 records" },
  ]) as [Job, Job, Job, Job];
  const page = await open({ space: spaceId });
  await status(page, watched.id, "executing").waitFor();
  expect(await barValue(page, watched.id)).toBe(10);

  const script = simulator.script(
    watched.id,
    [
      { progress: 25, info: "Validating" },
      { progress: 50 },
      { progress: 75, info: "Writing" },
      { progress: 90 },
      { status: "complete", progress: 100, info: "142 records" },
    ],
    200,
  );
  // On the way: a partial bar (the page sees at least one step between 10 % and 100 %).
  await expect
    .poll(() => barValue(page, watched.id), { timeout: 10_000, interval: 50 })
    .toSatisfy((value: number) => value > 10 && value < 100);
  await status(page, watched.id, "complete").waitFor({ timeout: 15_000 });
  await script;
  expect(await barValue(page, watched.id)).toBe(100);
  expect(await row(page, watched.id).locator(".percent").textContent()).toBe("100%");
  expect(await row(page, watched.id).locator("td.info").textContent()).toBe("142 records");

  // The other rows, as a user sees them: still running with a partial bar, failed with its message, complete.
  await status(page, running.id, "executing").waitFor();
  expect(await barValue(page, running.id)).toBe(45);
  expect(await row(page, running.id).locator(".percent").textContent()).toBe("45%");
  expect(await row(page, failed.id).locator("td.info.error").textContent()).toBe("Sheet is locked");
  await status(page, done.id, "complete").waitFor();
  await mkdir(reports, { recursive: true });
  await page.screenshot({ path: join(reports, "react-dashboard.png"), fullPage: true });

  // Polled while it ran, and not any more: no new request in 1.5 s (three times the page's poll interval).
  const after = polls(watched.id);
  expect(after).toBeGreaterThanOrEqual(3);
  await page.waitForTimeout(1_500);
  expect(polls(watched.id)).toBe(after);
});

it("loads the next page with Load more, in the order the API lists the jobs", async () => {
  const spaceId = "us_sp_pages";
  const statuses = ["complete", "failed", "canceled"] as const;
  simulator.seed(
    Array.from({ length: 8 }, (_, i) => ({
      spaceId,
      status: statuses[i % 3],
      progress: i % 3 === 0 ? 100 : 30,
      info: `Job ${i + 1} of 8`,
    })),
  );
  const page = await open({ space: spaceId });
  const rows = page.locator("tr[data-job-id]");
  const more = page.getByRole("button", { name: "Load more" });
  await more.waitFor();
  expect(await rows.count()).toBe(5);
  expect(await page.getByRole("status").textContent()).toBe("5 of 8 jobs");

  await more.click();
  await expect.poll(() => rows.count()).toBe(8);
  await more.waitFor({ state: "detached" });
  expect(await page.getByRole("status").textContent()).toBe("8 of 8 jobs");
  const ids = await rows.evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).dataset.jobId));
  expect(ids).toEqual(
    simulator
      .jobs()
      .filter((job) => job.spaceId === spaceId)
      .map((job) => job.id),
  );
  const pagesAsked = simulator
    .requests()
    .filter((r) => r.path === "/v1/jobs" && r.query.spaceId === spaceId)
    .map((r) => [r.query.pageNumber, r.query.pageSize]);
  expect(pagesAsked).toEqual([
    ["1", "5"],
    ["2", "5"],
  ]);
});

it("cancels a running job and retries a failed one", async () => {
  const spaceId = "us_sp_actions";
  const [running, failed] = simulator.seed([
    { spaceId, status: "executing", progress: 30, info: "Validating" },
    { spaceId, status: "failed", progress: 40, info: "Sheet is locked" },
  ]) as [Job, Job];
  const page = await open({ space: spaceId });

  await status(page, running.id, "executing").waitFor();
  await row(page, running.id).getByRole("button", { name: "Cancel" }).click();
  await status(page, running.id, "canceled").waitFor();
  expect(simulator.job(running.id)?.status).toBe("canceled");
  expect(await row(page, running.id).locator("td.info").textContent()).toBe("Canceled from the dashboard");
  expect(await row(page, running.id).getByRole("button", { name: "Cancel" }).count()).toBe(0);

  expect(await row(page, failed.id).locator("td.info.error").textContent()).toBe("Sheet is locked");
  await row(page, failed.id).getByRole("button", { name: "Retry" }).click();
  await status(page, failed.id, "ready").waitFor();
  expect(simulator.job(failed.id)?.status).toBe("ready");
  expect(await row(page, failed.id).locator("td.info.error").count()).toBe(0);
  expect(await row(page, failed.id).getByRole("button", { name: "Retry" }).count()).toBe(0);
  expect(await page.getByRole("alert").count()).toBe(0);
});

it("shows the API's message in the row when it refuses an action", async () => {
  const spaceId = "us_sp_refused";
  const [job] = simulator.seed([{ spaceId, status: "failed", progress: 40, info: "Sheet is locked" }]) as [Job];
  const page = await open({ space: spaceId });
  const retry = row(page, job.id).getByRole("button", { name: "Retry" });
  await retry.waitFor();
  // Someone else restarts the job; the row (a failed job is not polled) still offers Retry, which the API refuses.
  simulator.update(job.id, { status: "executing", progress: 50 });
  await retry.click();
  const alert = row(page, job.id).getByRole("alert");
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/only a failed or canceled job can be retried/);
  expect(await retry.isEnabled()).toBe(true);
  expect(simulator.job(job.id)?.status).toBe("executing");
});

it("refuses a secret key on the page and sends nothing", async () => {
  const before = simulator.requests().length;
  const page = await newPage();
  const sent: string[] = [];
  page.on("request", (request) => {
    if (new URL(request.url()).pathname.startsWith("/v1")) sent.push(request.url());
  });
  await page.goto(`${origin()}/?${new URLSearchParams({ token: "sk_live_secret", space: "us_sp_secret" })}`);
  const message = page.getByRole("status");
  await message.waitFor();
  expect(await message.textContent()).toMatch(/^A secret key \(sk_…\) must not be used in a browser/);
  expect(await page.locator("table").count()).toBe(0);
  expect(sent).toEqual([]);
  expect(simulator.requests().length).toBe(before);
});
