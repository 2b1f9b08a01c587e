// The actions a jobs UI offers, as TanStack Query mutations that keep the cache right: the job the API answers
// with replaces the cached one (in `useJob` and in every cached page that shows it), and the lists are refetched.
import type { Job, JobsCore, JobsError, ListJobsResponse } from "@flatfile-jobs/core";
import type { InfiniteData, QueryClient, UseMutationOptions } from "@tanstack/react-query";
import { listShows, replaceInLists } from "./cache.js";
import { type JobsMutationVariables, SEND } from "./generated/mutations.js";
import { jobsKeys } from "./keys.js";

export type { JobsMutationVariables };

/**
 * An action on jobs: one per operation of the API that changes a job and answers with it (`create`, `ack`,
 * `complete`, `fail`, `cancel`, `retry`, …), generated from the spec.
 */
export type JobsAction = keyof JobsMutationVariables;

/** The actions that change only the job they name: after them, only the lists that show that job are refetched. */
const CHANGES_ONE_JOB = new Set<string>(["update", "ack", "ackOutcome", "complete", "fail", "cancel", "retry"]);

/**
 * The mutation of one action: its data is the job as the API returns it after the action, its error a
 * `JobsError`. On success the job replaces the cached one (`jobsKeys.job`) and its entry in every cached page; then
 * the lists that show it are refetched (every list of the client, after an action that makes jobs, `create` or
 * `split`, or one added later), and the mutation settles when they have been. Not retried by TanStack: the client retries what is safe to retry.
 */
export function jobsMutationOptions<A extends JobsAction>(
  client: JobsCore,
  queryClient: QueryClient,
  action: A,
): UseMutationOptions<Job, JobsError, JobsMutationVariables[A]> {
  return {
    mutationKey: [...jobsKeys.all(client), action],
    mutationFn: (variables) => SEND[action](client, variables).then((response) => response.data),
    onSuccess: (job) => {
      queryClient.setQueryData(jobsKeys.job(client, job.id), job);
      replaceInLists(queryClient, client, job);
      return queryClient.invalidateQueries({
        queryKey: jobsKeys.lists(client),
        // An action that makes jobs (create, split) or one this version has no rule for: every list of the client.
        predicate: CHANGES_ONE_JOB.has(action)
          ? (query) => listShows(query.state.data as InfiniteData<ListJobsResponse> | undefined, job.id)
          : undefined,
      });
    },
  };
}
