// What each command prints on stdout with --json, for the CLI surface report (`pnpm cli:surface`,
// packages/cli/etc/cli.surface.json). It follows main.ts: a command that prints differently changes here too.
import { EXIT_CODES } from "./exit-codes.js";
import { OPERATIONS } from "./generated/spec.js";

/**
 * A command's JSON: an operation's success response as the API returns it (`response`), or only its `data` (a
 * job, as `printJob` prints it), or a JSON Schema of main.ts's own making, whose `$ref`s name the spec's
 * component schemas as `#/$defs/<name>`. `null`: the command prints no JSON.
 */
export type JsonOutput = { response: string; part?: "data" } | { schema: Record<string, unknown> } | null;

const JOB = { $ref: "#/$defs/Job" };

/** The commands written by hand in main.ts, and `help`, which commander adds. */
const HAND_WRITTEN_OUTPUT: Readonly<Record<string, JsonOutput>> = {
  // `{ data, pagination }` of the page; with --all, `{ data }` alone: every job of every page.
  list: {
    schema: {
      type: "object",
      properties: {
        data: { type: "array", items: JOB },
        pagination: { $ref: "#/$defs/Pagination", description: "absent with --all" },
      },
      required: ["data"],
      additionalProperties: false,
    },
  },
  get: { response: "get", part: "data" },
  create: { response: "create", part: "data" },
  ack: { response: "ack", part: "data" },
  complete: { response: "complete", part: "data" },
  fail: { response: "fail", part: "data" },
  cancel: { response: "cancel", part: "data" },
  retry: { response: "retry", part: "data" },
  split: { response: "split", part: "data" },
  // The job as it ended (the last poll), when it completed.
  wait: { schema: JOB },
  help: null,
};

/** What `flatfile-jobs <command> --json` prints; undefined for a command nobody has described yet. */
export function jsonOutputOf(command: string): JsonOutput | undefined {
  if (command in HAND_WRITTEN_OUTPUT) return HAND_WRITTEN_OUTPUT[command];
  // The commands made from the spec: a job prints as printJob prints it, any other answer whole (main.ts).
  const operation = OPERATIONS.find((op) => op.command === command);
  if (!operation) return undefined;
  return operation.returnsJob ? { response: operation.operationId, part: "data" } : { response: operation.operationId };
}

/** With --json, an error is one line on stderr: `{"error":{"name":…,"message":…},"exitCode":N}` (errors.ts). */
export const JSON_ERROR_SCHEMA = {
  type: "object",
  properties: {
    error: {
      type: "object",
      properties: { name: { type: "string" }, message: { type: "string" }, code: { type: "string" } },
      required: ["name", "message"],
    },
    exitCode: { type: "integer", enum: EXIT_CODES.map(({ code }) => code).filter((code) => code !== 0) },
  },
  required: ["error", "exitCode"],
  additionalProperties: false,
} as const;
