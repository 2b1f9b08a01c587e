// The actions a jobs UI offers, as TanStack Query mutations that keep the cache right: the job the API answers
// with replaces the cached one (in `useJob` and in every cached page that shows it), and the lists are refetched.
import {
  ackJob,
  cancelJob,
  completeJob,
  createJob,
  failJob,
  type Job,
  type JobAckDetails,
  type JobCancelDetails,
  type JobCompleteDetails,
  type JobConfig,
  type JobsCore,
  type JobsError,
  type ListJobsResponse,
  retryJob,
} from "@flatfile-jobs/core";
import type { InfiniteData, QueryClient, UseMutationOptions } from "@tanstack/react-query";
import { listShows, replaceInLists } from "./cache.js";
import { jobsKeys } from "./keys.js";

/** What each action's `mutate` takes. */
export interface JobsMutationVariables {
  create: JobConfig;
  ack: { jobId: string; details?: JobAckDetails };
  complete: { jobId: string; details?: JobCompleteDetails };
  fail: { jobId: string; details?: JobCompleteDetails };
  cancel: { jobId: string; details?: JobCancelDetails };
  retry: { jobId: string };
}

/** An action on jobs: `create`, `ack`, `complete`, `fail`, `cancel` or `retry`. */
export type JobsAction = keyof JobsMutationVariables;

type Send = (client: JobsCore, variables: never) => Promise<{ data: Job }>;
const SEND: Record<JobsAction, Send> = {
  create: (client, body: JobConfig) => createJob(client, body),
  ack: (client, v: JobsMutationVariables["ack"]) => ackJob(client, v.jobId, v.details),
  complete: (client, v: JobsMutationVariables["complete"]) => completeJob(client, v.jobId, v.details),
  fail: (client, v: JobsMutationVariables["fail"]) => failJob(client, v.jobId, v.details),
  cancel: (client, v: JobsMutationVariables["cancel"]) => cancelJob(client, v.jobId, v.details),
  retry: (client, v: JobsMutationVariables["retry"]) => retryJob(client, v.jobId),
};

/**
 * The mutation of one action: its data is the job as the API returns it after the action, its error a
 * `JobsError`. On success the job replaces the cached one (`jobsKeys.job`) and its entry in every cached page; then
 * the lists that show it are refetched (every list of the client, after `create`), and the mutation settles when
 * they have been. Not retried by TanStack: the client retries what is safe to retry.
 */
export function jobsMutationOptions<A extends JobsAction>(
  client: JobsCore,
  queryClient: QueryClient,
  action: A,
): UseMutationOptions<Job, JobsError, JobsMutationVariables[A]> {
  return {
    mutationKey: [...jobsKeys.all(client), action],
    mutationFn: (variables) =>
      (SEND[action] as (client: JobsCore, variables: JobsMutationVariables[A]) => Promise<{ data: Job }>)(
        client,
        variables,
      ).then((response) => response.data),
    onSuccess: (job) => {
      queryClient.setQueryData(jobsKeys.job(client, job.id), job);
      replaceInLists(queryClient, client, job);
      return queryClient.invalidateQueries({
        queryKey: jobsKeys.lists(client),
        predicate:
          action === "create"
            ? undefined
            : (query) => listShows(query.state.data as InfiniteData<ListJobsResponse> | undefined, job.id),
      });
    },
  };
}
