// Keeping one job the same wherever the cache shows it: its own query and the pages of the lists.
import type { Job, JobsCore, ListJobsResponse } from "@flatfile-jobs/core";
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
import { jobsKeys } from "./keys.js";

/** Whether a cached list holds the job with this id. */
export function listShows(data: InfiniteData<ListJobsResponse> | undefined, jobId: string): boolean {
  return data?.pages.some((page) => page.data.some((listed) => listed.id === jobId)) ?? false;
}

/** Puts `job` in place of its older copy in every cached page that shows it; lists without it stay as they are. */
export function replaceInLists(queryClient: QueryClient, client: JobsCore, job: Job): void {
  const text = JSON.stringify(job);
  queryClient.setQueriesData<InfiniteData<ListJobsResponse>>({ queryKey: jobsKeys.lists(client) }, (data) => {
    // `undefined` leaves a list untouched: not even its observers hear of it.
    if (
      !data?.pages.some((page) => page.data.some((listed) => listed.id === job.id && JSON.stringify(listed) !== text))
    )
      return undefined;
    return {
      ...data,
      pages: data.pages.map((page) => ({
        ...page,
        data: page.data.map((listed) => (listed.id === job.id ? job : listed)),
      })),
    };
  });
}
