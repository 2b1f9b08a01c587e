import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type JobsSimulator, startJobsSimulator } from "@flatfile-jobs/testing";
import { type PrismServer, startPrism } from "@flatfile-jobs/tools/prism";
import { WARM_UP_JOB_ID } from "@flatfile-jobs/tools/prism-warm-up";
import { type Node, spec } from "@flatfile-jobs/tools/spec";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** Base URL (ending in /v1) of Prism's validating proxy in front of the Jobs simulator. */
    apiUrl: string;
    /**
     * The same simulator behind a second Prism whose description leaves `JobStatus` open (no `enum`), as an API
     * that has added a status would answer: everything else is validated as on `apiUrl`.
     */
    openStatusApiUrl: string;
    /** Base URL of a server that lets any origin in (CORS) and then holds every request without answering. */
    holdUrl: string;
  }
}

/** Where the browser commands (vitest.config.mts) find the servers: the same Node process runs both. */
export const SIMULATOR = Symbol.for("@flatfile-jobs/react/test-simulator");
export const HELD = Symbol.for("@flatfile-jobs/react/test-held");
/** A request the hold server got, and whether the client has closed it since (it is never answered). */
export interface HeldRequest {
  path: string;
  closedByClient: boolean;
}
type Holder = { [SIMULATOR]?: JobsSimulator; [HELD]?: HeldRequest[] };

// Vitest runs the global setup once per project that lists it, each time as a new module: the servers are
// started once, and the count of users kept, on globalThis.
const STATE = Symbol.for("@flatfile-jobs/react/test-servers");
type Servers = { simulator: JobsSimulator; prisms: PrismServer[]; hold: Server };
type State = { users: number; shared?: Promise<Servers> };
const holder = globalThis as Record<symbol, State | undefined>;
holder[STATE] ??= { users: 0 };
const state = holder[STATE];

async function start() {
  const simulator = await startJobsSimulator();
  // Prism's warm-up sends the plan operations for this job; in proxy mode it must exist upstream.
  simulator.seed([{ id: WARM_UP_JOB_ID }]);
  const upstream = new URL(simulator.url).origin;
  const open: Node = structuredClone(spec);
  delete open.components.schemas.JobStatus.enum;
  try {
    const prisms = await Promise.all([
      startPrism({ proxy: upstream, errors: true, warmUp: true }),
      startPrism({ proxy: upstream, errors: true, spec: open }),
    ]);
    const held: HeldRequest[] = [];
    const hold = await startHoldServer(held);
    (globalThis as Holder)[SIMULATOR] = simulator;
    (globalThis as Holder)[HELD] = held;
    return { simulator, prisms, hold };
  } catch (error) {
    await simulator.close();
    throw error;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  state.users += 1;
  state.shared ??= start();
  const { simulator, prisms, hold } = await state.shared;
  project.provide("apiUrl", prisms[0]?.url ?? "");
  project.provide("openStatusApiUrl", prisms[1]?.url ?? "");
  project.provide("holdUrl", `http://127.0.0.1:${(hold.address() as AddressInfo).port}/v1`);
  return async () => {
    state.users -= 1;
    if (state.users === 0) {
      state.shared = undefined;
      delete (globalThis as Holder)[SIMULATOR];
      delete (globalThis as Holder)[HELD];
      hold.closeAllConnections();
      await Promise.all([
        ...prisms.map((prism) => prism.stop()),
        simulator.close(),
        new Promise((resolve) => hold.close(resolve)),
      ]);
    }
  };
}

/** Answers CORS preflights, so that the browser sends the request, then holds it, noting when the client closes it. */
async function startHoldServer(held: HeldRequest[]): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        "Access-Control-Allow-Origin": req.headers.origin ?? "*",
        "Access-Control-Allow-Methods": req.headers["access-control-request-method"] ?? "GET",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "*",
      });
      res.end();
      return;
    }
    const record: HeldRequest = { path: req.url ?? "", closedByClient: false };
    held.push(record);
    res.once("close", () => {
      record.closedByClient = true;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}
