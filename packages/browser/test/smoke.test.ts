import { describe, expect, inject, it } from "vitest";
// The package's published ESM build, exactly as a bundler or <script type="module"> would load it.
import {
  APIError,
  createJobsClient,
  createJobsCore,
  getJob,
  InvalidArgumentError,
  listJobs,
  NotFoundError,
} from "../dist/index.mjs";

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

describe("secret keys in the browser", () => {
  it("refuses a secret key, explaining what to use instead, without quoting it", () => {
    let error: unknown;
    try {
      createJobsClient({ token: "sk_live_browser_secret_1", baseUrl });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as Error).message).toMatch(/publishable key \(pk_…\) or a short-lived access token/);
    expect(`${(error as Error).message} ${(error as Error).stack}`).not.toContain("sk_live_browser_secret_1");
  });

  it("never quotes a key passed by mistake as dangerouslyAllowSecretKey", () => {
    const key = "sk_live_in_the_wrong_option_1";
    const mistaken = { token: "pk_publishable_1", baseUrl, dangerouslyAllowSecretKey: key as unknown as boolean };
    for (const create of [createJobsClient, createJobsCore]) {
      let error: unknown;
      try {
        create(mistaken);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as Error).message).toMatch(/^dangerouslyAllowSecretKey must be true or false, got /);
      expect(`${(error as Error).message} ${(error as Error).stack}`).not.toContain(key);
    }
  });

  it("accepts a secret key only when explicitly allowed, and publishable keys and access tokens always", async () => {
    for (const token of ["pk_publishable_1", "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"]) {
      expect((await createJobsClient({ token, baseUrl }).jobs.list()).data.length).toBeGreaterThan(0);
    }
    const allowed = createJobsClient({ token: "sk_local_tool", baseUrl, dangerouslyAllowSecretKey: true });
    expect((await allowed.jobs.list()).data.length).toBeGreaterThan(0);
  });
});

describe("the operation functions, for the smallest bundles", () => {
  it("list and get jobs through createJobsCore, with the same errors", async () => {
    const client = createJobsCore({ token: "pk_browser_smoke", baseUrl });
    const page = await listJobs(client, { pageSize: 2 });
    expect(page.data.length).toBeGreaterThan(0);
    const first = page.data[0]?.id as string;
    expect((await getJob(client, first)).data.id).toMatch(/^us_jb_/);
    const error = await getJob(client, "us_jb_missing", { headers: { Prefer: "code=404" } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
  });

  it("refuse a secret key in createJobsCore too", () => {
    expect(() => createJobsCore({ token: "sk_live_browser_secret_2", baseUrl })).toThrow(
      /secret key \(sk_…\) must not be used in a browser/,
    );
    expect(() => createJobsCore({ token: "sk_local_tool", baseUrl, dangerouslyAllowSecretKey: true })).not.toThrow();
  });
});
