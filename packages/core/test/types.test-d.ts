import { describe, expectTypeOf, it } from "vitest";
import {
  createJobsClient,
  type DiffRecordsResponse,
  type Fetch,
  type Job,
  type JobConfig,
  type JobPlanResponse,
  type JobResponse,
  type JobStatus,
  type ListJobsResponse,
  type SortDirection,
  type Success,
} from "../src/index.js";

const { jobs } = createJobsClient({ token: "sk_x" });

describe("return types are the spec's 200 bodies, exactly", () => {
  it("resolves each operation to its response schema", () => {
    expectTypeOf(jobs.list()).resolves.toEqualTypeOf<ListJobsResponse>();
    expectTypeOf(
      jobs.create({ type: "workbook", operation: "submitAction", source: "us_wb_1" }),
    ).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(jobs.get("j")).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(jobs.update("j", {})).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(jobs.delete("j")).resolves.toEqualTypeOf<Success>();
    expectTypeOf(jobs.execute("j")).resolves.toEqualTypeOf<Success>();
    expectTypeOf(jobs.getExecutionPlan("j")).resolves.toEqualTypeOf<JobPlanResponse>();
    expectTypeOf(jobs.ack("j")).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(jobs.ackOutcome("j")).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(jobs.complete("j")).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(jobs.fail("j")).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(jobs.cancel("j")).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(jobs.retry("j")).resolves.toEqualTypeOf<JobResponse>();
    expectTypeOf(
      jobs.previewMutation({ sheetId: "s", mutateRecord: "r => r" }),
    ).resolves.toEqualTypeOf<DiffRecordsResponse>();
    expectTypeOf(jobs.split("j", { parts: 2 })).resolves.toEqualTypeOf<JobResponse>();
  });

  it("iterates jobs and pages with the list's types", () => {
    expectTypeOf(jobs.iterate({ spaceId: "us_sp_1" })).toMatchTypeOf<AsyncIterable<Job>>();
    expectTypeOf(jobs.iterate().pages()).toMatchTypeOf<AsyncIterable<ListJobsResponse>>();
    // @ts-expect-error the query is list's query
    void jobs.iterate({ pageSize: "10" });
  });

  it("types a job's fields from the spec", () => {
    expectTypeOf<JobResponse["data"]>().toEqualTypeOf<Job>();
    expectTypeOf<Job["id"]>().toEqualTypeOf<string>();
    expectTypeOf<Job["status"]>().toEqualTypeOf<JobStatus | undefined>();
    // Open (x-open-enum): the known statuses, and room for one the API adds later, as its string.
    expectTypeOf<JobStatus>().toEqualTypeOf<
      | "created"
      | "planning"
      | "scheduled"
      | "ready"
      | "executing"
      | "complete"
      | "failed"
      | "canceled"
      | "waiting"
      | (string & {})
    >();
    expectTypeOf<"archived">().toMatchTypeOf<JobStatus>();
    expectTypeOf<SortDirection>().toEqualTypeOf<"asc" | "desc">();
    expectTypeOf<Job["progress"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<ListJobsResponse["data"]>().toEqualTypeOf<Job[]>();
    expectTypeOf<Success["data"]>().toEqualTypeOf<{ success: boolean } | undefined>();
    // A job's outcome is a free-form map; the structured JobOutcome is only what complete/fail send.
    expectTypeOf<NonNullable<Job["outcome"]>>().toEqualTypeOf<{ [key: string]: unknown }>();
  });
});

describe("wrong arguments do not compile", () => {
  it("checks bodies", () => {
    // @ts-expect-error create needs type, operation and source
    void jobs.create({ type: "workbook" });
    // @ts-expect-error trigger is manual or immediate (a closed enum)
    void jobs.create({ type: "file", operation: "x", source: "s", trigger: "later" } satisfies JobConfig);
    // @ts-expect-error partExecution is sequential or parallel (a closed enum)
    void jobs.update("j", { partExecution: "random" });
    // @ts-expect-error progress is a number
    void jobs.ack("j", { progress: "50%" });
    // @ts-expect-error split needs parts
    void jobs.split("j", { runInParallel: true });
    // @ts-expect-error parts is a number or an array of objects
    void jobs.split("j", { parts: "3" });
    // @ts-expect-error the plan body repeats fileId and jobId
    void jobs.updateExecutionPlanFields("j", { programId: "p" });
    // @ts-expect-error previewMutation needs mutateRecord
    void jobs.previewMutation({ sheetId: "s" });
  });

  it("checks ids, queries and argument order", () => {
    // @ts-expect-error a job id is a string
    void jobs.get(42);
    // @ts-expect-error pageSize is a number
    void jobs.list({ pageSize: "20" });
    // @ts-expect-error sortDirection is asc or desc
    void jobs.list({ sortDirection: "up" });
    // @ts-expect-error unknown query parameters are refused
    void jobs.list({ status: "complete" });
    // @ts-expect-error the job id comes first, then the body
    void jobs.complete({ info: "done" }, "j");
    // @ts-expect-error execute takes no body
    void jobs.execute("j", { force: true });
  });

  it("accepts what the API accepts", () => {
    void jobs.create({ type: "file", operation: "extract", source: "us_fl_1", config: { driver: "csv" } });
    void jobs.update("j", { config: {} });
    void jobs.split("j", { parts: [{ rows: 100 }, {}] });
    void jobs.complete("j", { outcome: { next: { type: "url", url: "https://example.test", label: "Open" } } });
    void jobs.list({ excludeChildJobs: true, sortDirection: "asc", pageNumber: 1 });
  });
});

describe("the public contracts", () => {
  it("types raw calls from the spec, with the X-Disable-Hooks header the client sends left optional", async () => {
    const { raw } = createJobsClient({ token: "sk_x" });
    const { data } = await raw.GET("/jobs/{jobId}", { params: { path: { jobId: "us_jb_1" } } });
    expectTypeOf(data?.data.id).toEqualTypeOf<string | undefined>();
    void raw.GET("/jobs", { params: { query: { pageSize: 5 }, header: { "X-Disable-Hooks": "true" } } });
    // @ts-expect-error the path parameter is still required
    void raw.GET("/jobs/{jobId}", { params: {} });
    // @ts-expect-error no such path
    void raw.GET("/nope");
  });

  it("takes any fetch with the global fetch's signature, and hands it (url, init)", () => {
    expectTypeOf(globalThis.fetch).toMatchTypeOf<Fetch>();
    expectTypeOf<Parameters<Fetch>>().toEqualTypeOf<[url: string, init: RequestInit]>();
    createJobsClient({ token: "sk_x", fetch: (url, init) => globalThis.fetch(url, init) });
    // @ts-expect-error a fetch that takes a Request only does not fit
    createJobsClient({ token: "sk_x", fetch: (request: Request) => globalThis.fetch(request) });
  });

  it("names per-call options for what they assert, with one name each", () => {
    void jobs.get("j", { idempotent: false, timeout: Number.POSITIVE_INFINITY, maxRetries: 0 });
    // @ts-expect-error `retry` became `idempotent` (or maxRetries: 0)
    void jobs.get("j", { retry: true });
    // @ts-expect-error one name per option: signal
    void jobs.get("j", { abortSignal: new AbortController().signal });
    // @ts-expect-error durations are in milliseconds: timeout
    void jobs.get("j", { timeoutInSeconds: 5 });
    // @ts-expect-error waitFor's limit on the whole wait is maxWait; timeout is per attempt everywhere
    void jobs.waitFor("j", { timeout: 1000 });
  });
});
