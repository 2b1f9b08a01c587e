// Types for fault-server.mjs, the scriptable fake of the Jobs API, so TypeScript tests can import it.

/** The header that groups requests into calls in `counts().byCall` (else they are grouped by method + path). */
export declare const CALL_ID_HEADER: "x-call-id";

export type OperationName =
  | "list"
  | "create"
  | "previewMutation"
  | "get"
  | "update"
  | "delete"
  | "execute"
  | "getExecutionPlan"
  | "updateExecutionPlan"
  | "updateExecutionPlanFields"
  | "ack"
  | "ackOutcome"
  | "complete"
  | "fail"
  | "cancel"
  | "retry"
  | "split";

export interface OperationInfo {
  operation: OperationName;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  /** What follows `/jobs/{jobId}` (`""` for the job itself); null when the path has no job id. */
  suffix: string | null;
  /** Whether sending it twice is harmless. */
  idempotent: boolean;
}
export declare const OPERATIONS: readonly OperationInfo[];

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
  byOperation: Partial<Record<OperationName | "unknown", Count>>;
  /** Keyed by `METHOD rawPath`, e.g. `POST /v1/jobs/us_jb_1/complete`. */
  byRoute: Record<string, Count>;
  /** Keyed by `x-call-id`, else by `METHOD rawPath`. */
  byCall: Record<string, Count & { operation: OperationName | "unknown" }>;
  /** How many requests got each fault, by label (`ok`, `status 503 + retry-after`, `reset-mid-body`, …). */
  faults: Record<string, number>;
}

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
  script(picker: (request: RequestInfo) => Fault): void;
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

export declare function faultLabel(fault: Fault): string;
export declare function startFaultServer(options?: { port?: number }): Promise<FaultServer>;
