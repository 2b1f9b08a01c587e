// The clients compared, each set up to do `GET /jobs/{jobId}` and resolve to the id of the job it got, given a
// base URL and (for the stubbed suite) a fetch. The stubbed and loopback suites share them, so both measure the
// same calls.
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { FlatfileClient } from "@flatfile/api";
import type { JobsApiPaths } from "@flatfile-jobs/core";
import createClient from "openapi-fetch";
import { Agent, fetch as undiciFetch } from "undici";
import type { Baseline } from "./baseline.js";
import { JOB_ID, TOKEN } from "./job-fixture.js";
import type { BarKind } from "./report.js";

/** One contender: a name and a call that resolves to the job's id (checked once before measuring). */
export interface Contender {
  name: string;
  /** Which bar it draws: this client as built now (`ours`), as built at `--baseline` (`earlier`), or another. */
  kind: Exclude<BarKind, "baseline">;
  /** `GET /jobs/{JOB_ID}`, resolving to the id of the job in the response. */
  call(): Promise<string>;
  close?(): Promise<void>;
}

type Fetch = typeof globalThis.fetch;

/** The headers every contender sends (the SDKs add theirs on top). */
const HEADERS = { Authorization: `Bearer ${TOKEN}`, "X-Disable-Hooks": "true" };

interface JobBody {
  data: { id: string };
}

/** Plain `fetch` and `res.json()`: what any client must at least do. */
export function rawFetch(name: string, baseUrl: string, fetch: Fetch): Contender {
  const url = `${baseUrl}/jobs/${JOB_ID}`;
  return {
    name,
    kind: "other",
    async call() {
      const res = await fetch(url, { headers: HEADERS });
      if (!res.ok) throw new Error(`status ${res.status}`);
      return ((await res.json()) as JobBody).data.id;
    },
  };
}

/** undici's `fetch` (the package, v7) over its own keep-alive `Agent`, as @flatfile-jobs/node sends requests. */
export function undiciWithAgent(baseUrl: string): Contender {
  const dispatcher = new Agent({ keepAliveTimeout: 10_000 });
  const url = `${baseUrl}/jobs/${JOB_ID}`;
  return {
    name: "undici.fetch + Agent",
    kind: "other",
    async call() {
      const res = await undiciFetch(url, { headers: HEADERS, dispatcher });
      if (!res.ok) throw new Error(`status ${res.status}`);
      return ((await res.json()) as JobBody).data.id;
    },
    close: () => dispatcher.close(),
  };
}

/** openapi-fetch's own client over this project's generated types, with nothing added. */
export function bareOpenapiFetch(baseUrl: string, fetch: Fetch): Contender {
  const client = createClient<JobsApiPaths>({ baseUrl, headers: { Authorization: HEADERS.Authorization }, fetch });
  return {
    name: "openapi-fetch (bare)",
    kind: "other",
    async call() {
      // The spec declares X-Disable-Hooks as a required header parameter of every operation.
      const { data, error } = await client.GET("/jobs/{jobId}", {
        params: { path: { jobId: JOB_ID }, header: { "X-Disable-Hooks": "true" } },
      });
      if (!data) throw new Error(`error ${JSON.stringify(error)}`);
      return data.data.id;
    },
  };
}

/**
 * Makes `fetch` the global fetch that @flatfile/api uses, less the header that stops it working on Node.
 *
 * @flatfile/api has no fetch option: its request layer calls the global `fetch` (on Node ≥ 18), looked up on every
 * call. Its base client's `fetcher` option would replace that whole layer (URL, headers, retries, body parsing),
 * but the `FlatfileClient` the package exports passes only `environment` and `token` on to it, so `fetcher` (like
 * `baseUrl` and `keepAlive`) is ignored. And on every call it sends `Keep-Alive: timeout=200`, a header that undici,
 * hence Node's global fetch, refuses ("invalid keep-alive header"): none of its calls succeeds on Node as it ships.
 * The wrapper deletes that header from each call's (freshly built) headers object and calls `fetch`.
 */
export function setFlatfileApiFetch(fetch: Fetch): void {
  globalThis.fetch = (input, init) => {
    if (init?.headers) delete (init.headers as Record<string, string>)["Keep-Alive"];
    return fetch(input, init);
  };
}

/** @flatfile/api's `client.jobs.get`, over the global fetch (see `setFlatfileApiFetch`). */
export function flatfileApi(baseUrl: string): Contender {
  const client = new FlatfileClient({ token: TOKEN, environment: baseUrl });
  return {
    name: "@flatfile/api 1.23.1",
    kind: "other",
    async call() {
      return (await client.jobs.get(JOB_ID)).data.id;
    },
  };
}

type CoreModule = typeof import("@flatfile-jobs/core");
type NodeModule = typeof import("@flatfile-jobs/node");

/** How a form of this client is named: as now, or as built at the `--baseline` commit. */
function ours(pkg: "core" | "node", form: string, earlier: Baseline | undefined) {
  return earlier
    ? { name: `${pkg} ${form} at ${earlier.label}`, kind: "earlier" as const }
    : { name: `@flatfile-jobs/${pkg} ${form}`, kind: "ours" as const };
}

/** A package as built at `earlier` (see baseline.ts), or as built now. */
export async function built<M>(now: M, pkg: "core" | "node", earlier: Baseline | undefined): Promise<M> {
  if (!earlier) return now;
  return (await import(pathToFileURL(join(earlier.dir, `packages/${pkg}/dist/index.mjs`)).href)) as M;
}

/** Core's resource form (`createJobsClient(…).jobs.get`) and function form (`getJob(createJobsCore(…), id)`). */
export function coreForms(core: CoreModule, baseUrl: string, fetch: Fetch, earlier?: Baseline): Contender[] {
  const client = core.createJobsClient({ token: TOKEN, baseUrl, fetch });
  const functions = core.createJobsCore({ token: TOKEN, baseUrl, fetch });
  return [
    { ...ours("core", "jobs.get", earlier), call: async () => (await client.jobs.get(JOB_ID)).data.id },
    { ...ours("core", "getJob()", earlier), call: async () => (await core.getJob(functions, JOB_ID)).data.id },
  ];
}

/** The Node client's two forms, over their default undici keep-alive Agent. */
export function nodeForms(node: NodeModule, baseUrl: string, earlier?: Baseline): Contender[] {
  const client = node.createJobsClient({ token: TOKEN, baseUrl, proxy: false });
  const functions = node.createJobsCore({ token: TOKEN, baseUrl, proxy: false });
  return [
    {
      ...ours("node", "jobs.get", earlier),
      call: async () => (await client.jobs.get(JOB_ID)).data.id,
      close: () => client.close(),
    },
    {
      ...ours("node", "getJob()", earlier),
      call: async () => (await node.getJob(functions, JOB_ID)).data.id,
      close: () => functions.close(),
    },
  ];
}

/** Calls each contender once and checks it got the job: a contender that fails stops the suite. */
export async function checkContenders(contenders: readonly Contender[]): Promise<void> {
  for (const c of contenders) {
    const id = await c.call().catch((error: unknown) => {
      throw new Error(`${c.name} failed: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    });
    if (id !== JOB_ID) throw new Error(`${c.name} returned job ${id}, not ${JOB_ID}`);
  }
}
