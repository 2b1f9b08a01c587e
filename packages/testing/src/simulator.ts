import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import type { Job, JobConfig } from "@flatfile-jobs/core";
import * as check from "./check.js";
import { respond } from "./handlers.js";
import { hasEnded, JobStore, SimulatorError } from "./store.js";
import { bodyFields, checkRequest, matchRoute, type Operation } from "./validation.js";

export interface SimulatorOptions {
  /** Port on 127.0.0.1, a whole number from 0 to 65535; 0 picks a free one. @default 0 */
  port?: number;
  /**
   * Delay before every answer, in milliseconds from 0 to 2147483647 (to make timing visible, e.g. prefetch).
   * @default 0
   */
  latency?: number;
  /**
   * How many requests `requests()` keeps, the latest, a whole number from 0 up: a simulator left running (under
   * `vite dev`, say) holds no more than this many. @default 1000
   */
  requestLogSize?: number;
}

const SIMULATOR_OPTIONS = ["port", "latency", "requestLogSize"] as const;

/** The largest request body the simulator reads: a longer one is answered 413 and never held in memory. */
export const MAX_REQUEST_BODY_BYTES = 10 * 1024 * 1024;

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
  /** The port the server listens on (the free one picked when `port` was 0 or not given). */
  port: number;
  /**
   * Adds jobs directly, as if created earlier, and returns them: `seed(n)` adds `n` jobs of type `file`, operation
   * `extract`, source `us_fl_seed`; `seed([...])` adds one job per entry, with those defaults for what it leaves
   * out. Each job gets an id (`us_jb_…`), `createdBy`, timestamps, status `created` and progress 0 unless given.
   * Not validated against the spec.
   */
  seed(jobs: Array<Partial<Job> & Partial<JobConfig>> | number): Job[];
  /** Every job, in creation order. */
  jobs(): Job[];
  /** One job as it is now, or `undefined` if there is none. */
  job(jobId: string): Job | undefined;
  /** Changes a job behind the client's back (e.g. cancels it from "another user"). */
  update(jobId: string, change: Partial<Job>): Job;
  /**
   * Applies `steps` to a job one after another, the first at once, then one every `interval` milliseconds, as a
   * worker would; resolves `interval` after the last one, or, applying no more steps, when the job is deleted,
   * something else (a client, `update`) has ended it (completed, failed or canceled it), or the simulator closes.
   * Not validated against the spec. A bad `interval` throws `InvalidArgumentError` at the call.
   */
  script(jobId: string, steps: JobStep[], interval: number): Promise<void>;
  /** The requests so far, in arrival order: the latest `requestLogSize` (1000 unless set). */
  requests(): SimulatedRequest[];
  /** Stops the server, its scripts (their promises resolve) and its connections. */
  close(): Promise<void>;
}

/**
 * Starts a stateful simulator of the Jobs API on 127.0.0.1: every operation of the spec, jobs kept in memory with their
 * lifecycle, real pagination, split into part jobs, and scriptable progress. Every request is checked against
 * the API's OpenAPI description (parameters, headers and body) and refused as the API would, with a 400 and the
 * API's `Errors` body. A bad option rejects with `InvalidArgumentError`.
 */
export async function startJobsSimulator(options?: SimulatorOptions): Promise<JobsSimulator> {
  const o =
    check.options("SimulatorOptions", options, SIMULATOR_OPTIONS, { latencyMs: "use latency (in milliseconds)" }) ?? {};
  const latency = check.duration("latency", o.latency ?? 0);
  const listenPort = check.port("port", o.port ?? 0);
  const requestLogSize = check.count("requestLogSize", o.requestLogSize ?? 1_000);
  const store = new JobStore();
  const log: SimulatedRequest[] = [];
  const timers = new Set<ReturnType<typeof setTimeout>>();
  /** How to end each script still running: close() settles them. */
  const scripts = new Set<() => void>();
  const sockets = new Set<Socket>();

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
      if (log.length > requestLogSize) log.shift();
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
    server.listen(listenPort, "127.0.0.1", resolve);
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
    script: (jobId, steps, interval) => {
      check.duration("interval", interval);
      if (!Array.isArray(steps)) throw check.invalid("steps", "an array of changes to apply", steps);
      return new Promise((settle) => {
        const resolve = () => {
          scripts.delete(resolve);
          settle();
        };
        scripts.add(resolve);
        let next = 0;
        let left: Job["status"]; // the status the last step left the job in
        const tick = () => {
          const step = steps[next];
          const job = store.all().find((j) => j.id === jobId);
          if (!step || !job) return resolve();
          if (next > 0 && job.status !== left && hasEnded(job)) return resolve();
          left = store.patch(jobId, step).status;
          next += 1;
          const timer = setTimeout(() => {
            timers.delete(timer);
            tick();
          }, interval);
          timers.add(timer);
        };
        tick();
      });
    },
    requests: () => [...log],
    close: async () => {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const end of scripts) end();
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
    const text = await readBody(req);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (!/^Bearer \S+$/.test(req.headers.authorization ?? "")) {
      return { status: 401, body: errors("Unauthorized: a bearer token is required") };
    }
    const method = req.method ?? "GET";
    const url = new URL(req.url ?? "/", "http://simulator");
    const route = matchRoute(method, url.pathname);
    if (!route) throw new SimulatorError(404, `No route for ${method} ${url.pathname}`);
    const { operation } = route;
    const request = checkRequest(operation, {
      params: route.params,
      query: url.searchParams,
      headers: req.headers,
      body: text,
    });
    if (request.refusals.length > 0) return { status: 400, body: { errors: request.refusals } };
    const body = fieldsOf(operation, request.body);
    return respond(operation, store, { jobId: request.params.jobId ?? "", query: request.query, body });
  } catch (error) {
    if (error instanceof SimulatorError) return { status: error.status, body: errors(error.message, error.key) };
    return { status: 500, body: errors(error instanceof Error ? error.message : "Internal error") };
  }
}

const fields = new Map<Operation, Set<string>>();

/**
 * The body's fields that the operation's schema declares; others (which the schema allows, as the API ignores
 * them) never reach the store, so a request cannot set what the API sets itself, such as `id` or `createdAt`.
 */
// biome-ignore lint/suspicious/noExplicitAny: the body has been validated against the operation's schema
function fieldsOf(operation: Operation, body: unknown): any {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return body;
  let known = fields.get(operation);
  if (!known) {
    known = bodyFields(operation);
    fields.set(operation, known);
  }
  return Object.fromEntries(Object.entries(body).filter(([name]) => known.has(name)));
}

/** The body as text; past MAX_REQUEST_BODY_BYTES the rest is read and dropped, and the request refused (413). */
function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BODY_BYTES) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on("error", reject);
    req.on("end", () => {
      if (size > MAX_REQUEST_BODY_BYTES) {
        reject(
          new SimulatorError(
            413,
            `The request body is ${size} bytes; the simulator reads at most ${MAX_REQUEST_BODY_BYTES}`,
          ),
        );
      } else resolve(Buffer.concat(chunks).toString("utf8"));
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
