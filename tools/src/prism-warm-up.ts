// Sends each execution-plan operation once to Prism before the tests start. Prism compiles an operation's
// validators on its first request; for the plan operations (the Job and Property schemas) that is 2-5 s of CPU
// each, several times more on a busy machine, and would otherwise be charged to whichever test comes first.
import { deref, type Node, spec } from "./spec";

/** The job the plan operations are sent for: the one the spec's examples name. */
export const WARM_UP_JOB_ID: string = "us_jb_8Wd4pN6x";

/**
 * Sends GET, PUT and PATCH `/jobs/{WARM_UP_JOB_ID}/plan` (bodies: the spec's first request example) to the API at
 * `baseUrl` and waits for the answers, which must be 2xx. A Prism mock answers for any job; a Prism proxy needs
 * the job upstream. `baseUrl` is e.g. `http://127.0.0.1:4010/v1`.
 */
export async function warmUpPlanOperations(baseUrl: string): Promise<void> {
  for (const [path, item] of Object.entries<Node>(spec.paths)) {
    if (!path.endsWith("/plan")) continue;
    for (const method of ["get", "put", "patch"]) {
      const operation = item[method];
      if (!operation) continue;
      const examples = deref(operation.requestBody)?.content?.["application/json"]?.examples ?? {};
      const body = deref(Object.values(examples)[0])?.value;
      const response = await fetch(baseUrl + path.replace("{jobId}", WARM_UP_JOB_ID), {
        method: method.toUpperCase(),
        headers: { Authorization: "Bearer sk_warm_up", "X-Disable-Hooks": "true", "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      await response.arrayBuffer();
      // Only a request Prism accepts goes through the response side, where most of the cost is.
      if (!response.ok)
        throw new Error(`warming up Prism: ${method.toUpperCase()} ${path} answered ${response.status}`);
    }
  }
}
