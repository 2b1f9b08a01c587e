// React 18 and TanStack Query 5.62 (the lowest versions the package's peer ranges allow): a job and its list,
// prefetched from the Jobs simulator with the package's option factories, render on the server.
import assert from "node:assert/strict";
import { test } from "node:test";
import { createJobsClient } from "@flatfile-jobs/browser";
import { JobsClientProvider, jobQueryOptions, jobsInfiniteQueryOptions } from "@flatfile-jobs/react";
import { startJobsSimulator } from "@flatfile-jobs/testing";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { JobLine } from "../src/job-line.js";

test("a prefetched job and its list render on the server", async () => {
  const simulator = await startJobsSimulator();
  try {
    const [job] = simulator.seed([
      { spaceId: "us_sp_peers", status: "executing", progress: 30, info: "Reading" },
      { spaceId: "us_sp_peers" },
    ]);
    assert.ok(job);
    const client = createJobsClient({ token: "pk_react_peers", baseUrl: simulator.url });
    const queryClient = new QueryClient();
    await queryClient.prefetchQuery(jobQueryOptions(client, job.id));
    await queryClient.prefetchInfiniteQuery(jobsInfiniteQueryOptions(client, { spaceId: "us_sp_peers" }));
    const html = renderToString(
      <QueryClientProvider client={queryClient}>
        <JobsClientProvider client={client}>
          <JobLine jobId={job.id} spaceId="us_sp_peers" />
        </JobsClientProvider>
      </QueryClientProvider>,
    );
    assert.match(html, /executing 30% Reading/);
    assert.match(html, /\(<!-- -->1<!-- --> others\)/);
    queryClient.clear();
  } finally {
    await simulator.close();
  }
});
