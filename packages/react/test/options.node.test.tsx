// The option factories on their own (no React, no server): their keys, what they refuse, and what each action sends.
import { createJobsCore, InvalidArgumentError } from "@flatfile-jobs/browser";
import { exampleArguments } from "@flatfile-jobs/tools/operation-examples";
import { operationTable } from "@flatfile-jobs/tools/operations-table";
import { spec } from "@flatfile-jobs/tools/spec";
import { QueryClient } from "@tanstack/react-query";
import { expect, it } from "vitest";
import {
  type JobsAction,
  jobQueryOptions,
  jobsInfiniteQueryOptions,
  jobsKeys,
  jobsMutationOptions,
} from "../src/index.js";

const client = createJobsCore({ token: "pk_options", baseUrl: "http://127.0.0.1:9/v1" });

it("refuses a poll interval that is not a number of milliseconds, saying which and why", () => {
  expect(() => jobQueryOptions(client, "us_jb_1", { poll: { interval: -5 } })).toThrow(InvalidArgumentError);
  expect(() => jobQueryOptions(client, "us_jb_1", { poll: { maxInterval: Number.NaN } })).toThrow(
    "poll.maxInterval must be a number of milliseconds from 1 to 2147483647, got NaN.",
  );
  expect(() => jobQueryOptions(client, "us_jb_1", { poll: { interval: "1s" as never } })).toThrow(
    'poll.interval must be a number of milliseconds from 1 to 2147483647, got "1s".',
  );
  // As core's checks: a key-shaped value given by mistake is never quoted.
  expect(() => jobQueryOptions(client, "us_jb_1", { poll: { interval: "sk_live_in_poll_1" as never } })).toThrow(
    'poll.interval must be a number of milliseconds from 1 to 2147483647, got "[redacted]".',
  );
});

it("keys every entry by the client's base URL, so two clients never share one", () => {
  const other = createJobsCore({ token: "pk_options", baseUrl: "http://127.0.0.1:10/v1" });
  expect(jobQueryOptions(client, "us_jb_1").queryKey).not.toEqual(jobQueryOptions(other, "us_jb_1").queryKey);
  expect(jobsInfiniteQueryOptions(client, { spaceId: "us_sp_1" }).queryKey).toEqual(
    jobsKeys.list(client, { spaceId: "us_sp_1" }),
  );
  expect(jobsKeys.list(client).slice(0, 3)).toEqual(jobsKeys.lists(client));
  expect(jobQueryOptions(client, "us_jb_1", { poll: false }).refetchInterval).toBe(false);
});

// Every action of useJobsMutation (generated from the spec: every operation that changes a job and answers with
// it) sends its own operation with the job id and details it is given, and puts the job it gets back in the cache.
const actions = operationTable(spec).filter((row) => row.method !== "GET" && row.response === "JobResponse");

it.each(actions.map((row) => [row.operationId, row] as const))(
  "the %s action sends its operation and caches the job it answers with",
  async (action, row) => {
    const sent: string[] = [];
    const job = { id: "us_jb_7Hq2xK9d", type: "workbook", operation: "submitAction", source: "us_wb_1" };
    const recording = createJobsCore({
      token: "pk_options",
      baseUrl: "http://127.0.0.1:9/v1",
      fetch: async (url, init) => {
        sent.push(`${init.method} ${new URL(url).pathname} ${init.body ?? ""}`);
        return new Response(JSON.stringify({ data: job }), { headers: { "Content-Type": "application/json" } });
      },
    });
    const queryClient = new QueryClient();
    const args = exampleArguments(spec, row);
    const body = row.body ? args[row.pathParams.length] : undefined;
    const variables =
      row.pathParams.length === 0 && !row.query
        ? body
        : { ...Object.fromEntries(row.pathParams.map((name, i) => [name, args[i]])), details: body };
    const options = jobsMutationOptions(recording, queryClient, action as JobsAction);
    const result = await options.mutationFn?.(variables as never, undefined as never);
    await options.onSuccess?.(result as never, variables as never, undefined, undefined as never);
    const path = row.path.replace("{jobId}", String(args[row.pathParams.indexOf("jobId")]));
    expect(sent).toEqual([`${row.method} /v1${path} ${body === undefined ? "" : JSON.stringify(body)}`]);
    expect(result).toEqual(job);
    expect(queryClient.getQueryData(jobsKeys.job(recording, job.id))).toEqual(job);
  },
);
