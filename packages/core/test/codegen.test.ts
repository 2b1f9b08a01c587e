// The table of operations (tools/src/operations-table.ts) and the code generated from it
// (tools/src/codegen-operations.ts): names, arguments, idempotence and the errors that say what to change in the
// overlay. That the committed generated modules are what the spec gives is `pnpm check:generated`'s job; that a
// new operation compiles and runs end to end is `pnpm test:spec-evolution`'s.
import { jobsModule, operationsModule } from "@flatfile-jobs/tools/codegen-operations";
import { defaultFunctionName, operationTable } from "@flatfile-jobs/tools/operations-table";
import { spec } from "@flatfile-jobs/tools/spec";
import { describe, expect, it } from "vitest";

/** The real spec with one more path, as Flatfile could add it (after the overlay's shared parameters). */
function withOperation(path: string, item: object) {
  const doc = structuredClone(spec);
  doc.paths[path] = item;
  return doc;
}

const ok = { "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/JobResponse" } } } } };
const partId = { name: "partId", in: "path", required: true, schema: { type: "string" } };

describe("the table of operations", () => {
  it("names functions verb + Job + the rest of the operation id", () => {
    expect(defaultFunctionName("pause")).toBe("pauseJob");
    expect(defaultFunctionName("getExecutionPlan")).toBe("getJobExecutionPlan");
    expect(defaultFunctionName("ackOutcome")).toBe("ackJobOutcome");
  });

  it("has every path parameter, the body and query with whether they are required, and the idempotence", () => {
    const doc = withOperation("/jobs/{jobId}/parts/{partId}", {
      post: {
        operationId: "movePart",
        parameters: [
          { $ref: "#/components/parameters/JobIdPath" },
          partId,
          { name: "to", in: "query", required: true, schema: { type: "integer" } },
        ],
        requestBody: { content: { "application/json": { schema: { type: "object" } } } },
        responses: ok,
      },
    });
    const row = operationTable(doc).find((r) => r.operationId === "movePart");
    expect(row).toMatchObject({
      functionName: "moveJobPart",
      method: "POST",
      pathParams: ["jobId", "partId"],
      query: { required: true },
      body: { required: false, schema: undefined },
      response: "JobResponse",
      idempotent: false,
      idempotenceDecided: false,
    });
    // Without x-idempotent, by the method: a PUT is idempotent by HTTP's definition.
    const put = withOperation("/jobs/{jobId}/label", {
      put: { operationId: "setLabel", parameters: [{ $ref: "#/components/parameters/JobIdPath" }], responses: ok },
    });
    expect(operationTable(put).find((r) => r.operationId === "setLabel")).toMatchObject({
      idempotent: true,
      idempotenceDecided: false,
    });
    // The committed spec decides every one of its operations.
    expect(operationTable(spec).every((r) => r.idempotenceDecided)).toBe(true);
  });

  it.each([
    [
      "an operation id that is not a method name",
      withOperation("/jobs/{jobId}/pause", { post: { operationId: "pause-job", responses: ok } }),
      'POST /jobs/{jobId}/pause: its operationId "pause-job" is not a name a method can have; rename it in openapi/overlay.yaml',
    ],
    [
      "two operations that would be one function",
      withOperation("/jobs/again", {
        post: { operationId: "list2", "x-function-name": "listJobs", responses: ok },
      }),
      "POST /jobs/again and GET /jobs would both be the function listJobs",
    ],
    [
      "a header the client does not send",
      withOperation("/jobs/{jobId}/pause", {
        post: {
          operationId: "pause",
          parameters: [
            { $ref: "#/components/parameters/JobIdPath" },
            { name: "X-Reason", in: "header", schema: { type: "string" } },
          ],
          responses: ok,
        },
      }),
      "POST /jobs/{jobId}/pause: the client cannot send its header parameter X-Reason",
    ],
    [
      "a path parameter the path does not declare",
      withOperation("/jobs/{jobId}/parts/{partId}", {
        get: { operationId: "getPart", parameters: [{ $ref: "#/components/parameters/JobIdPath" }], responses: ok },
      }),
      "GET /jobs/{jobId}/parts/{partId}: the path has {partId} but no path parameter of that name",
    ],
  ])("refuses %s, saying what to change", (_, doc, message) => {
    expect(() => operationTable(doc)).toThrow(message);
  });
});

describe("the generated code", () => {
  const doc = withOperation("/jobs/{jobId}/parts/{partId}", {
    post: {
      operationId: "movePart",
      summary: "Move a part",
      description: "Moves one part of a job. A comment cannot end here: */",
      parameters: [
        { $ref: "#/components/parameters/JobIdPath" },
        partId,
        { name: "to", in: "query", required: true, schema: { type: "integer" } },
      ],
      requestBody: { content: { "application/json": { schema: { type: "object" } } } },
      responses: ok,
    },
  });
  const operations = operationsModule(operationTable(doc));
  const jobs = jobsModule(operationTable(doc));

  it("gives a new operation a function, with every path parameter in order and an optional body before a required query", () => {
    expect(operations).toContain(
      'export function moveJobPart(client: JobsCore, jobId: string, partId: string, body: MoveJobPartBody | undefined, query: MoveJobPartQuery, options?: RequestOptions): Result<"movePart"> {',
    );
    expect(operations).toContain(
      'return client[CALL]({ method: "POST", path: "/jobs/{jobId}/parts/{partId}" }, jobId, { path: { partId }, query, body }, options);',
    );
    expect(operations).toContain(
      'export type MoveJobPartBody = NonNullable<operations["movePart"]["requestBody"]>["content"]["application/json"];',
    );
    expect(operations).toContain('export type MoveJobPartQuery = operations["movePart"]["parameters"]["query"];');
    expect(operations).toContain(" * Moves one part of a job. A comment cannot end here: *\\/");
  });

  it("gives it a method of client.jobs, bound to the function", () => {
    expect(jobs).toContain(
      'movePart(jobId: string, partId: string, body: MoveJobPartBody | undefined, query: MoveJobPartQuery, options?: RequestOptions): Promise<OperationResult<"movePart">>;',
    );
    expect(jobs).toContain("    movePart: bind(moveJobPart),");
  });

  it("keeps today's functions as they were written by hand", () => {
    const today = operationsModule(operationTable(spec));
    expect(today).toContain(
      'export function listJobs(client: JobsCore, query?: ListJobsQuery, options?: RequestOptions): Result<"list"> {',
    );
    expect(today).toContain(
      'export function ackJob(client: JobsCore, jobId: string, body?: JobAckDetails, options?: RequestOptions): Result<"ack"> {',
    );
    expect(today).toContain("/** Body of `jobs.complete` and `jobs.fail`. */\nexport type JobCompleteDetails");
  });
});
