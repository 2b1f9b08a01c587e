import type { TestProject } from "vitest/node";
import { type PrismServer, startPrism } from "../../../scripts/lib/prism.mjs";
import { firstExample, operationIds } from "../../../scripts/lib/spec.mjs";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL (ending in /v1) of Prism serving the spec's examples. */
    prismUrl: string;
    /** The 200 body Prism serves for each operation, read from the spec on the Node side. */
    examples: Record<string, unknown>;
  }
}

// Vitest calls this once for the root project and once for the Chromium instance: both share one server,
// and the last teardown stops it.
let shared: Promise<PrismServer> | undefined;
let users = 0;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  users += 1;
  shared ??= startPrism({ warmUp: true });
  const server = await shared;
  project.provide("prismUrl", server.url);
  project.provide("examples", Object.fromEntries(operationIds.map((id) => [id, firstExample(id)])));
  return async () => {
    users -= 1;
    if (users === 0) await server.stop();
  };
}
