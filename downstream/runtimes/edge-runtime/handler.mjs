// What the edge runtime evaluates: the flow with @flatfile-jobs/browser, as a global function (a script has no
// exports) that resolves to the results as JSON.
import * as sdk from "@flatfile-jobs/browser";
import { runFlow } from "../shared/flow.mjs";

globalThis.runJobsFlow = async (url, slowUrl) => {
  const results = [];
  await runFlow({
    label: "@flatfile-jobs/browser",
    sdk,
    makeClient: (baseUrl) => sdk.createJobsClient({ token: "pk_test_runtimes", baseUrl, maxRetries: 0 }),
    url,
    slowUrl,
    source: "us_fl_edge_browser",
    results,
  });
  return JSON.stringify(results);
};
