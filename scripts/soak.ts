// Soak run (`pnpm soak`): one client of the built @flatfile-jobs/node package sends many calls, every operation of
// the spec in turn, to the fault server (tools/src/fault-server.ts), which answers with a seeded random
// mix of faults. It prints what happened and exits 1 if any call hung, any rejection went unhandled, any
// error was not an SDK error, any request was left open, or the server executed a non-idempotent call twice.
//
//   tsx scripts/soak.ts [--requests 10000] [--concurrency 16] [--seed 42] [--max-seconds 600]
//
// The fault of each request depends only on the seed, the call and the attempt, so a seed replays the same
// faults whatever order concurrent requests arrive in. Run `pnpm build` first.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import {
  CALL_ID_HEADER,
  type Fault,
  OPERATIONS,
  type OperationName,
  type RequestInfo,
  startFaultServer,
} from "@flatfile-jobs/tools/fault-server";
import { exampleArguments } from "@flatfile-jobs/tools/operation-examples";
import { operationTable } from "@flatfile-jobs/tools/operations-table";
import { spec } from "@flatfile-jobs/tools/spec";

/** Each attempt's timeout; the slow faults take longer than this, so they time out. */
const ATTEMPT_TIMEOUT_MS = 200;
const SLOW_MS = 2 * ATTEMPT_TIMEOUT_MS;
/** The longest Retry-After the client waits for; a longer one fails at once with RateLimitError. */
const MAX_RETRY_AFTER_MS = 5_000;
/**
 * A call that has not settled after this long counts as hung. The slowest legitimate call is 3 attempts of
 * 200 ms plus two waits of at most 1 s (the longest Retry-After in the mix): under 3 s.
 */
const CALL_DEADLINE_MS = 15_000;

const { values: args } = parseArgs({
  options: {
    requests: { type: "string", default: "10000" },
    concurrency: { type: "string", default: "16" },
    seed: { type: "string" },
    "max-seconds": { type: "string", default: "600" },
  },
});
const calls = positiveInt("requests", args.requests);
const concurrency = positiveInt("concurrency", args.concurrency);
const seed = args.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : positiveInt("seed", args.seed, 0);
const maxSeconds = positiveInt("max-seconds", args["max-seconds"]);

function positiveInt(name: string, text: string, min = 1): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) {
    console.error(`--${name} must be a whole number of at least ${min}, got ${JSON.stringify(text)}`);
    process.exit(2);
  }
  return n;
}

const distPath = fileURLToPath(new URL("../packages/node/dist/index.mjs", import.meta.url));
if (!existsSync(distPath)) {
  console.error(`${distPath} is missing: run \`pnpm build\` first.`);
  process.exit(2);
}
// The build, imported by path: untyped here, but for its error class (every error the SDK throws is one).
const built = await import(distPath);
const { createJobsClient } = built;
const JobsError: typeof Error = built.JobsError;

// ---------------------------------------------------------------------------------------------------------
// Seeded randomness: the fault for (call, attempt) comes from a hash of the seed, the call id and the attempt.

/** FNV-1a: a 32-bit hash of a string. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** mulberry32: a small seeded generator of numbers in [0, 1). */
function generator(state: number): () => number {
  let a = state >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The fault mix: mostly ok, then server errors, rate limits, resets, stalls and broken bodies. */
const MIX: [weight: number, make: (random: () => number) => Fault][] = [
  [60, () => ({ kind: "ok" })],
  [5, () => ({ kind: "status", status: 500 })],
  [3, () => ({ kind: "status", status: 502 })],
  [2, () => ({ kind: "status", status: 503 })],
  [2, () => ({ kind: "status", status: 504 })],
  [1, () => ({ kind: "status", status: 408 })],
  [3, (r) => ({ kind: "status", status: 503, headers: { "retry-after-ms": String(10 + Math.floor(r() * 40)) } })],
  [3, (r) => ({ kind: "status", status: 429, headers: { "retry-after-ms": String(5 + Math.floor(r() * 45)) } })],
  [1, () => ({ kind: "status", status: 429 })],
  [0.5, () => ({ kind: "status", status: 429, headers: { "Retry-After": "1" } })],
  [0.5, () => ({ kind: "status", status: 429, headers: { "Retry-After": "120" } })],
  [2, (r) => ({ kind: "status", status: [400, 404, 409, 422][Math.floor(r() * 4)] ?? 400 })],
  [4, () => ({ kind: "reset-before-headers" })],
  [1, () => ({ kind: "reset-before-headers", beforeBody: true })],
  [4, () => ({ kind: "reset-mid-body" })],
  [2, () => ({ kind: "slow-headers", ms: SLOW_MS })],
  [1.5, () => ({ kind: "slow-body", ms: SLOW_MS })],
  [2, () => ({ kind: "truncated-json" })],
  [1, () => ({ kind: "html", status: 502 })],
  [1, () => ({ kind: "html", status: 200 })],
  [2, () => ({ kind: "empty-200" })],
];
const TOTAL_WEIGHT = MIX.reduce((sum, [weight]) => sum + weight, 0);

function pickFault({ callId, attempt, path }: RequestInfo): Fault {
  const random = generator(hash32(`${seed}:${callId ?? path}:${attempt}`));
  let roll = random() * TOTAL_WEIGHT;
  for (const [weight, make] of MIX) {
    roll -= weight;
    if (roll < 0) return make(random);
  }
  return { kind: "ok" };
}

// ---------------------------------------------------------------------------------------------------------

/**
 * A call of `operation` on the job `id`, with the spec's example arguments (tools/src/operation-examples.ts): every
 * operation of the spec, as the generated client has it.
 */
function callOf(
  jobs: typeof client.jobs,
  operation: OperationName,
  id: string,
  options: { headers: Record<string, string> },
): Promise<unknown> {
  const row = specOperations.find((r) => r.operationId === operation);
  const method = (jobs as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>)[operation];
  if (!row || typeof method !== "function") throw new Error(`the client has no operation ${operation}`);
  const args = exampleArguments(spec, row);
  const jobIdAt = row.pathParams.indexOf("jobId");
  if (jobIdAt !== -1) args[jobIdAt] = id;
  return method(...args, options);
}

const tally = (table: Record<string, number>, key: string) => {
  table[key] = (table[key] ?? 0) + 1;
};
const listed = (table: Record<string, number>) =>
  Object.entries(table)
    .sort(([, a], [, b]) => b - a)
    .map(([key, n]) => `${key} ${n}`)
    .join(", ");
/** `value[key]` when `value` is an object that has it (an error's name or stack), else undefined. */
const property = (value: unknown, key: string): unknown =>
  typeof value === "object" && value !== null && key in value ? Reflect.get(value, key) : undefined;

const problems: {
  unhandledRejections: unknown[];
  uncaughtExceptions: Error[];
  hangs: string[];
  nonSdkErrors: unknown[];
} = {
  unhandledRejections: [],
  uncaughtExceptions: [],
  hangs: [],
  nonSdkErrors: [],
};
process.on("unhandledRejection", (reason) => problems.unhandledRejections.push(reason));
process.on("uncaughtException", (error) => problems.uncaughtExceptions.push(error));

const specOperations = operationTable(spec);
const server = await startFaultServer();
server.script(pickFault);
const client = createJobsClient({
  token: "sk_test_soak_7d3f19a2",
  baseUrl: server.url,
  maxRetries: 2,
  timeout: ATTEMPT_TIMEOUT_MS,
  retryBackoff: { initialDelay: 5, maxDelay: 20 },
  maxRetryAfter: MAX_RETRY_AFTER_MS,
});

const outcomes: Record<string, number> = {};
const operationsRun: Record<string, number> = {};
/** callId → { operation, resolved } */
const callLog = new Map<string, { operation: OperationName; resolved: boolean }>();

async function runCall(index: number) {
  const info = OPERATIONS[index % OPERATIONS.length];
  if (info === undefined) throw new Error("the fault server lists no operations");
  const { operation } = info;
  const callId = `c${index}`;
  tally(operationsRun, operation);
  const entry = { operation, resolved: false };
  callLog.set(callId, entry);
  const call = callOf(client.jobs, operation, `us_jb_soak${index}`, { headers: { [CALL_ID_HEADER]: callId } });
  const settled = call.then(
    () => ({ ok: true, hung: false }) as const,
    (error: unknown) => ({ ok: false, hung: false, error }) as const,
  );
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<{ hung: true }>((resolve) => {
    timer = setTimeout(() => resolve({ hung: true }), CALL_DEADLINE_MS);
  });
  const result = await Promise.race([settled, deadline]);
  clearTimeout(timer);
  if (result.hung) {
    problems.hangs.push(`${operation} ${callId}`);
    tally(outcomes, "hung");
  } else if (result.ok) {
    entry.resolved = true;
    tally(outcomes, "ok");
  } else if (result.error instanceof JobsError) {
    tally(outcomes, result.error.name);
  } else {
    problems.nonSdkErrors.push(result.error);
    tally(outcomes, `not an SDK error: ${property(result.error, "name") ?? typeof result.error}`);
  }
}

const started = performance.now();
let next = 0;
const workers = Array.from({ length: Math.min(concurrency, calls) }, async () => {
  while (next < calls) await runCall(next++);
});
let timeLimit: NodeJS.Timeout | undefined;
const finished = await Promise.race([
  Promise.all(workers).then(() => true),
  new Promise<boolean>((resolve) => {
    timeLimit = setTimeout(() => resolve(false), maxSeconds * 1000);
  }),
]);
clearTimeout(timeLimit);
const wallSeconds = (performance.now() - started) / 1000;

// Requests the client gave up on must be torn down; give the last socket closes a moment to arrive.
await Promise.race([server.waitForIdle(), new Promise((resolve) => setTimeout(resolve, 2_000))]);
const leftOpen = server.connections().active;

const counts = server.counts();
const nonIdempotent = new Set(OPERATIONS.filter((op) => !op.idempotent).map((op) => op.operation));
const duplicated: string[] = [];
let retriedThenSucceeded = 0;
for (const [callId, { operation, resolved }] of callLog) {
  const counted = counts.byCall[callId];
  if (nonIdempotent.has(operation) && counted && counted.effects > 1) duplicated.push(`${operation} ${callId}`);
  if (resolved && counted && counted.requests > 1) retriedThenSucceeded++;
}

const mustBeZero = {
  "unhandled rejections": problems.unhandledRejections.length,
  "uncaught exceptions": problems.uncaughtExceptions.length,
  [`hangs (calls unsettled after ${CALL_DEADLINE_MS / 1000} s)`]: problems.hangs.length,
  "errors not of an SDK class": problems.nonSdkErrors.length,
  "duplicated non-idempotent effects": duplicated.length,
  "requests left open on the server": leftOpen,
  "calls not run (time limit)": calls - callLog.size,
};
const failed = !finished || Object.values(mustBeZero).some((n) => n > 0);

console.log(`soak: ${calls} calls, concurrency ${concurrency}, seed ${seed}, attempt timeout ${ATTEMPT_TIMEOUT_MS} ms`);
console.log(`requests received by the server: ${counts.total.requests}`);
console.log(`operations (${Object.keys(operationsRun).length} of ${OPERATIONS.length}): ${listed(operationsRun)}`);
console.log(`faults by kind: ${listed(counts.faults)}`);
console.log(`outcomes by class: ${listed(outcomes)}`);
console.log(`retried and then succeeded: ${retriedThenSucceeded}`);
console.log("must be zero:");
for (const [name, n] of Object.entries(mustBeZero)) console.log(`  ${name}: ${n}`);
const examples = [
  ...problems.unhandledRejections,
  ...problems.uncaughtExceptions,
  ...problems.nonSdkErrors,
  ...problems.hangs,
  ...duplicated,
].slice(0, 5);
for (const example of examples) console.log(`  e.g. ${property(example, "stack") ?? example}`);
if (!finished) console.log(`the run did not finish within --max-seconds ${maxSeconds}`);
console.log(`wall time: ${wallSeconds.toFixed(1)} s`);
console.log(`result: ${failed ? "FAIL" : "PASS"}`);

await server.close();
// Explicit exit: a hung call (the very thing counted above) could otherwise keep the process alive.
process.exit(failed ? 1 : 0);
