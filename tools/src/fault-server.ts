// A scriptable fake of the Jobs API for robustness tests and `pnpm soak`: a real node:http server on 127.0.0.1
// that serves every operation of openapi/openapi.yaml under /v1 (its table, tools/src/operations-table.ts) and
// answers each request with a scripted fault (error statuses, resets, stalls, broken bodies) or a plausible JSON body, while counting what it received and executed.
//
// "Executed" (an effect) means the server got as far as applying the operation: it read the whole request
// body and then did not reject it up front. Concretely an effect is counted, once per request, when the
// server
//   - answers 2xx, whatever the body looks like (ok, echo, huge, empty, truncated JSON, an HTML 200);
//   - answers 500, 502, 504, or 503 without Retry-After / retry-after-ms, or a proxy's HTML 5xx page: the
//     server failed somewhere while handling the request, so it is counted as executed, the pessimistic
//     reading a client must assume;
//   - resets the connection or stalls (slow headers, slow body, reset mid-body, reset before headers) after
//     having read the body: the work was done and only the answer was lost or late.
// No effect is counted for a 4xx (429 included: the request is refused before anything runs), for a 503 that
// carries Retry-After or retry-after-ms (load shed before the request is handled), or for a reset before the
// body was read (`reset-before-headers` with `beforeBody: true`). A fault's `effect` field overrides this.
// A client that never makes the server execute a non-idempotent call twice keeps every count at most 1.
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
  STATUS_CODES,
} from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { minimalValue } from "./operation-examples";
import { type OperationRow, operationTable } from "./operations-table";
import { deref, spec } from "./spec";

const HOST = "127.0.0.1";
const BASE_PATH = "/v1";
/**
 * The header that groups requests into calls in `counts().byCall` (else they are grouped by method + path):
 * requests carrying it are counted per call, so concurrent calls to one route stay apart.
 */
export const CALL_ID_HEADER = "x-call-id";
/** Longest request body the server reads; anything longer is answered 413. */
const MAX_REQUEST_BODY = 1024 * 1024;
/** Longest request body kept in `requests()`. */
const RECORDED_BODY = 4096;

/** An operation's id in the spec (`get`, `ack`, …). */
export type OperationName = string;

export interface OperationInfo {
  operation: OperationName;
  method: OperationRow["method"];
  /** The spec's path (`/jobs/{jobId}/ack`). */
  path: string;
  /** Whether sending it twice is harmless. */
  idempotent: boolean;
  /** The component schema of its 200 body (`JobResponse`), which the plausible answers are shaped after. */
  response: string | undefined;
}

/** Overrides whether the answer counts as having executed the request (see the module's header comment). */
interface EffectOverride {
  effect?: boolean;
}

/** How the server answers one request. */
export type Fault = EffectOverride &
  (
    | { kind: "ok" }
    /** Any status; `body` defaults to an `Errors` body for 4xx/5xx and the operation's body otherwise. */
    | { kind: "status"; status: number; headers?: Record<string, string>; body?: string | object }
    /** Destroys the socket without answering: after reading the body, or at once with `beforeBody`. */
    | { kind: "reset-before-headers"; beforeBody?: boolean }
    /** Sends the headers and half of the body, then destroys the socket. */
    | { kind: "reset-mid-body" }
    /** Answers normally after `ms`. */
    | { kind: "slow-headers"; ms: number }
    /** Sends the headers and 16 bytes at once, the rest of the body after `ms`. */
    | { kind: "slow-body"; ms: number }
    /** 200 with a JSON body cut at 60% (correctly framed). */
    | { kind: "truncated-json" }
    /** An nginx-style HTML page, 502 by default. */
    | { kind: "html"; status?: 200 | 502 | number }
    /** 200 with an empty body. */
    | { kind: "empty-200" }
    /** A valid body of at least `mb` MiB (default 4): a long list for `list` and `previewMutation`. */
    | { kind: "huge-body"; mb?: number }
    /** 200 with a JobResponse whose `data.info` is the decoded job id and `data.metadata` describes the request. */
    | { kind: "echo" }
  );

/** What a picker function is told about each request. */
export interface RequestInfo {
  seq: number;
  operation: OperationName | "unknown";
  method: string;
  /** The raw path, as received (still percent-encoded). */
  path: string;
  /** The decoded job id segment; undefined when the path has none or it does not decode. */
  jobId: string | undefined;
  callId: string | undefined;
  /** The how-manieth request of the same call (by `x-call-id`, else by method + path), from 1. */
  attempt: number;
  headers: Record<string, string | string[] | undefined>;
}

export interface RecordedRequest extends RequestInfo {
  /** `performance.now()` when the request arrived and when its answer was (last) written. */
  receivedAt: number;
  answeredAt: number | undefined;
  rawQuery: string;
  /** The query as `URLSearchParams` decodes it, in order. */
  query: [string, string][];
  /** The request body (first 4 KiB). */
  body: string;
  /** The fault's label, e.g. `status 503`, `status 429 + retry-after`, `reset-mid-body`. */
  fault: string;
  /** Whether the request counted as executed. */
  effect: boolean;
  /** `answered`, `reset` (by the server), `client-closed` (the client went away first) or `pending`. */
  outcome: "pending" | "answered" | "reset" | "client-closed";
  /** Size of the answer's body in bytes (0 when none was sent). */
  responseBytes: number;
}

export interface Count {
  requests: number;
  effects: number;
}

export interface Counts {
  total: Count;
  byOperation: Record<OperationName, Count>;
  /** Keyed by `METHOD rawPath`, e.g. `POST /v1/jobs/us_jb_1/complete`. */
  byRoute: Record<string, Count>;
  /** Keyed by `x-call-id`, else by `METHOD rawPath`. */
  byCall: Record<string, Count & { operation: OperationName | "unknown" }>;
  /** How many requests got each fault, by label (`ok`, `status 503 + retry-after`, `reset-mid-body`, …). */
  faults: Record<string, number>;
}

/** Asked for the fault of each request, in place of a script of faults. */
export type FaultPicker = (request: RequestInfo) => Fault;

export interface FaultServer {
  /** `http://127.0.0.1:<port>` */
  origin: string;
  /** The API's base URL on this server: `http://127.0.0.1:<port>/v1`. */
  url: string;
  port: number;
  /**
   * Replaces the script. Faults are used one per request in arrival order, then every request gets `ok`;
   * a single function is instead asked for each request's fault.
   */
  script(...faults: Fault[]): void;
  script(picker: FaultPicker): void;
  /** Forgets the script, the counts and the recorded requests; request numbers (and `req_<n>` ids) restart at 1. */
  reset(): void;
  counts(): Counts;
  requests(): RecordedRequest[];
  /** Sockets open now, and requests whose answer is not finished. */
  connections(): { open: number; active: number };
  /** Resolves once `n` requests have arrived (since the last `reset`). */
  waitForRequests(n: number): Promise<void>;
  /** Resolves once no request is waiting for its answer (the client closed or the server answered). */
  waitForIdle(): Promise<void>;
  /** Destroys every open socket, cancels stalled answers and stops listening. */
  close(): Promise<void>;
}

/**
 * Every operation of the spec, with its idempotence as the spec says (`x-idempotent`, as the client's generated
 * operations declare it): a literal path before one with parameters, so `/jobs/preview-mutation` is not a job id.
 */
export const OPERATIONS: readonly OperationInfo[] = operationTable(spec)
  .map((row) => ({
    operation: row.operationId,
    method: row.method,
    path: row.path,
    idempotent: row.idempotent,
    response: row.response,
  }))
  .sort((a, b) => a.path.split("{").length - b.path.split("{").length);

/**
 * Which operation a raw request path names, and the raw segment of its job id. Every parameter takes one
 * non-empty raw segment; the raw path is never normalised, so a request that escaped `/v1/jobs/` is seen as it
 * arrived.
 */
function route(
  method: string | undefined,
  rawPath: string,
): { op: OperationInfo; jobSegment: string | undefined } | undefined {
  if (!rawPath.startsWith(`${BASE_PATH}/`)) return undefined;
  const segments = rawPath.slice(BASE_PATH.length).split("/");
  for (const op of OPERATIONS) {
    if (op.method !== method) continue;
    const template = op.path.split("/");
    if (template.length !== segments.length) continue;
    const matches = template.every((part, i) =>
      /^\{[^}]+\}$/.test(part) ? (segments[i] ?? "") !== "" : part === segments[i],
    );
    if (matches) return { op, jobSegment: segments[template.indexOf("{jobId}")] };
  }
  return undefined;
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Bodies: plausible answers in the shapes of the spec's 200 responses.

const STATUS_AFTER: Record<string, string> = {
  ack: "executing",
  complete: "complete",
  fail: "failed",
  cancel: "canceled",
  retry: "ready",
};

function job(id: string, operation: OperationName | "unknown" = "get") {
  const status = STATUS_AFTER[operation] ?? "ready";
  return {
    id,
    createdBy: "us_usr_Vd4mP2aL",
    createdAt: "2026-03-09T14:21:07.412Z",
    updatedAt: "2026-03-09T14:21:19.880Z",
    environmentId: "us_env_Qm3tR8vb",
    spaceId: "us_sp_L2nW6cYe",
    type: "workbook",
    operation: "submitAction",
    source: "us_wb_Zk5rT1pH",
    config: {},
    trigger: "immediate",
    status,
    progress: status === "complete" ? 100 : 0,
    mode: "foreground",
    input: {},
    subject: { type: "resource", id: "us_wb_Zk5rT1pH" },
    managed: true,
  };
}

const PLAN = {
  fieldMapping: [
    {
      sourceField: { type: "string", key: "first_name", label: "First name" },
      destinationField: { type: "string", key: "firstName", label: "First Name" },
      preview: ["Ada", "Grace"],
    },
  ],
  unmappedSourceFields: [{ sourceField: { type: "string", key: "nickname" } }],
  unmappedDestinationFields: [{ destinationField: { type: "string", key: "email", label: "Email" } }],
};

function diffRecord(n: number) {
  return {
    id: `us_rc_${String(n).padStart(8, "0")}`,
    commitId: "us_vr_K2dF6hWs",
    valid: true,
    metadata: {},
    values: { email: { value: "ada@example.com", snapshotValue: "Ada@Example.com", valid: true, messages: [] } },
  };
}

/** The 200 body of an operation, for the job id in the path (or a made-up one), shaped by its response schema. */
function okBody(
  operation: OperationName | "unknown",
  jobId: string | undefined,
): { data: object; pagination?: object } {
  const id = jobId ?? "us_jb_7Hq2xK9d";
  const response = OPERATIONS.find((op) => op.operation === operation)?.response ?? "JobResponse";
  switch (response) {
    case "ListJobsResponse":
      return { data: [job(id), job("us_jb_3Fn8wQ2r")], pagination: { currentPage: 1, pageCount: 1, totalCount: 2 } };
    case "Success":
      return { data: { success: true } };
    case "JobPlanResponse":
      return { data: { job: job(id, operation), plan: PLAN } };
    case "DiffRecordsResponse":
      return { data: [diffRecord(1), diffRecord(2)] };
    case "JobResponse":
      return { data: job(id, operation) };
    default:
      // A schema Flatfile added: the smallest body it accepts.
      return minimalValue(spec, deref({ $ref: `#/components/schemas/${response}` })) as { data: object };
  }
}

/** A valid body of at least `mb` MiB: many jobs for a list, many diff records for a diff, else padding. */
function hugeBody(operation: OperationName | "unknown", jobId: string | undefined, mb: number): object {
  const target = mb * 1024 * 1024;
  const response = OPERATIONS.find((op) => op.operation === operation)?.response;
  if (response === "ListJobsResponse" || response === "DiffRecordsResponse") {
    const list = response === "ListJobsResponse";
    const make: (n: number) => object = list ? (n) => job(`us_jb_h${n}`) : diffRecord;
    const count = Math.ceil(target / JSON.stringify(make(0)).length);
    const data = Array.from({ length: count }, (_, n) => make(n));
    return list ? { data, pagination: { currentPage: 1, pageCount: 1, totalCount: count } } : { data };
  }
  const body = okBody(operation, jobId);
  const rows = Array.from({ length: Math.ceil(target / 64) }, (_, n) => `row ${n} ${"x".repeat(48)}`);
  return { ...body, data: { ...body.data, metadata: { rows } } };
}

const ERROR_MESSAGES: Record<number, string> = {
  400: "Bad request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Job not found",
  408: "Request timeout",
  409: "Job is not in a state that allows this",
  413: "Request body too large",
  422: "Unprocessable entity",
  429: "Too many requests",
  500: "Internal server error",
  502: "Bad gateway",
  503: "Service unavailable",
  504: "Gateway timeout",
};

function errorsBody(status: number) {
  return { errors: [{ message: ERROR_MESSAGES[status] ?? `Error ${status}` }] };
}

function htmlPage(status: number): string {
  const title = status === 200 ? "Sign in" : `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

function hasRetryAfter(headers: Record<string, string> = {}): boolean {
  return Object.keys(headers).some((name) => /^retry-after(-ms)?$/i.test(name));
}

/** Whether answering with `fault` counts as having executed the request (see the header comment). */
function hasEffect(fault: Fault): boolean {
  if (fault.effect !== undefined) return fault.effect;
  switch (fault.kind) {
    case "status":
      if (fault.status >= 200 && fault.status < 300) return true;
      if (fault.status >= 500) return !(fault.status === 503 && hasRetryAfter(fault.headers));
      return false;
    case "reset-before-headers":
      return !fault.beforeBody;
    default:
      return true;
  }
}

/** A short name for a fault, used in `counts().faults`: `status 503`, `status 429 + retry-after`, `html 502`. */
export function faultLabel(fault: Fault): string {
  if (fault.kind === "status") return `status ${fault.status}${hasRetryAfter(fault.headers) ? " + retry-after" : ""}`;
  if (fault.kind === "html") return `html ${fault.status ?? 502}`;
  if (fault.kind === "reset-before-headers" && fault.beforeBody) return "reset-before-body";
  return fault.kind;
}

// ---------------------------------------------------------------------------------------------------------

/** Starts a fault server on a free 127.0.0.1 port, picked as it binds (or on `options.port`). */
export async function startFaultServer(options: { port?: number } = {}): Promise<FaultServer> {
  const sockets = new Set<Socket>();
  /** Requests whose answer is not finished yet: their sockets are what `connections().active` counts. */
  const inFlight = new Set<ServerResponse>();
  /** Timers of stalled answers, cleared when the client goes away or the server closes. */
  const timers = new Set<NodeJS.Timeout>();
  const waiters: { ready: () => boolean; resolve: () => void; reject: (error: Error) => void }[] = [];

  let queue: Fault[] = [];
  let picker: FaultPicker | undefined;
  let records: RecordedRequest[] = [];
  let perOperation: Counts["byOperation"] = {};
  let perRoute: Counts["byRoute"] = {};
  let perCall: Counts["byCall"] = {};
  let faults: Counts["faults"] = {};
  let seq = 0;

  /** Counts a request in `table` under `key`, and returns the entry, for its effect to be counted in later. */
  const count = <T extends Count>(table: Record<string, T>, key: string, entry: T): T => {
    const counted = table[key] ?? entry;
    table[key] = counted;
    counted.requests++;
    return counted;
  };
  const notify = () => {
    for (const waiter of [...waiters]) if (waiter.ready()) waiter.resolve();
  };
  /** Runs `fn` after `ms`, unless the client closes the request first or the server closes. */
  const later = (res: ServerResponse, ms: number, fn: () => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
    res.on("close", () => {
      clearTimeout(timer);
      timers.delete(timer);
    });
  };

  const server = createServer(async (req, res) => {
    const rawUrl = req.url ?? "/";
    const queryAt = rawUrl.indexOf("?");
    const rawPath = queryAt === -1 ? rawUrl : rawUrl.slice(0, queryAt);
    const rawQuery = queryAt === -1 ? "" : rawUrl.slice(queryAt + 1);
    const routed = route(req.method, rawPath);
    const op = routed?.op;
    const operation = op?.operation ?? "unknown";
    const jobSegment = routed?.jobSegment;
    const jobId = jobSegment === undefined ? undefined : decodeSegment(jobSegment);
    const callHeader = req.headers[CALL_ID_HEADER];
    const callId = typeof callHeader === "string" ? callHeader : undefined;
    const routeKey = `${req.method} ${rawPath}`;
    const callKey = callId ?? routeKey;

    const record: RecordedRequest = {
      seq: ++seq,
      receivedAt: performance.now(),
      answeredAt: undefined,
      operation,
      method: req.method ?? "",
      path: rawPath,
      rawQuery,
      query: [...new URLSearchParams(rawQuery)],
      jobId,
      callId,
      attempt: (perCall[callKey]?.requests ?? 0) + 1,
      headers: { ...req.headers },
      body: "",
      fault: "",
      effect: false,
      outcome: "pending",
      responseBytes: 0,
    };
    records.push(record);
    // Kept, so that an effect counted once the body is read goes to the tables the request was counted in (a
    // `reset()` in between replaces them).
    const counted = [
      count(perOperation, operation, { requests: 0, effects: 0 }),
      count(perRoute, routeKey, { requests: 0, effects: 0 }),
      count(perCall, callKey, { requests: 0, effects: 0, operation }),
    ];
    inFlight.add(res);

    let fault: Fault = queue.shift() ?? picker?.(infoOf(record)) ?? { kind: "ok" };
    if (op === undefined) fault = { kind: "status", status: 404 };
    record.fault = faultLabel(fault);
    faults[record.fault] = (faults[record.fault] ?? 0) + 1;

    res.on("finish", () => {
      if (record.outcome === "pending") record.outcome = "answered";
    });
    res.on("close", () => {
      if (record.outcome === "pending") record.outcome = "client-closed";
      inFlight.delete(res);
      notify();
    });
    notify();

    const reset = () => {
      record.outcome = "reset";
      req.socket.destroy();
    };
    if (fault.kind === "reset-before-headers" && fault.beforeBody) return reset();

    // Read the whole request body before anything else, as an API does before acting on it.
    let body: string | undefined;
    try {
      body = await readBody(req);
    } catch {
      return; // the client went away while sending; nothing was executed
    }
    if (body === undefined) {
      fault = { kind: "status", status: 413, effect: false };
      record.fault = faultLabel(fault);
    }
    record.body = (body ?? "").slice(0, RECORDED_BODY);

    if (hasEffect(fault)) {
      record.effect = true;
      for (const entry of counted) entry.effects++;
    }

    const send = (status: number, headers: OutgoingHttpHeaders, payload: string) => {
      const bytes = Buffer.from(payload);
      record.answeredAt = performance.now();
      record.responseBytes = bytes.length;
      res.writeHead(status, { "x-request-id": `req_${record.seq}`, "content-length": bytes.length, ...headers });
      res.end(bytes);
    };
    const json = (status: number, payload: unknown, headers: OutgoingHttpHeaders = {}) =>
      send(status, { "content-type": "application/json", ...headers }, JSON.stringify(payload));

    switch (fault.kind) {
      case "ok":
        return json(200, okBody(operation, jobId));
      case "status": {
        const fallback = fault.status >= 400 ? errorsBody(fault.status) : okBody(operation, jobId);
        const payload = fault.body ?? fallback;
        const contentType = typeof payload === "string" ? "text/plain" : "application/json";
        const text = typeof payload === "string" ? payload : JSON.stringify(payload);
        return send(fault.status, { "content-type": contentType, ...fault.headers }, text);
      }
      case "reset-before-headers":
        return reset();
      case "reset-mid-body": {
        // Headers promise the whole body; half of it is written, then the connection is destroyed.
        const bytes = Buffer.from(JSON.stringify(okBody(operation, jobId)));
        res.writeHead(200, { "content-type": "application/json", "content-length": bytes.length });
        res.write(bytes.subarray(0, Math.floor(bytes.length / 2)), () => reset());
        return;
      }
      case "slow-headers":
        later(res, fault.ms, () => {
          if (!res.destroyed) json(200, okBody(operation, jobId));
        });
        return;
      case "slow-body": {
        const bytes = Buffer.from(JSON.stringify(okBody(operation, jobId)));
        res.writeHead(200, { "content-type": "application/json", "content-length": bytes.length });
        res.write(bytes.subarray(0, 16));
        later(res, fault.ms, () => {
          if (res.destroyed) return;
          record.answeredAt = performance.now();
          res.end(bytes.subarray(16));
        });
        return;
      }
      case "truncated-json": {
        const text = JSON.stringify(okBody(operation, jobId));
        // A well-framed answer (Content-Length matches) whose JSON simply stops: what a buggy proxy sends.
        return send(200, { "content-type": "application/json" }, text.slice(0, Math.floor(text.length * 0.6)));
      }
      case "html": {
        const status = fault.status ?? 502;
        return send(status, { "content-type": "text/html; charset=utf-8" }, htmlPage(status));
      }
      case "empty-200":
        return send(200, { "content-type": "application/json" }, "");
      case "huge-body":
        return json(200, hugeBody(operation, jobId, fault.mb ?? 4));
      case "echo":
        return json(200, {
          data: {
            ...job(jobId ?? "us_jb_echo", operation),
            info: jobId ?? "",
            metadata: { operation, method: req.method, jobId: jobId ?? null, rawPath, rawQuery, query: record.query },
          },
        });
      default: {
        // Only reachable from untyped code; `unknown` is what such a fault is.
        const unknownFault: { kind?: unknown } = fault;
        return json(500, {
          errors: [{ message: `fault server: unknown fault kind ${JSON.stringify(unknownFault.kind)}` }],
        });
      }
    }
  });

  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      notify();
    });
  });
  // Faults destroy sockets on purpose; the errors that follow on either side are expected.
  server.on("clientError", (_error, socket) => socket.destroy());

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    // Port 0 unless given: the system picks a free port as it binds, so no other process can take it in between.
    server.listen(options.port ?? 0, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const waitFor = (ready: () => boolean) => {
    if (ready()) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        ready,
        resolve: () => {
          waiters.splice(waiters.indexOf(waiter), 1);
          resolve();
        },
        reject: (error: Error) => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(error);
        },
      };
      waiters.push(waiter);
    });
  };

  let closing: Promise<void> | undefined;
  const origin = `http://${HOST}:${port}`;
  return {
    origin,
    url: origin + BASE_PATH,
    port,
    script(...items: (Fault | FaultPicker)[]) {
      const [first] = items;
      if (items.length === 1 && typeof first === "function") {
        queue = [];
        picker = first;
      } else {
        queue = items.filter((item) => typeof item !== "function");
        picker = undefined;
      }
    },
    reset() {
      queue = [];
      picker = undefined;
      records = [];
      perOperation = {};
      perRoute = {};
      perCall = {};
      faults = {};
      seq = 0;
    },
    counts() {
      const total = { requests: records.length, effects: records.filter((r) => r.effect).length };
      return structuredClone({ total, byOperation: perOperation, byRoute: perRoute, byCall: perCall, faults });
    },
    requests: () => records.map((r) => ({ ...r, headers: { ...r.headers }, query: r.query.map(([k, v]) => [k, v]) })),
    connections: () => ({ open: sockets.size, active: inFlight.size }),
    waitForRequests: (n: number) => waitFor(() => records.length >= n),
    waitForIdle: () => waitFor(() => inFlight.size === 0),
    close() {
      closing ??= new Promise<void>((resolve) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        for (const waiter of [...waiters]) waiter.reject(new Error("fault server closed"));
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      });
      return closing;
    },
  };
}

/** What a picker function is told about a request. */
function infoOf(record: RecordedRequest): RequestInfo {
  const { seq, operation, method, path, jobId, callId, attempt, headers } = record;
  return { seq, operation, method, path, jobId, callId, attempt, headers };
}

/**
 * The request body as text, or undefined when it is longer than the server accepts. An oversized body is
 * still read to its end (and dropped), so the answer can be sent on the same connection.
 */
async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= MAX_REQUEST_BODY) chunks.push(chunk);
  }
  return size > MAX_REQUEST_BODY ? undefined : Buffer.concat(chunks).toString("utf8");
}
