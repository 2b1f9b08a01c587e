import { createRequire } from "node:module";
import { afterEach, describe, expect, inject, it, vi } from "vitest";
import packageJson from "../package.json" with { type: "json" };
import { createJobsClient, InvalidArgumentError, NotFoundError } from "../src/index.js";

const prismUrl = inject("prismUrl");
const prismOrigin = new URL(prismUrl).origin;

afterEach(() => {
  vi.unstubAllEnvs();
});

function clearEnv(): void {
  vi.stubEnv("FLATFILE_LOG", undefined);
  vi.stubEnv("FLATFILE_API_KEY", undefined);
  vi.stubEnv("FLATFILE_BEARER_TOKEN", undefined);
  vi.stubEnv("FLATFILE_API_URL", undefined);
}

describe("configuration from the environment", () => {
  it("reads FLATFILE_API_KEY and FLATFILE_API_URL (the platform URL, /v1 appended) and works against the API", async () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_env_key");
    vi.stubEnv("FLATFILE_API_URL", prismOrigin);
    const client = createJobsClient();
    expect(client.baseUrl).toBe(`${prismOrigin}/v1`);
    const page = await client.jobs.list();
    expect(page.data.length).toBeGreaterThan(0);
  });

  it("takes FLATFILE_API_URL as given when it already ends in /v1", () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_env_key");
    vi.stubEnv("FLATFILE_API_URL", "https://platform.uk.flatfile.com/api/v1/");
    expect(createJobsClient().baseUrl).toBe("https://platform.uk.flatfile.com/api/v1");
    vi.stubEnv("FLATFILE_API_URL", "https://platform.uk.flatfile.com/api");
    expect(createJobsClient().baseUrl).toBe("https://platform.uk.flatfile.com/api/v1");
  });

  it("refuses a FLATFILE_API_URL that is not a URL, quoting the variable as it was set", () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_env_key");
    vi.stubEnv("FLATFILE_API_URL", "platform.flatfile.com/api");
    expect(() => createJobsClient()).toThrow(
      'FLATFILE_API_URL must be an absolute http(s) URL such as "https://platform.flatfile.com/api", got "platform.flatfile.com/api".',
    );
    vi.stubEnv("FLATFILE_API_URL", "https://user:pw@platform.flatfile.com/api");
    expect(() => createJobsClient()).toThrow(/^FLATFILE_API_URL must not contain credentials/);
  });

  it("says a base URL without /v1 is the likely cause of a 404, naming the URL it asked for", async () => {
    clearEnv();
    const client = createJobsClient({ token: "sk_x", baseUrl: prismOrigin, maxRetries: 0 });
    const error = await client.jobs.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect((error as Error).message).toContain(
      `— ${prismOrigin}/jobs does not exist: the base URL ${prismOrigin} should end in /v1, where the API's paths are`,
    );
  });

  it("falls back to FLATFILE_BEARER_TOKEN and to the production URL", async () => {
    clearEnv();
    vi.stubEnv("FLATFILE_BEARER_TOKEN", "sk_bearer");
    const seen: string[] = [];
    const client = createJobsClient({
      fetch: async (url, init) => {
        seen.push(`${new Headers(init.headers).get("authorization")} ${url}`);
        return Response.json({ data: [] });
      },
    });
    await client.jobs.list();
    expect(seen).toEqual(["Bearer sk_bearer https://api.x.flatfile.com/v1/jobs"]);
  });

  it("lets options win over the environment", () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_env");
    vi.stubEnv("FLATFILE_API_URL", "https://platform.eu.flatfile.com/api");
    expect(createJobsClient({ baseUrl: prismUrl }).baseUrl).toBe(prismUrl);
  });

  it("explains where the token comes from when there is none", () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "");
    expect(() => createJobsClient()).toThrow(InvalidArgumentError);
    expect(() => createJobsClient()).toThrow(/set FLATFILE_API_KEY \(or FLATFILE_BEARER_TOKEN\)/);
  });

  it("never echoes a malformed token from the environment", () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_secret_value_123\n");
    let message = "";
    try {
      createJobsClient();
    } catch (error) {
      message = `${(error as Error).message}\n${(error as Error).stack}`;
    }
    expect(message).toMatch(/stray newline/);
    expect(message).not.toContain("sk_secret_value_123");
  });
});

describe("regions and the User-Agent", () => {
  const seen = (client: ReturnType<typeof createJobsClient>) => client.baseUrl;

  it("chooses a region's platform URL; baseUrl beats region, and region beats FLATFILE_API_URL", () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_env_key");
    vi.stubEnv("FLATFILE_API_URL", "https://platform.flatfile.com/api");
    expect(seen(createJobsClient({ region: "eu" }))).toBe("https://platform.eu.flatfile.com/api/v1");
    expect(seen(createJobsClient({ region: "ca" }))).toBe("https://platform.ca.flatfile.com/api/v1");
    expect(seen(createJobsClient({ region: "uk", baseUrl: prismUrl }))).toBe(prismUrl);
    expect(seen(createJobsClient())).toBe("https://platform.flatfile.com/api/v1");
  });

  it("refuses an unknown region, listing the known ones", () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_env_key");
    expect(() => createJobsClient({ region: "mars" as never })).toThrow(InvalidArgumentError);
    expect(() => createJobsClient({ region: "mars" as never })).toThrow(/use one of us, uk, eu, au, ca/);
  });

  it("names the package, its version and Node's in the User-Agent", async () => {
    clearEnv();
    let userAgent: string | null = null;
    const client = createJobsClient({
      token: "sk_x",
      fetch: async (_url, init) => {
        userAgent = new Headers(init.headers).get("user-agent");
        return Response.json({ data: [] });
      },
    });
    await client.jobs.list();
    expect(userAgent).toBe(`@flatfile-jobs/node/${packageJson.version} node/${process.version}`);
  });
});

describe("FLATFILE_LOG", () => {
  it("logs to the console at the level it names, with credentials redacted", async () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_logged_secret_42");
    vi.stubEnv("FLATFILE_LOG", "debug");
    const lines: string[] = [];
    for (const level of ["debug", "info", "warn", "error"] as const) {
      vi.spyOn(console, level).mockImplementation((line: string) => void lines.push(line));
    }
    try {
      await createJobsClient({ baseUrl: prismUrl }).jobs.get("us_jb_7Hq2xK9d");
    } finally {
      vi.restoreAllMocks();
    }
    expect(lines.some((l) => l.startsWith("[flatfile-jobs] → GET /jobs/us_jb_7Hq2xK9d"))).toBe(true);
    expect(lines.some((l) => l.includes("authorization: [redacted]"))).toBe(true);
    expect(lines.some((l) => l.startsWith("[flatfile-jobs] ← 200 GET /jobs/us_jb_7Hq2xK9d"))).toBe(true);
    expect(lines.join("\n")).not.toContain("sk_logged_secret_42");
  });

  it("is off unless set, and refuses an unknown level", async () => {
    clearEnv();
    vi.stubEnv("FLATFILE_API_KEY", "sk_env_key");
    const calls = (["debug", "info", "warn", "error"] as const).map((level) => vi.spyOn(console, level));
    try {
      await createJobsClient({ baseUrl: prismUrl }).jobs.list();
      for (const spy of calls) expect(spy).not.toHaveBeenCalled();
    } finally {
      vi.restoreAllMocks();
    }
    vi.stubEnv("FLATFILE_LOG", "verbose");
    expect(() => createJobsClient()).toThrow(/FLATFILE_LOG must be one of debug, info, warn, error or off/);
  });
});

describe("the published builds", () => {
  it.each([
    ["ESM", () => import("../dist/index.mjs")],
    ["CJS", async () => createRequire(import.meta.url)("../dist/index.cjs")],
  ])("%s exports the environment-aware createJobsClient and all of core's errors", async (_format, load) => {
    clearEnv();
    const build = await load();
    expect(() => build.createJobsClient()).toThrow(/set FLATFILE_API_KEY/);
    expect(() => build.createJobsClient()).toThrow(build.InvalidArgumentError);
    for (const name of ["JobsError", "APIError", "APIConnectionError", "APIUserAbortError", "InvalidResponseError"]) {
      expect(typeof build[name], name).toBe("function");
    }
    vi.stubEnv("FLATFILE_API_KEY", "sk_env_key");
    vi.stubEnv("FLATFILE_API_URL", prismOrigin);
    expect((await build.createJobsClient().jobs.list()).data.length).toBeGreaterThan(0);
  });
});

describe("instanceof across the two builds", () => {
  it("holds for an error thrown by the CommonJS build and checked against the ESM classes, and back", async () => {
    const esm = await import("../dist/index.mjs");
    const cjs = createRequire(import.meta.url)("../dist/index.cjs");
    expect(cjs.NotFoundError).not.toBe(esm.NotFoundError);

    const fromCjs = await cjs
      .createJobsClient({ token: "sk_x", baseUrl: prismUrl, maxRetries: 0 })
      .jobs.get("us_jb_1", { headers: { Prefer: "code=404" } })
      .catch((e: unknown) => e);
    expect(fromCjs).toBeInstanceOf(esm.NotFoundError);
    expect(fromCjs).toBeInstanceOf(esm.APIError);
    expect(fromCjs).toBeInstanceOf(esm.JobsError);
    expect(fromCjs).not.toBeInstanceOf(esm.RateLimitError);
    expect(fromCjs).not.toBeInstanceOf(esm.APIConnectionError);

    let fromEsm: unknown;
    try {
      esm.createJobsClient({ token: "" });
    } catch (error) {
      fromEsm = error;
    }
    expect(fromEsm).toBeInstanceOf(cjs.InvalidArgumentError);
    expect(fromEsm).toBeInstanceOf(cjs.JobsError);
    expect(fromEsm).not.toBeInstanceOf(cjs.APIError);
    expect({ name: "NotFoundError" }).not.toBeInstanceOf(esm.NotFoundError);
  });
});
