// For the runtimes that load npm packages themselves (Bun, Deno): the flow with the browser, core and node
// packages' clients, then the node client's close(), which must resolve and leave the client refusing calls. The
// app passes in the packages it imported (this folder has no node_modules of its own).
import { assert, describe, runFlow } from "./flow.mjs";

export async function runAllPackages({ runtime, url, slowUrl, browser, core, node }) {
  const results = [];
  const token = "pk_test_runtimes";
  const packages = [
    ["browser", browser, (baseUrl) => browser.createJobsClient({ token, baseUrl, maxRetries: 0 })],
    ["core", core, (baseUrl) => core.createJobsClient({ token, baseUrl, maxRetries: 0 })],
    ["node", node, (baseUrl) => node.createJobsClient({ token, baseUrl, maxRetries: 0, proxy: false })],
  ];
  for (const [label, sdk, makeClient] of packages) {
    const source = `us_fl_${runtime}_${label}`;
    const client = await runFlow({ label: `@flatfile-jobs/${label}`, sdk, makeClient, url, slowUrl, source, results });
    if (label !== "node") continue;
    const name = "@flatfile-jobs/node: close() resolves, and a later call is refused";
    try {
      await client.close();
      const error = await client.jobs.list().then(
        () => undefined,
        (caught) => caught,
      );
      assert(error instanceof node.APIConnectionError, `expected an APIConnectionError, got ${describe(error)}`);
      assert(/closed with close\(\)/.test(error.message), `expected the closed client's message, got ${error.message}`);
      results.push({ name, ok: true });
    } catch (error) {
      results.push({ name, ok: false, error: describe(error) });
    }
  }
  return results;
}
