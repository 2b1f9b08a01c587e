import { describe, expect, it, vi } from "vitest";
import {
  APIUserAbortError,
  createJobsClient,
  InvalidArgumentError,
  type Job,
  type JobsClientOptions,
} from "../src/index.js";
import { BASE_URL, jobOf, json, requestFetch, TOKEN } from "./recording-fetch.js";

/**
 * A paged jobs list in memory, answering `GET /jobs` like the API. `hold(page)` keeps that page's request
 * open until its signal aborts; `events` records requests and aborts in order.
 */
function pagedServer(total: number, options: { withPagination?: boolean; hold?: number[] } = {}) {
  const jobs = Array.from({ length: total }, (_, i) => jobOf(i + 1));
  const events: string[] = [];
  const fetch = requestFetch(async (request, signal): Promise<Response> => {
    const url = new URL(request.url);
    const pageSize = Number(url.searchParams.get("pageSize") ?? 20);
    const pageNumber = Number(url.searchParams.get("pageNumber") ?? 1);
    events.push(`request ${pageNumber}`);
    if (options.hold?.includes(pageNumber)) {
      return new Promise((_resolve, reject) =>
        signal.addEventListener("abort", () => {
          events.push(`aborted ${pageNumber}`);
          reject(signal.reason);
        }),
      );
    }
    const data = jobs.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
    const pageCount = Math.max(1, Math.ceil(total / pageSize));
    return json(
      200,
      options.withPagination === false
        ? { data }
        : { data, pagination: { currentPage: pageNumber, pageCount, totalCount: total } },
    );
  });
  const client = (extra: Partial<JobsClientOptions> = {}) =>
    createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch, ...extra });
  return { client, events };
}

async function collect(iterable: AsyncIterable<Job>): Promise<string[]> {
  const ids: string[] = [];
  for await (const job of iterable) ids.push(job.id);
  return ids;
}

describe("jobs.iterate", () => {
  it.each([
    [0, 5, 1],
    [1, 5, 1],
    [5, 5, 1],
    [6, 5, 2],
    [23, 5, 5],
  ])("walks %i jobs in pages of %i with %i request(s), in order", async (total, pageSize, requests) => {
    const { client, events } = pagedServer(total);
    const ids = await collect(client().jobs.iterate({ pageSize }));
    expect(ids).toEqual(Array.from({ length: total }, (_, i) => `us_jb_${i + 1}`));
    expect(events).toEqual(Array.from({ length: requests }, (_, i) => `request ${i + 1}`));
  });

  it("stops at an empty page when the server sends no pagination", async () => {
    const { client, events } = pagedServer(7, { withPagination: false });
    expect(await collect(client().jobs.iterate({ pageSize: 5 }))).toHaveLength(7);
    expect(events).toEqual(["request 1", "request 2", "request 3"]);
  });

  it("starts at the query's pageNumber and keeps its filters", async () => {
    const { client, events } = pagedServer(12);
    const pages = [];
    for await (const page of client().jobs.iterate({ pageSize: 5, pageNumber: 2 }).pages()) pages.push(page);
    expect(pages.map((p) => p.pagination?.currentPage)).toEqual([2, 3]);
    expect(events).toEqual(["request 2", "request 3"]);
  });

  it("sends no request beyond maxPages", async () => {
    const { client, events } = pagedServer(50);
    expect(await collect(client().jobs.iterate({ pageSize: 5 }, { maxPages: 2 }))).toHaveLength(10);
    expect(events).toEqual(["request 1", "request 2"]);
  });

  it("fetches the next page while the caller works on the current one", async () => {
    const { client, events } = pagedServer(15);
    const seen: string[] = [];
    for await (const page of client().jobs.iterate({ pageSize: 5 }).pages()) {
      seen.push(`work ${page.pagination?.currentPage}`);
      // The request for the next page is already out before this page's work is done.
      if (page.pagination?.currentPage === 1) await vi.waitFor(() => expect(events).toContain("request 2"));
    }
    expect(seen).toEqual(["work 1", "work 2", "work 3"]);
  });

  it("without prefetch, asks for a page only when the caller wants it", async () => {
    const { client, events } = pagedServer(15);
    for await (const page of client().jobs.iterate({ pageSize: 5 }, { prefetch: false }).pages()) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      expect(events.at(-1)).toBe(`request ${page.pagination?.currentPage}`);
    }
    expect(events).toHaveLength(3);
  });

  it("cancels the request in flight when the caller breaks out of the loop", async () => {
    const { client, events } = pagedServer(15, { hold: [2] });
    for await (const job of client().jobs.iterate({ pageSize: 5 })) {
      if (job.id === "us_jb_2") break;
    }
    await vi.waitFor(() => expect(events).toEqual(["request 1", "request 2", "aborted 2"]));
  });

  it("stops with APIUserAbortError when the caller aborts, leaving no request running", async () => {
    const { client, events } = pagedServer(15, { hold: [2] });
    const controller = new AbortController();
    const walk = collect(client().jobs.iterate({ pageSize: 5 }, { signal: controller.signal }));
    await vi.waitFor(() => expect(events).toContain("request 2"));
    controller.abort();
    await expect(walk).rejects.toBeInstanceOf(APIUserAbortError);
    expect(events).toEqual(["request 1", "request 2", "aborted 2"]);
  });

  it("stops at once when aborted in the middle of a page it already has", async () => {
    const { client } = pagedServer(15);
    const controller = new AbortController();
    const seen: string[] = [];
    const walk = (async () => {
      for await (const job of client().jobs.iterate({ pageSize: 5 }, { signal: controller.signal })) {
        seen.push(job.id);
        if (seen.length === 2) controller.abort();
      }
    })();
    await expect(walk).rejects.toBeInstanceOf(APIUserAbortError);
    expect(seen).toEqual(["us_jb_1", "us_jb_2"]);
  });

  it("refuses a maxPages below 1", () => {
    const { client } = pagedServer(1);
    expect(() => client().jobs.iterate({}, { maxPages: 0 })).toThrow(InvalidArgumentError);
    expect(() => client().jobs.iterate({}, { maxPages: 0 })).toThrow(
      /maxPages must be a whole number, 1 or more \(or Infinity\), got 0\./,
    );
  });
});
