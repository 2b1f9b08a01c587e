// The client the hooks use, given once near the root of the app.
import { InvalidArgumentError, type JobsCore } from "@flatfile-jobs/core";
import { createContext, createElement, type ReactNode, useContext } from "react";

const JobsClientContext = createContext<JobsCore | undefined>(undefined);

/**
 * Gives `client` (from `@flatfile-jobs/browser`'s `createJobsClient` or `createJobsCore`, or any `JobsCore`) to
 * the hooks below it. Put it inside TanStack's `QueryClientProvider`.
 */
export function JobsClientProvider(props: { client: JobsCore; children?: ReactNode }): ReactNode {
  return createElement(JobsClientContext.Provider, { value: props.client }, props.children);
}

/** The client of the nearest `JobsClientProvider`; throws `InvalidArgumentError` if there is none. */
export function useJobsClient(): JobsCore {
  const client = useContext(JobsClientContext);
  if (!client) {
    throw new InvalidArgumentError(
      "useJob, useJobs and useJobsMutation need a client: render them inside <JobsClientProvider client={createJobsClient({ token })}>.",
    );
  }
  return client;
}
