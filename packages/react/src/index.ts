// React hooks for Flatfile jobs on TanStack Query v5: the client's provider, the query and mutation option
// factories, the hooks built on them, and the cache's keys.
export { JobsClientProvider, useJobsClient } from "./context.js";
export { useJob, useJobs, useJobsMutation } from "./hooks.js";
export { jobsKeys } from "./keys.js";
export type { JobsAction, JobsMutationVariables } from "./mutations.js";
export { jobsMutationOptions } from "./mutations.js";
export type { PollOptions } from "./poll.js";
export { isJobEnded } from "./poll.js";
export type { JobQuery, JobQueryKey, JobQueryOptions, JobsInfiniteQuery, JobsListQueryKey } from "./queries.js";
export { jobQueryOptions, jobsInfiniteQueryOptions } from "./queries.js";
