// Server rendering in Node (no window, no document): the built package imports without touching the browser's
// globals, and a job prefetched on the server renders into the HTML.
import { createJobsClient } from "@flatfile-jobs/browser";
import type { Job } from "@flatfile-jobs/core";
import { dehydrate, HydrationBoundary, QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { expect, inject, it } from "vitest";

it("imports with no window or document", async () => {
  expect(typeof (globalThis as { window?: unknown }).window).toBe("undefined");
  expect(typeof (globalThis as { document?: unknown }).document).toBe("undefined");
  const react = await import("../dist/index.mjs");
  expect(Object.keys(react).sort()).toEqual([
    "JobsClientProvider",
    "isJobEnded",
    "jobQueryOptions",
    "jobsInfiniteQueryOptions",
    "jobsKeys",
    "jobsMutationOptions",
    "useJob",
    "useJobs",
    "useJobsClient",
    "useJobsMutation",
  ]);
});

function JobLine(props: { jobId: string; useJob: typeof import("../src/index.js").useJob }) {
  const { data } = props.useJob(props.jobId);
  return <p>{data ? `${data.status} ${data.progress}% ${data.info}` : "loading"}</p>;
}

it("renders a job prefetched on the server", async () => {
  const { JobsClientProvider, jobQueryOptions, useJob } = await import("../dist/index.mjs");
  // A running job, which the browser would poll.
  const client = createJobsClient({ token: "pk_server_render", baseUrl: inject("apiUrl"), maxRetries: 0 });
  const created = (await client.jobs.create({ type: "file", operation: "extract", source: "us_fl_ssr" })).data;
  await client.jobs.ack(created.id, { progress: 25, info: "Reading" });

  const queryClient = new QueryClient();
  await queryClient.prefetchQuery(jobQueryOptions(client, created.id));
  const html = renderToString(
    <QueryClientProvider client={queryClient}>
      <JobsClientProvider client={client}>
        <HydrationBoundary state={dehydrate(queryClient)}>
          <JobLine jobId={created.id} useJob={useJob} />
        </HydrationBoundary>
      </JobsClientProvider>
    </QueryClientProvider>,
  );
  expect(html).toContain("executing 25% Reading");
  const cached = queryClient.getQueryData(jobQueryOptions(client, created.id).queryKey) as Job | undefined;
  expect(cached?.status).toBe("executing");
  queryClient.clear();
});
