import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Job, JobConfig, ListJobsQuery } from "@flatfile-jobs/core";
import { JobStore, SimulatorError } from "./store.js";

export interface SimulatorOptions {
  /** Port on 127.0.0.1. @default a free port */
  port?: number;
  /** Delay before every answer, in milliseconds (to make timing visible, e.g. prefetch). @default 0 */
  latencyMs?: number;
}

/** One request as the simulator saw it. */
export interface SimulatedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** `Date.now()` when it arrived and when it was answered. */
  receivedAt: number;
  answeredAt: number;
  status: number;
}

/** A step of a scripted job: the fields it sets. */
export type JobStep = Partial<Pick<Job, "status" | "progress" | "info" | "outcome">>;

export interface JobsSimulator {
  /** Base URL of the simulated API, ending in `/v1`. */
  url: string;
  port: number;
  /** Adds jobs directly, as if created earlier; returns them. */
  seed(jobs: Array<Partial<Job> & Partial<JobConfig>> | number): Job[];
  /** Every job, in creation order. */
  jobs(): Job[];
  /** One job as it is now. */
  job(jobId: string): Job | undefined;
  /** Changes a job behind the client's back (e.g. cancels it from "another user"). */
  update(jobId: string, change: Partial<Job>): Job;
  /** Applies `steps` to a job one after another, every `intervalMs`, as a worker would. */
  script(jobId: string, steps: JobStep[], intervalMs: number): Promise<void>;
  /** Every request so far, in arrival order. */
  requests(): SimulatedRequest[];
  /** Stops the server, its scripts and its connections. */
  close(): Promise<void>;
}

const BASE = "/v1/jobs";
const INTEGER_PARAMS = new Set(["pageSize", "pageNumber"]);

/**
 * Starts a stateful simulator of the Jobs API on 127.0.0.1: all 17 operations, jobs kept in memory with their
 * lifecycle, real pagination, split into part jobs, and scriptable progress. Errors use the API's `Errors` body.
 */
export async function startJobsSimulator(options: SimulatorOptions = {}): Promise<JobsSimulator> {
  const store = new JobStore();
  const log: SimulatedRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sockets = new Set<Socket>();
  const latency = options.latencyMs ?? 0;

  const server = createServer((req, res) => {
    const receivedAt = Date.now();
    void handle(store, req, latency).then(({ status, body }) => {
      const url = new URL(req.url ?? "/", "http://simulator");
      log.push({
        method: req.method ?? "GET",
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        receivedAt,
        answeredAt: Date.now(),
        status,
      });
      send(res, status, body);
    });
  });
  // Node's own HTTP agent (Prism's proxy uses it) keeps idle sockets 5 s, exactly Node's default server
  // keep-alive: a request sent on a socket the server is closing at that moment fails with "socket hang up".
  // Keeping idle connections a minute longer than any such client removes the race.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    seed: (jobs) => {
      const list = typeof jobs === "number" ? Array.from({ length: jobs }, () => ({})) : jobs;
      return list.map((job) =>
        store.create({ type: "file", operation: "extract", source: "us_fl_seed", ...job } as JobConfig),
      );
    },
    jobs: () => store.all().map((job) => structuredClone(job)),
    job: (jobId) => {
      const job = store.all().find((j) => j.id === jobId);
      return job && structuredClone(job);
    },
    update: (jobId, change) => structuredClone(store.patch(jobId, change)),
    script: (jobId, steps, intervalMs) =>
      new Promise((resolve) => {
        let next = 0;
        const tick = () => {
          const step = steps[next];
          if (!step || !store.all().some((j) => j.id === jobId)) return resolve();
          store.patch(jobId, step);
          next += 1;
          const timer = setTimeout(() => {
            timers.delete(timer);
            tick();
          }, intervalMs);
          timers.add(timer);
        };
        tick();
      }),
    requests: () => [...log],
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of sockets) socket.destroy();
      await closed;
    },
  };
}

async function handle(
  store: JobStore,
  req: IncomingMessage,
  latency: number,
): Promise<{ status: number; body: unknown }> {
  try {
    const body = await readJson(req);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? "")) throw new SimulatorError401();
    if (req.headers["x-disable-hooks"] !== "true") {
      throw new SimulatorError(400, "X-Disable-Hooks: true is required", "X-Disable-Hooks");
    }
    return { status: 200, body: route(store, req.method ?? "GET", new URL(req.url ?? "/", "http://simulator"), body) };
  } catch (error) {
    if (error instanceof SimulatorError401)
      return { status: 401, body: errors("Unauthorized: a bearer token is required") };
    if (error instanceof SimulatorError) return { status: error.status, body: errors(error.message, error.key) };
    return { status: 500, body: errors(error instanceof Error ? error.message : "Internal error") };
  }
}

class SimulatorError401 extends Error {}

// biome-ignore lint/suspicious/noExplicitAny: request bodies arrive as parsed JSON
function route(store: JobStore, method: string, url: URL, body: any): unknown {
  const path = url.pathname;
  if (path === BASE && method === "GET") return store.list(queryOf(url));
  if (path === BASE && method === "POST") return { data: store.create(body) };
  if (path === `${BASE}/preview-mutation` && method === "POST") return { data: [] };
  if (!path.startsWith(`${BASE}/`)) throw new SimulatorError(404, `No route for ${method} ${path}`);

  const [rawId = "", ...rest] = path.slice(BASE.length + 1).split("/");
  const jobId = decodeURIComponent(rawId);
  const action = `${method} /${rest.join("/")}`;
  switch (action) {
    case "GET /":
      return { data: store.get(jobId) };
    case "PATCH /":
      return { data: store.patch(jobId, body ?? {}) };
    case "DELETE /":
      store.delete(jobId);
      return { data: { success: true } };
    case "POST /execute":
      store.execute(jobId);
      return { data: { success: true } };
    case "GET /plan":
      return { data: { job: store.get(jobId), plan: store.plan(jobId) } };
    case "PUT /plan":
    case "PATCH /plan": {
      const { jobId: _j, fileId: _f, ...plan } = body ?? {};
      return { data: { job: store.get(jobId), plan: store.setPlan(jobId, plan, method === "PUT") } };
    }
    case "POST /ack":
      return { data: store.ack(jobId, body ?? {}) };
    case "POST /outcome/ack":
      return { data: store.ackOutcome(jobId) };
    case "POST /complete":
      return { data: store.finish(jobId, "complete", body ?? {}) };
    case "POST /fail":
      return { data: store.finish(jobId, "failed", body ?? {}) };
    case "POST /cancel":
      return { data: store.cancel(jobId, body ?? {}) };
    case "POST /retry":
      return { data: store.retry(jobId) };
    case "POST /split":
      return { data: store.split(jobId, body) };
    default:
      throw new SimulatorError(404, `No route for ${method} ${path}`);
  }
}

function queryOf(url: URL): ListJobsQuery {
  const query: Record<string, string | number | boolean> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = INTEGER_PARAMS.has(name) ? Number(value) : name === "excludeChildJobs" ? value === "true" : value;
  }
  return query as ListJobsQuery;
}

function readJson(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("error", reject);
    req.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      if (text === "") return resolve(undefined);
      try {
        resolve(JSON.parse(text));
      } catch {
        reject(new SimulatorError(400, "The request body is not valid JSON"));
      }
    });
  });
}

function errors(message: string, key?: string) {
  return { errors: [key ? { key, message } : { message }] };
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { "Content-Type": "application/json", "Content-Length": Buffer.byteLength(text) });
  res.end(text);
}
