// Query options for TanStack Query v5, one factory per kind of query: pass them to `useQuery`,
// `useInfiniteQuery`, `queryClient.fetchQuery`, `prefetchQuery` or `ensureQueryData`, or spread them to add options.
import {
  getJob,
  type Job,
  type JobsCore,
  type JobsError,
  type ListJobsQuery,
  type ListJobsResponse,
  listJobs,
} from "@flatfile-jobs/core";
import {
  type DataTag,
  type InfiniteData,
  infiniteQueryOptions,
  queryOptions,
  type UndefinedInitialDataInfiniteOptions,
  type UseQueryOptions,
} from "@tanstack/react-query";
import { jobsKeys } from "./keys.js";
import { type PollOptions, pollInterval } from "./poll.js";

/** Options of `jobQueryOptions` and `useJob`. */
export interface JobQueryOptions {
  /**
   * Poll the job while it runs, until it is `complete`, `failed` or `canceled` (`true`, or how often), or fetch it
   * like any other query (`false`). Polling pauses in a hidden tab (TanStack's `refetchIntervalInBackground`) and
   * after a failed poll; it starts again with the next answer that shows the job running. @default true
   */
  poll?: boolean | PollOptions;
  /**
   * `false`: no request at all, the data being whatever the cache holds (e.g. for a row whose job has ended, or
   * while there is no job id yet). @default true
   */
  enabled?: boolean;
}

/** The query key of one job, tagged with its data and error types (`queryClient.getQueryData` returns a `Job`). */
export type JobQueryKey = DataTag<ReturnType<typeof jobsKeys.job>, Job, JobsError>;
/** The query key of one list of jobs, tagged with its data and error types. */
export type JobsListQueryKey = DataTag<ReturnType<typeof jobsKeys.list>, InfiniteData<ListJobsResponse>, JobsError>;

/** What `jobQueryOptions` returns: options for `useQuery`, `fetchQuery`, `prefetchQuery` and the like. */
export type JobQuery = UseQueryOptions<Job, JobsError, Job, ReturnType<typeof jobsKeys.job>> & {
  queryKey: JobQueryKey;
};

/** What `jobsInfiniteQueryOptions` returns: options for `useInfiniteQuery`, `fetchInfiniteQuery` and the like. */
export type JobsInfiniteQuery = UndefinedInitialDataInfiniteOptions<
  ListJobsResponse,
  JobsError,
  InfiniteData<ListJobsResponse, number>,
  ReturnType<typeof jobsKeys.list>,
  number
> & { queryKey: JobsListQueryKey };

/**
 * The query of one job (`GET /jobs/{jobId}`): its data is the `Job`, its error a `JobsError`. A failed or canceled
 * job is data, as the API returns it, not an error. TanStack's `signal` reaches the request, so a query no
 * component uses any more stops its request in flight. The client retries failed requests itself, so the query
 * does not (`retry: false`).
 */
export function jobQueryOptions(client: JobsCore, jobId: string, options: JobQueryOptions = {}): JobQuery {
  return queryOptions<Job, JobsError, Job, ReturnType<typeof jobsKeys.job>>({
    queryKey: jobsKeys.job(client, jobId),
    queryFn: ({ signal }) => getJob(client, jobId, { signal }).then((response) => response.data),
    refetchInterval: pollInterval(options.poll ?? true),
    enabled: options.enabled ?? true,
    retry: false,
  });
}

/**
 * The pages of `GET /jobs` for `query`, as an infinite query: `fetchNextPage()` loads the next page and
 * `hasNextPage` turns false after the last one (`pagination.pageCount`, or an empty page). The page number is the
 * page param; the query's own `pageNumber` is where it starts.
 */
export function jobsInfiniteQueryOptions(client: JobsCore, query: ListJobsQuery = {}): JobsInfiniteQuery {
  return infiniteQueryOptions<
    ListJobsResponse,
    JobsError,
    InfiniteData<ListJobsResponse, number>,
    ReturnType<typeof jobsKeys.list>,
    number
  >({
    queryKey: jobsKeys.list(client, query),
    queryFn: ({ pageParam, signal }) => listJobs(client, { ...query, pageNumber: pageParam }, { signal }),
    initialPageParam: query.pageNumber ?? 1,
    getNextPageParam: (page, _pages, pageNumber) => {
      const pageCount = page.pagination?.pageCount;
      return page.data.length > 0 && (pageCount === undefined || pageNumber < pageCount) ? pageNumber + 1 : undefined;
    },
    retry: false,
  });
}
