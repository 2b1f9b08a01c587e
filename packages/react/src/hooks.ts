// The hooks: the query and mutation options of this package, with the client of the nearest JobsClientProvider.
import type { Job, JobsError, ListJobsQuery, ListJobsResponse } from "@flatfile-jobs/core";
import {
  type InfiniteData,
  type UseInfiniteQueryResult,
  type UseMutationResult,
  type UseQueryResult,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from "@tanstack/react-query";
import { useEffect } from "react";
import { replaceInLists } from "./cache.js";
import { useJobsClient } from "./context.js";
import { type JobsAction, type JobsMutationVariables, jobsMutationOptions } from "./mutations.js";
import { type JobQueryOptions, jobQueryOptions, jobsInfiniteQueryOptions } from "./queries.js";

/**
 * One job, polled while it runs (see `JobQueryOptions.poll`): `data` is the `Job` (a `failed` job too, with its
 * `info` and `outcome`), `error` a `JobsError`. Each new answer also replaces the job in the cached pages of
 * `useJobs` that show it. Unmounting the last component that uses it aborts the request in flight.
 */
export function useJob(jobId: string, options?: JobQueryOptions): UseQueryResult<Job, JobsError> {
  const client = useJobsClient();
  const queryClient = useQueryClient();
  const result = useQuery(jobQueryOptions(client, jobId, options));
  const job = result.data;
  useEffect(() => {
    if (job) replaceInLists(queryClient, client, job);
  }, [job, queryClient, client]);
  return result;
}

/**
 * The jobs of `query`, page after page: `data.pages` holds the pages loaded so far, `fetchNextPage()` loads the
 * next one, and `hasNextPage` is false after the last.
 */
export function useJobs(
  query?: ListJobsQuery,
): UseInfiniteQueryResult<InfiniteData<ListJobsResponse, number>, JobsError> {
  return useInfiniteQuery(jobsInfiniteQueryOptions(useJobsClient(), query));
}

/**
 * An action on jobs (`create`, `ack`, `complete`, `fail`, `cancel` or `retry`) as a mutation: `mutate(variables)`
 * sends it; the job it returns replaces the cached one and the lists that show it are refetched.
 */
export function useJobsMutation<A extends JobsAction>(
  action: A,
): UseMutationResult<Job, JobsError, JobsMutationVariables[A]> {
  return useMutation(jobsMutationOptions(useJobsClient(), useQueryClient(), action));
}
