import { describe, expect, it } from "vitest";
import { createJobsClient, InvalidArgumentError } from "../src/index.js";
import { BASE_URL, json, recordingFetch, TOKEN } from "./recording-fetch.js";

async function listUrl(query: Parameters<ReturnType<typeof createJobsClient>["jobs"]["list"]>[0]): Promise<URL> {
  const { fetch, requests } = recordingFetch(() => json(200, { data: [] }));
  await createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch }).jobs.list(query);
  const [request] = requests;
  if (!request) throw new Error("no request was sent");
  return request.url;
}

describe("list query serialisation", () => {
  it("writes numbers, booleans and enums as the API reads them", async () => {
    const url = await listUrl({ pageSize: 20, pageNumber: 2, excludeChildJobs: true, sortDirection: "desc" });
    expect(url.search).toBe("?pageSize=20&pageNumber=2&excludeChildJobs=true&sortDirection=desc");
  });

  it("writes false and 0 rather than dropping them", async () => {
    const url = await listUrl({ excludeChildJobs: false, pageNumber: 0 });
    expect(url.searchParams.get("excludeChildJobs")).toBe("false");
    expect(url.searchParams.get("pageNumber")).toBe("0");
  });

  it("leaves out parameters that are undefined, and sends no query string when there are none", async () => {
    expect((await listUrl({ spaceId: undefined, pageSize: 5 })).search).toBe("?pageSize=5");
    expect((await listUrl(undefined)).search).toBe("");
    expect((await listUrl({})).search).toBe("");
  });

  it("percent-encodes values so each stays one parameter", async () => {
    const source = "a&b=c #?/%é";
    const url = await listUrl({ source, environmentId: "us_env_1" });
    expect(url.searchParams.get("source")).toBe(source);
    expect(url.searchParams.get("environmentId")).toBe("us_env_1");
    expect([...url.searchParams.keys()]).toEqual(["source", "environmentId"]);
  });
});

describe("query values that cannot be sent", () => {
  it("refuses an unpaired surrogate with InvalidArgumentError, sending nothing", async () => {
    const { fetch, requests } = recordingFetch(() => json(200, { data: [] }));
    const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch });
    await expect(client.jobs.list({ source: "a\ud800" })).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(requests).toHaveLength(0);
  });
});
