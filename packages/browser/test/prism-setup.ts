import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
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
let shared: Promise<[PrismServer, Server]> | undefined;
let users = 0;

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  users += 1;
  shared ??= Promise.all([startPrism({ warmUp: true }), startStallServer()]);
  const [server, stall] = await shared;
  project.provide("prismUrl", server.url);
  project.provide("examples", Object.fromEntries(operationIds.map((id) => [id, firstExample(id)])));
  project.provide("stallUrl", `http://127.0.0.1:${(stall.address() as AddressInfo).port}/v1`);
  return async () => {
    users -= 1;
    if (users === 0) {
      stall.closeAllConnections();
      await Promise.all([server.stop(), new Promise((resolve) => stall.close(resolve))]);
    }
  };
}

/** Answers CORS preflights, so the browser sends the request, and then holds every request without answering. */
async function startStallServer(): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method !== "OPTIONS") return; // held until the client gives up or the server closes
    res.writeHead(204, {
      "Access-Control-Allow-Origin": req.headers.origin ?? "*",
      "Access-Control-Allow-Methods": req.headers["access-control-request-method"] ?? "GET",
      "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "*",
    });
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
