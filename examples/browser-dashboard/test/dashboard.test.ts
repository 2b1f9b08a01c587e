import { mkdir } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@flatfile-jobs/tools/chromium";
import { type PrismServer, startPrism } from "@flatfile-jobs/tools/prism";
import { firstExample } from "@flatfile-jobs/tools/spec";
import { type Browser, chromium } from "playwright";
import { type PreviewServer, preview } from "vite";
import { afterAll, beforeAll, expect, it } from "vitest";

// The built app (dist/, from `vite build`) served by Vite's preview server, opened in Debian's Chromium,
// calling the Prism mock of the spec on another origin. The screenshot is kept in reports/ as an artifact.
const root = fileURLToPath(new URL("..", import.meta.url));
let prism: PrismServer | undefined;
let server: PreviewServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  prism = await startPrism();
  server = await preview({ root, logLevel: "silent", preview: { host: "127.0.0.1", port: 0, strictPort: false } });
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await prism?.stop();
});

it("shows each job with its status and a progress bar", async () => {
  const pageUrl = new URL(server?.resolvedUrls?.local[0] ?? "");
  pageUrl.search = new URLSearchParams({ api: prism?.url ?? "", token: "pk_dashboard_demo" }).toString();
  const page = await (browser as Browser).newPage({ viewport: { width: 1100, height: 420 } });
  await page.goto(pageUrl.href);
  await page.locator("#jobs tbody tr").first().waitFor();

  const expected = (firstExample("list") as { data: Array<{ id: string; status: string; progress?: number }> }).data;
  const rows = await page.locator("#jobs tbody tr").evaluateAll((trs) =>
    trs.map((tr) => ({
      id: tr.querySelector("td")?.textContent,
      status: tr.querySelector("td.status")?.textContent,
      progress: (tr.querySelector("progress") as HTMLProgressElement | null)?.value,
    })),
  );
  expect(rows).toEqual(expected.map((job) => ({ id: job.id, status: job.status, progress: job.progress ?? 0 })));
  expect(await page.locator("#status").textContent()).toMatch(/^\d+ of \d+ jobs$/);
  expect(new URL(prism?.url ?? "").origin).not.toBe(pageUrl.origin);

  await mkdir(`${root}/reports`, { recursive: true });
  await page.screenshot({ path: `${root}/reports/dashboard.png`, fullPage: true });
});

it("says so when the token is refused", async () => {
  const pageUrl = new URL(server?.resolvedUrls?.local[0] ?? "");
  pageUrl.search = new URLSearchParams({ api: prism?.url ?? "", token: "sk_would_be_secret" }).toString();
  const page = await (browser as Browser).newPage();
  await page.goto(pageUrl.href);
  await expect
    .poll(() => page.locator("#status").textContent())
    .toMatch(/secret key \(sk_…\) must not be used in a browser/);
});
