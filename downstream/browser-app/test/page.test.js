// The page as built by Vite (dist/), served by Vite's preview server, opened in Chromium. The page's API is the
// Jobs simulator, reached through the preview server's proxy on the page's own origin. The screenshot is kept in
// reports/ (or REPORTS_DIR).
import assert from "node:assert/strict";
import { mkdir } from "node:fs/promises";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { startJobsSimulator } from "@flatfile-jobs/testing";
import { chromium } from "playwright-core";
import { preview } from "vite";

const root = fileURLToPath(new URL("..", import.meta.url));
const reports = process.env.REPORTS_DIR ?? `${root}reports`;
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
let simulator;
let server;
let browser;

before(async () => {
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

after(async () => {
  await browser?.close();
  await server?.close();
  await simulator?.close();
});

test("follows a job to complete with its progress, and lists the other jobs of the space", async () => {
  const [watched, other] = simulator.seed([
    { spaceId: "us_sp_page", status: "executing", progress: 10, info: "Starting" },
    { spaceId: "us_sp_page", status: "failed", info: "Sheet is locked" },
  ]);
  const origin = new URL(server.resolvedUrls.local[0]).origin;
  const page = await browser.newPage({ viewport: { width: 900, height: 420 } });
  const query = new URLSearchParams({
    api: `${origin}/v1`,
    token: "pk_downstream_page",
    job: watched.id,
    space: "us_sp_page",
  });
  await page.goto(`${origin}/?${query}`);
  await page.locator("#others li").first().waitFor();
  const script = simulator.script(
    watched.id,
    [
      { progress: 40, info: "Validating" },
      { progress: 80, info: "Writing" },
      { status: "complete", progress: 100, info: "142 records" },
    ],
    150,
  );
  await page.locator('#state[data-status="complete"]').waitFor({ timeout: 15_000 });
  await script;
  assert.equal(await page.locator("#state").textContent(), "complete: 142 records");
  assert.equal(await page.locator("#progress").evaluate((bar) => bar.value), 100);
  assert.deepEqual(await page.locator("#others li").allTextContents(), [`${other.id} · file/extract · failed`]);
  const polls = simulator.requests().filter((r) => r.path === `/v1/jobs/${watched.id}`);
  assert.ok(polls.length >= 3, `polled ${polls.length} times`);
  await mkdir(reports, { recursive: true });
  await page.screenshot({ path: `${reports}/browser-app.png`, fullPage: true });
});

test("a secret key is refused in the page before anything is sent", async () => {
  const origin = new URL(server.resolvedUrls.local[0]).origin;
  const before = simulator.requests().length;
  const page = await browser.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(
    `${origin}/?${new URLSearchParams({ api: `${origin}/v1`, token: "sk_live_secret", job: "us_jb_1" })}`,
  );
  await page.waitForTimeout(300);
  assert.match(errors.join("\n"), /secret key \(sk_…\) must not be used in a browser/);
  assert.equal(simulator.requests().length, before);
});
