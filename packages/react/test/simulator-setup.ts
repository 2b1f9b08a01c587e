import { type JobsSimulator, startJobsSimulator } from "@flatfile-jobs/testing";
import { type HoldServer, startHoldServer } from "@flatfile-jobs/tools/hold-server";
import { type PrismServer, startValidatingProxy } from "@flatfile-jobs/tools/prism";
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

/** The servers the tests use; the browser commands (vitest.config.mts) reach them here, in this Node process. */
export interface TestServers {
  simulator: JobsSimulator;
  prisms: PrismServer[];
  hold: HoldServer;
}

// Vitest runs the global setup once per project that lists it, each time as a new module: the servers are started
// once and shared, with the count of their users, on globalThis (under the key vitest.config.mts reads).
const KEY = Symbol.for("@flatfile-jobs/react/test-servers");
type State = { users: number; started?: Promise<TestServers>; servers?: TestServers };
const holder = globalThis as Record<symbol, State | undefined>;
holder[KEY] ??= { users: 0 };
const state = holder[KEY];

async function start(): Promise<TestServers> {
  const simulator = await startJobsSimulator();
  const open: Node = structuredClone(spec);
  delete open.components.schemas.JobStatus.enum;
  try {
    const [prisms, hold] = await Promise.all([
      Promise.all([startValidatingProxy(simulator), startValidatingProxy(simulator, { spec: open, warmUp: false })]),
      startHoldServer(),
    ]);
    state.servers = { simulator, prisms, hold };
    return state.servers;
  } catch (error) {
    await simulator.close();
    throw error;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  state.users += 1;
  state.started ??= start();
  const { simulator, prisms, hold } = await state.started;
  project.provide("apiUrl", prisms[0]?.url ?? "");
  project.provide("openStatusApiUrl", prisms[1]?.url ?? "");
  project.provide("holdUrl", hold.url);
  return async () => {
    state.users -= 1;
    if (state.users > 0) return;
    state.started = undefined;
    state.servers = undefined;
    await Promise.all([...prisms.map((prism) => prism.stop()), simulator.close(), hold.close()]);
  };
}
