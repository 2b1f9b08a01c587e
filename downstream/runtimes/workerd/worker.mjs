// A Worker that runs the flow with @flatfile-jobs/browser when it gets a request, and answers with the results.
// The simulator's URLs come as bindings (JOBS_URL, JOBS_SLOW_URL).
import * as sdk from "@flatfile-jobs/browser";
import { runFlow } from "../shared/flow.mjs";

export default {
  async fetch(_request, env) {
    const results = [];
    await runFlow({
      label: "@flatfile-jobs/browser",
      sdk,
      makeClient: (baseUrl) => sdk.createJobsClient({ token: "pk_test_runtimes", baseUrl, maxRetries: 0 }),
      url: env.JOBS_URL,
      slowUrl: env.JOBS_SLOW_URL,
      source: "us_fl_workerd_browser",
      results,
    });
    return Response.json(results);
  },
};
