// A scriptable fake of the Jobs API for robustness tests and `pnpm soak`: a real node:http server on 127.0.0.1
// that serves the 17 operations under /v1 and answers each request with a scripted fault (error statuses,
// resets, stalls, broken bodies) or a plausible JSON body, while counting what it received and executed.
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
import { createServer, STATUS_CODES } from "node:http";
import getPort from "get-port";
import { operations } from "./spec.mjs";

const HOST = "127.0.0.1";
const BASE_PATH = "/v1";
/** Requests carrying this header are counted per call, so concurrent calls to one route stay apart. */
export const CALL_ID_HEADER = "x-call-id";
/** Longest request body the server reads; anything longer is answered 413. */
const MAX_REQUEST_BODY = 1024 * 1024;
/** Longest request body kept in `requests()`. */
const RECORDED_BODY = 4096;

/**
 * The 17 operations: `suffix` is what follows `/jobs/{jobId}` (null: no job id in the path). `idempotent`
 * (sending one twice is harmless) is read from the spec's `x-idempotent`, as the client's operations declare it.
 */
export const OPERATIONS = [
  { operation: "list", method: "GET", suffix: null },
  { operation: "create", method: "POST", suffix: null },
  { operation: "previewMutation", method: "POST", suffix: null },
  { operation: "get", method: "GET", suffix: "" },
  { operation: "update", method: "PATCH", suffix: "" },
  { operation: "delete", method: "DELETE", suffix: "" },
  { operation: "execute", method: "POST", suffix: "/execute" },
  { operation: "getExecutionPlan", method: "GET", suffix: "/plan" },
  { operation: "updateExecutionPlan", method: "PUT", suffix: "/plan" },
  { operation: "updateExecutionPlanFields", method: "PATCH", suffix: "/plan" },
  { operation: "ack", method: "POST", suffix: "/ack" },
  { operation: "ackOutcome", method: "POST", suffix: "/outcome/ack" },
  { operation: "complete", method: "POST", suffix: "/complete" },
  { operation: "fail", method: "POST", suffix: "/fail" },
  { operation: "cancel", method: "POST", suffix: "/cancel" },
  { operation: "retry", method: "POST", suffix: "/retry" },
  { operation: "split", method: "POST", suffix: "/split" },
].map((op) => ({ ...op, idempotent: idempotentInSpec(op.operation) }));

function idempotentInSpec(operationId) {
  const found = operations.find((op) => op.operationId === operationId);
  if (typeof found?.["x-idempotent"] !== "boolean") throw new Error(`${operationId}: no x-idempotent in the spec`);
  return found["x-idempotent"];
}

/**
 * Which operation a raw request path names. The job id segment is decoded; the raw path is never
 * normalised, so a request that escaped `/v1/jobs/` is seen as it arrived.
 */
function route(method, rawPath) {
  const segments = rawPath.split("/");
  if (segments[0] !== "" || `/${segments[1]}` !== BASE_PATH || segments[2] !== "jobs") return undefined;
  const rest = segments.slice(3);
  if (rest.length === 0)
    return OPERATIONS.find((op) => op.suffix === null && op.method === method && op.operation !== "previewMutation");
  if (rest.length === 1 && rest[0] === "preview-mutation" && method === "POST") {
    return OPERATIONS.find((op) => op.operation === "previewMutation");
  }
  const suffix = rest.length > 1 ? `/${rest.slice(1).join("/")}` : "";
  const op = OPERATIONS.find((candidate) => candidate.suffix === suffix && candidate.method === method);
  return op && rest[0] !== "" ? op : undefined;
}

function decodeSegment(segment) {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Bodies: plausible answers in the shapes of the spec's 200 responses.

function job(id, operation = "get") {
  const status =
    { ack: "executing", complete: "complete", fail: "failed", cancel: "canceled", retry: "ready" }[operation] ??
    "ready";
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

function diffRecord(n) {
  return {
    id: `us_rc_${String(n).padStart(8, "0")}`,
    commitId: "us_vr_K2dF6hWs",
    valid: true,
    metadata: {},
    values: { email: { value: "ada@example.com", snapshotValue: "Ada@Example.com", valid: true, messages: [] } },
  };
}

/** The 200 body of an operation, for the job id in the path (or a made-up one). */
function okBody(operation, jobId) {
  const id = jobId ?? "us_jb_7Hq2xK9d";
  switch (operation) {
    case "list":
      return { data: [job(id), job("us_jb_3Fn8wQ2r")], pagination: { currentPage: 1, pageCount: 1, totalCount: 2 } };
    case "delete":
    case "execute":
      return { data: { success: true } };
    case "getExecutionPlan":
    case "updateExecutionPlan":
    case "updateExecutionPlanFields":
      return { data: { job: job(id, operation), plan: PLAN } };
    case "previewMutation":
      return { data: [diffRecord(1), diffRecord(2)] };
    default:
      return { data: job(id, operation) };
  }
}

/** A valid body of at least `mb` MiB: many jobs for `list`, many diff records for `previewMutation`, else padding. */
function hugeBody(operation, jobId, mb) {
  const target = mb * 1024 * 1024;
  if (operation === "list" || operation === "previewMutation") {
    const make = operation === "list" ? (n) => job(`us_jb_h${n}`) : diffRecord;
    const count = Math.ceil(target / JSON.stringify(make(0)).length);
    const data = Array.from({ length: count }, (_, n) => make(n));
    return operation === "list" ? { data, pagination: { currentPage: 1, pageCount: 1, totalCount: count } } : { data };
  }
  const body = okBody(operation, jobId);
  const rows = Array.from({ length: Math.ceil(target / 64) }, (_, n) => `row ${n} ${"x".repeat(48)}`);
  return { ...body, data: { ...body.data, metadata: { rows } } };
}

const ERROR_MESSAGES = {
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

function errorsBody(status) {
  return { errors: [{ message: ERROR_MESSAGES[status] ?? `Error ${status}` }] };
}

function htmlPage(status) {
  const title = status === 200 ? "Sign in" : `${status} ${STATUS_CODES[status] ?? "Error"}`;
  return `<!DOCTYPE html>\n<html><head><title>${title}</title></head><body><center><h1>${title}</h1></center><hr><center>nginx</center></body></html>\n`;
}

function hasRetryAfter(headers = {}) {
  return Object.keys(headers).some((name) => /^retry-after(-ms)?$/i.test(name));
}

/** Whether answering with `fault` counts as having executed the request (see the header comment). */
function hasEffect(fault) {
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
export function faultLabel(fault) {
  if (fault.kind === "status") return `status ${fault.status}${hasRetryAfter(fault.headers) ? " + retry-after" : ""}`;
  if (fault.kind === "html") return `html ${fault.status ?? 502}`;
  if (fault.kind === "reset-before-headers" && fault.beforeBody) return "reset-before-body";
  return fault.kind;
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Starts a fault server on a free 127.0.0.1 port (or `options.port`).
 * @param {{ port?: number }} [options]
 * @returns {Promise<import("./fault-server.d.mts").FaultServer>}
 */
export async function startFaultServer(options = {}) {
  const port = options.port ?? (await getPort({ host: HOST }));
  const sockets = new Set();
  /** Requests whose answer is not finished yet: their sockets are what `connections().active` counts. */
  const inFlight = new Set();
  /** Timers of stalled answers, cleared when the client goes away or the server closes. */
  const timers = new Set();
  const waiters = [];

  let queue = [];
  let picker;
  let records = [];
  let perOperation = {};
  let perRoute = {};
  let perCall = {};
  let faults = {};
  let seq = 0;

  const bump = (table, key, field, extra) => {
    table[key] ??= { requests: 0, effects: 0, ...extra };
    table[key][field]++;
  };
  const notify = () => {
    for (const waiter of [...waiters]) if (waiter.ready()) waiter.resolve();
  };
  /** Runs `fn` after `ms`, unless the client closes the request first or the server closes. */
  const later = (res, ms, fn) => {
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
    const op = route(req.method, rawPath);
    const operation = op?.operation ?? "unknown";
    const jobSegment = op && op.suffix !== null ? rawPath.split("/")[3] : undefined;
    const jobId = jobSegment === undefined ? undefined : decodeSegment(jobSegment);
    const callHeader = req.headers[CALL_ID_HEADER];
    const callId = typeof callHeader === "string" ? callHeader : undefined;
    const routeKey = `${req.method} ${rawPath}`;
    const callKey = callId ?? routeKey;

    const record = {
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
    bump(perOperation, operation, "requests");
    bump(perRoute, routeKey, "requests");
    bump(perCall, callKey, "requests", { operation });
    inFlight.add(res);

    let fault = queue.shift() ?? picker?.(infoOf(record)) ?? { kind: "ok" };
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
    let body;
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
      perOperation[operation].effects++;
      perRoute[routeKey].effects++;
      perCall[callKey].effects++;
    }

    const send = (status, headers, payload) => {
      const bytes = Buffer.from(payload);
      record.answeredAt = performance.now();
      record.responseBytes = bytes.length;
      res.writeHead(status, { "x-request-id": `req_${record.seq}`, "content-length": bytes.length, ...headers });
      res.end(bytes);
    };
    const json = (status, payload, headers = {}) =>
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
      default:
        return json(500, { errors: [{ message: `fault server: unknown fault kind ${JSON.stringify(fault.kind)}` }] });
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

  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, HOST, () => {
      server.off("error", reject);
      resolve();
    });
  });

  const waitFor = (ready) => {
    if (ready()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const waiter = {
        ready,
        resolve: () => {
          waiters.splice(waiters.indexOf(waiter), 1);
          resolve();
        },
        reject: (error) => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(error);
        },
      };
      waiters.push(waiter);
    });
  };

  let closing;
  const origin = `http://${HOST}:${port}`;
  return {
    origin,
    url: origin + BASE_PATH,
    port,
    script(...items) {
      if (items.length === 1 && typeof items[0] === "function") {
        queue = [];
        picker = items[0];
      } else {
        queue = [...items];
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
    requests: () => records.map((r) => ({ ...r, headers: { ...r.headers }, query: r.query.map((p) => [...p]) })),
    connections: () => ({ open: sockets.size, active: inFlight.size }),
    waitForRequests: (n) => waitFor(() => records.length >= n),
    waitForIdle: () => waitFor(() => inFlight.size === 0),
    close() {
      closing ??= new Promise((resolve) => {
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
function infoOf(record) {
  const { seq, operation, method, path, jobId, callId, attempt, headers } = record;
  return { seq, operation, method, path, jobId, callId, attempt, headers };
}

/**
 * The request body as text, or undefined when it is longer than the server accepts. An oversized body is
 * still read to its end (and dropped), so the answer can be sent on the same connection.
 */
async function readBody(req) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size <= MAX_REQUEST_BODY) chunks.push(chunk);
  }
  return size > MAX_REQUEST_BODY ? undefined : Buffer.concat(chunks).toString("utf8");
}
