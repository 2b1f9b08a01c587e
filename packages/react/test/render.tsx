// Renders a component the way an app does: inside TanStack's QueryClientProvider and the JobsClientProvider, with
// a browser client of this SDK pointed at Prism's validating proxy in front of the simulator.
import { createJobsClient, type JobsClientOptions } from "@flatfile-jobs/browser";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { inject } from "vitest";
import { render } from "vitest-browser-react";
import { JobsClientProvider } from "../src/index.js";

export function testClient(options: Partial<JobsClientOptions> = {}) {
  return createJobsClient({ token: "pk_react_tests", baseUrl: inject("apiUrl"), maxRetries: 0, ...options });
}

export async function renderWithJobs(ui: ReactNode, client = testClient()) {
  const queryClient = new QueryClient();
  const screen = await render(
    <QueryClientProvider client={queryClient}>
      <JobsClientProvider client={client}>{ui}</JobsClientProvider>
    </QueryClientProvider>,
  );
  return { screen, queryClient, client };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
