import type { JobsCore, RequestOptions } from "./contracts.js";
import { APIUserAbortError } from "./errors.js";
import { type ListJobsQuery, listJobs } from "./generated/operations.js";
import { checkRequestOptions, REQUEST_OPTION_NAMES } from "./internal/call.js";
import * as check from "./internal/check.js";
import type { Job, ListJobsResponse } from "./types.js";

/** Options of `jobs.iterate`: those of any call, plus a limit on pages and the prefetch switch. */
export interface IterateOptions extends RequestOptions {
  /** Stop after this many pages, however many the server has. @default Infinity */
  maxPages?: number;
  /** Fetch the next page while the caller works on the current one. @default true */
  prefetch?: boolean;
}

/** Every job across the pages of `jobs.list`: `for await (const job of client.jobs.iterate(query))`. */
export interface JobIterable extends AsyncIterable<Job> {
  /** The same walk a page at a time, each page as `jobs.list` returns it. */
  pages(): AsyncIterable<ListJobsResponse>;
}

/**
 * Every job across all pages of `listJobs` (`client.jobs.iterate`). Walks `GET /jobs` page by page (`pageNumber`
 * from the query's, or 1), stopping at `pagination.pageCount`, at an empty page, after `maxPages`, or at a page
 * with the same jobs, in the same order, as the page before it. The API documents `pageNumber` and makes
 * `pagination` optional, so an answer without `pagination` does not end the walk (the next page may well
 * follow); but a server that ignores `pageNumber` answers every request with the same page, and that repeated
 * page, which is not yielded, is where the walk ends. With prefetch on, the request for page n+1 is sent as soon as page n arrives,
 * so a caller that works on each page waits about as long as the server takes, not twice that. At most two
 * pages are held at once. Breaking out of the loop or aborting `signal` cancels the request in flight.
 */
export function iterateJobs(client: JobsCore, query: ListJobsQuery = {}, options: IterateOptions = {}): JobIterable {
  const { maxPages = Number.POSITIVE_INFINITY, prefetch = true, ...rest } = checkIterateOptions(options);
  const { signal: userSignal, ...requestOptions } = checkRequestOptions(rest);
  check.count("maxPages", maxPages, 1, true);
  check.type("prefetch", prefetch, "boolean");

  async function* pages(): AsyncGenerator<ListJobsResponse> {
    // Aborted when the walk ends early (break, error, caller's abort), so no request outlives it.
    const controller = new AbortController();
    const onAbort = () => controller.abort(userSignal?.reason);
    userSignal?.addEventListener("abort", onAbort, { once: true });
    const fetchPage = (pageNumber: number) => {
      const pending = listJobs(client, { ...query, pageNumber }, { ...requestOptions, signal: controller.signal });
      pending.catch(() => undefined); // a prefetch abandoned by `break` must not become an unhandled rejection
      return pending;
    };
    try {
      let pageNumber = query.pageNumber ?? 1;
      let pending: Promise<ListJobsResponse> | undefined = fetchPage(pageNumber);
      let previous: Job[] = [];
      for (let fetched = 1; pending; fetched++) {
        const page: ListJobsResponse = await pending;
        // The page before, again: the server ignored `pageNumber`.
        if (page.data.length > 0 && sameJobs(page.data, previous)) return;
        previous = page.data;
        const pageCount = page.pagination?.pageCount;
        const more = page.data.length > 0 && fetched < maxPages && (pageCount === undefined || pageNumber < pageCount);
        pageNumber += 1;
        pending = more && prefetch ? fetchPage(pageNumber) : undefined;
        yield page;
        if (userSignal?.aborted)
          throw new APIUserAbortError({ method: "GET", path: "/jobs", cause: userSignal.reason });
        if (more && !prefetch) pending = fetchPage(pageNumber);
      }
    } catch (error) {
      if (userSignal?.aborted && !(error instanceof APIUserAbortError)) {
        throw new APIUserAbortError({ method: "GET", path: "/jobs", cause: error });
      }
      throw error;
    } finally {
      userSignal?.removeEventListener("abort", onAbort);
      controller.abort();
    }
  }

  const aborted = () => new APIUserAbortError({ method: "GET", path: "/jobs", cause: userSignal?.reason });
  return {
    pages,
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) {
        for (const job of page.data) {
          // An abort stops the walk at once, even in the middle of a page already received.
          if (userSignal?.aborted) throw aborted();
          yield job;
        }
      }
    },
  };
}

/** Whether two pages hold the same jobs (by id) in the same order. */
function sameJobs(page: Job[], previous: Job[]): boolean {
  return page.length === previous.length && page.every((job, i) => job.id === previous[i]?.id);
}

function checkIterateOptions(options: IterateOptions): IterateOptions {
  return check.options("IterateOptions", options, [...REQUEST_OPTION_NAMES, "maxPages", "prefetch"]) ?? {};
}
