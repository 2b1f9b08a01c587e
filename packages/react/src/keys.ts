// The query keys of the jobs cache. Every key starts with the client's base URL, so that two clients of one app
// (two environments, two regions) never share entries.
import type { JobsCore, ListJobsQuery } from "@flatfile-jobs/core";

/** Query keys for TanStack Query's cache: use them to read, set or invalidate what the hooks hold. */
export const jobsKeys = {
  /** Everything the hooks cache for this client. */
  all: (client: JobsCore) => ["flatfile-jobs", client.baseUrl] as const,
  /** One job (`useJob`, `jobQueryOptions`). */
  job: (client: JobsCore, jobId: string) => ["flatfile-jobs", client.baseUrl, "job", jobId] as const,
  /** Every list of jobs (`useJobs`, `jobsInfiniteQueryOptions`), whatever its query. */
  lists: (client: JobsCore) => ["flatfile-jobs", client.baseUrl, "list"] as const,
  /** The list of jobs for one query. */
  list: (client: JobsCore, query: ListJobsQuery = {}) => ["flatfile-jobs", client.baseUrl, "list", query] as const,
};
