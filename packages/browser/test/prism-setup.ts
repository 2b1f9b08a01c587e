import { type HoldServer, startHoldServer } from "@flatfile-jobs/tools/hold-server";
import { exampleArguments } from "@flatfile-jobs/tools/operation-examples";
import { operationTable } from "@flatfile-jobs/tools/operations-table";
import { type PrismServer, startPrism } from "@flatfile-jobs/tools/prism";
import { firstExample, spec } from "@flatfile-jobs/tools/spec";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL (ending in /v1) of Prism serving the spec's examples. */
    prismUrl: string;
    /**
     * Every operation of the spec, read on the Node side: its `client.jobs` method, the arguments to call it with
     * (the spec's examples) and the 200 body Prism serves for it (none when the spec has no 200 example: Prism then
     * makes one from the schema).
     */
    operations: { operationId: string; args: unknown[]; example?: unknown }[];
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
  project.provide(
    "operations",
    operationTable(spec).map((row) => ({
      operationId: row.operationId,
      args: exampleArguments(spec, row),
      example: exampleOf(row.operationId),
    })),
  );
  project.provide("stallUrl", stall.url);
  return async () => {
    users -= 1;
    if (users === 0) {
      await Promise.all([server.stop(), stall.close()]);
    }
  };
}

/** The 200 example Prism serves for an operation, or undefined when the spec gives none. */
function exampleOf(operationId: string): unknown {
  try {
    return firstExample(operationId);
  } catch {
    return undefined;
  }
}
