import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { CHROMIUM_ARGS, CHROMIUM_PATH } from "@flatfile-jobs/tools/chromium";
import { operations } from "@flatfile-jobs/tools/spec";
import { type StaticServer, serveStatic } from "@flatfile-jobs/tools/static-server";
import { type Browser, chromium, type Page } from "playwright";
import { afterAll, beforeAll, expect, it } from "vitest";

// Builds the site with scripts/docs.ts, serves docs-site/ on 127.0.0.1 and reads it in Debian's Chromium.
const root = fileURLToPath(new URL("../..", import.meta.url));
let server: StaticServer | undefined;
let browser: Browser | undefined;
let page: Page;

beforeAll(async () => {
  execFileSync(process.execPath, ["--import", "tsx", "scripts/docs.ts"], { cwd: root, stdio: "inherit" });
  server = await serveStatic(`${root}/docs-site`);
  browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  page = await browser.newPage();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

/** The functions and classes each library exports, from its API report. */
function exportedNames(name: string): string[] {
  const report = readFileSync(`${root}/packages/${name}/etc/${name}.api.md`, "utf8");
  return [...report.matchAll(/^export (?:declare )?(?:abstract )?(?:function|class) (\w+)/gm)].map((m) => m[1] ?? "");
}

it("shows every operation of the spec on the HTTP page", async () => {
  await page.goto(new URL("http/index.html", server?.url).href);
  // Redoc's menu lists the operations by summary once its "jobs" group is opened (a client-side route).
  await page.locator('a[href="/jobs"]').click();
  await page.getByText(operations[0]?.summary, { exact: true }).first().waitFor();
  const text = (await page.locator('[data-component-name="Menu/MenuItem"]').allTextContents()).join("\n");
  expect(operations.length).toBeGreaterThan(0);
  const missing = operations.map((op) => op.summary as string).filter((summary) => !text.includes(summary));
  expect(missing).toEqual([]);
});

it("links every exported function and class of each library from its reference", async () => {
  const libraries = readdirSync(`${root}/packages`).filter((name) => name !== "cli");
  expect(libraries.sort()).toEqual(["browser", "core", "node", "react", "testing"]);
  for (const name of libraries) {
    await page.goto(new URL(`ts/modules/_flatfile-jobs_${name}.html`, server?.url).href);
    const links = await page
      .locator(".col-content a")
      .evaluateAll((as) => as.map((a) => [a.textContent?.trim() ?? "", (a as HTMLAnchorElement).href]));
    const linked = new Set(links.filter(([, href]) => /\/(functions|classes)\//.test(href ?? "")).map(([t]) => t));
    const names = exportedNames(name);
    expect(names.length, name).toBeGreaterThan(0);
    expect(
      names.filter((n) => !linked.has(n)),
      name,
    ).toEqual([]);
  }
});

it("has no broken link within the site", async () => {
  await page.goto(server?.url ?? "");
  // Every page reachable from the index, read in the page with fetch and DOMParser: each same-site href and src
  // must be served, and an anchor must name an element of its page. Redoc's menu links (data-discover) are routes
  // its script handles in the page (/jobs becomes #/jobs), not files.
  const broken = await page.evaluate(async () => {
    const pages = new Map<string, Document | null>();
    const queue = [new URL("index.html", location.href).href];
    const problems: string[] = [];
    const load = async (url: string): Promise<Document | null> => {
      if (!pages.has(url)) {
        const response = await fetch(url);
        const type = response.headers.get("content-type") ?? "";
        pages.set(
          url,
          !response.ok
            ? null
            : type.startsWith("text/html")
              ? new DOMParser().parseFromString(await response.text(), "text/html")
              : document,
        );
      }
      return pages.get(url) ?? null;
    };
    while (queue.length > 0) {
      const from = queue.shift() as string;
      const doc = await load(from);
      if (!doc || from.includes("/http/")) continue;
      const refs = [...doc.querySelectorAll("[href], [src]")]
        .filter((el) => !el.hasAttribute("data-discover"))
        .map((el) => el.getAttribute("href") ?? el.getAttribute("src") ?? "");
      for (const ref of refs) {
        const target = new URL(ref, from);
        if (target.origin !== location.origin) continue;
        const file = target.href.replace(/#.*/, "");
        const isPage = file.endsWith(".html") || file.endsWith("/");
        const known = pages.has(file);
        const targetDoc = await load(file);
        if (!targetDoc) problems.push(`${from} → ${ref}`);
        else if (target.hash && isPage && !targetDoc.getElementById(decodeURIComponent(target.hash.slice(1))))
          problems.push(`${from} → ${ref} (no such anchor)`);
        else if (isPage && !known) queue.push(file);
      }
    }
    return { problems, pages: pages.size };
  });
  expect(broken.problems).toEqual([]);
  expect(broken.pages).toBeGreaterThan(100);
});
