import { describe, expect, inject, it } from "vitest";
// The package's published ESM build, exactly as a bundler or <script type="module"> would load it.
import { APIError, createJobsClient } from "../dist/index.mjs";

const baseUrl = inject("prismUrl");

describe("the browser build in headless Chromium", () => {
  it("runs in a real Chromium page, on another origin than the API", () => {
    expect(navigator.userAgent).toMatch(/HeadlessChrome|Chrome\//);
    expect(typeof window.document).toBe("object");
    expect(new URL(baseUrl).origin).not.toBe(location.origin);
  });

  it("lists jobs from the mock API cross-origin", async () => {
    const client = createJobsClient({ token: "pk_browser_smoke", baseUrl });
    const page = await client.jobs.list({ pageSize: 3, sortDirection: "desc" });
    expect(page.data.length).toBeGreaterThan(0);
    for (const job of page.data) {
      expect(job.id).toMatch(/^us_jb_/);
      expect(typeof job.status).toBe("string");
    }
    expect(page.pagination?.currentPage).toBe(1);
  });

  it("throws the SDK's APIError for an error status", async () => {
    const client = createJobsClient({ token: "pk_browser_smoke", baseUrl });
    const error = await client.jobs.get("us_jb_missing", { headers: { Prefer: "code=404" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(404);
    expect((error as APIError).messages.length).toBeGreaterThan(0);
  });
});
