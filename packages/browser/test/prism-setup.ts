import { type HoldServer, startHoldServer } from "@flatfile-jobs/tools/hold-server";
import { type PrismServer, startPrism } from "@flatfile-jobs/tools/prism";
import { firstExample, operationIds } from "@flatfile-jobs/tools/spec";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL (ending in /v1) of Prism serving the spec's examples. */
    prismUrl: string;
    /** The 200 body Prism serves for each operation, read from the spec on the Node side. */
    examples: Record<string, unknown>;
    /** Base URL of a server that lets any origin in (CORS) and then never answers: timeouts. */
    stallUrl: string;
  }
}

// Vitest calls this once for the root project and once for the Chromium instance: both share one server,
// and the last teardown stops it.
let shared: Promise<[PrismServer, HoldServer]> | undefined;
let users = 0;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  users += 1;
  shared ??= Promise.all([startPrism({ warmUp: true }), startHoldServer()]);
  const [server, stall] = await shared;
  project.provide("prismUrl", server.url);
  project.provide("examples", Object.fromEntries(operationIds.map((id) => [id, firstExample(id)])));
  project.provide("stallUrl", stall.url);
  return async () => {
    users -= 1;
    if (users === 0) {
      await Promise.all([server.stop(), stall.close()]);
    }
  };
}
