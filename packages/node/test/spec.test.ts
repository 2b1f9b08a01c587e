import { describe, expect, it } from "vitest";
import { deref, type Node, spec } from "./spec.js";

// The spec checked against the facts of Flatfile's Jobs API (method + path pairs, headers, bodies, enums),
// so that an edit which breaks one of them fails here and not in a user's app.

const methods = ["get", "put", "post", "patch", "delete"] as const;
const ops = Object.entries<Node>(spec.paths ?? {}).flatMap(([path, item]) =>
  methods.flatMap((method) => (item?.[method] ? [{ path, method, op: item[method] }] : [])),
);
const byId = (id: string): Node => {
  const found = ops.find((o) => o.op.operationId === id);
  if (!found) throw new Error(`no operation ${id}`);
  return found.op;
};
const schema = (name: string): Node => {
  const found = spec.components?.schemas?.[name];
  if (!found) throw new Error(`no schema ${name}`);
  return found;
};
const refName = (node: Node | undefined): string | undefined => node?.$ref?.split("/").pop();
const jsonSchemaOf = (node: Node | undefined): Node | undefined => deref(node)?.content?.["application/json"]?.schema;
const enumOf = (name: string): unknown => schema(name).enum;

/** The operations of Flatfile's Jobs API, by method, path and the SDK's method name (the facts, not a count). */
const KNOWN = [
  "GET /jobs list",
  "POST /jobs create",
  "GET /jobs/{jobId} get",
  "PATCH /jobs/{jobId} update",
  "DELETE /jobs/{jobId} delete",
  "POST /jobs/{jobId}/execute execute",
  "GET /jobs/{jobId}/plan getExecutionPlan",
  "PUT /jobs/{jobId}/plan updateExecutionPlan",
  "PATCH /jobs/{jobId}/plan updateExecutionPlanFields",
  "POST /jobs/{jobId}/ack ack",
  "POST /jobs/{jobId}/outcome/ack ackOutcome",
  "POST /jobs/{jobId}/complete complete",
  "POST /jobs/{jobId}/fail fail",
  "POST /jobs/{jobId}/cancel cancel",
  "POST /jobs/{jobId}/retry retry",
  "POST /jobs/preview-mutation previewMutation",
  "POST /jobs/{jobId}/split split",
];
/** Those operations of the spec (the facts below are theirs; an operation Flatfile adds is checked by its own). */
const known = ops.filter(({ method, path, op }) => KNOWN.includes(`${method.toUpperCase()} ${path} ${op.operationId}`));

describe("the OpenAPI description of the Jobs API", () => {
  it("has the operations the facts list, with Flatfile's methods, paths and the SDK's method names", () => {
    // Flatfile may add operations (the client is generated for whatever the spec has); none of these may go.
    expect(ops.map(({ method, path, op }) => `${method.toUpperCase()} ${path} ${op.operationId}`)).toEqual(
      expect.arrayContaining(KNOWN),
    );
  });

  it("is served from api.x.flatfile.com/v1 first, then the regional platform URLs", () => {
    const urls = spec.servers.map((s: Node) => s.url);
    expect(urls[0]).toBe("https://api.x.flatfile.com/v1");
    for (const region of ["", "uk.", "eu.", "au.", "ca."])
      expect(urls).toContain(`https://platform.${region}flatfile.com/api/v1`);
  });

  it("authenticates with a bearer token and requires X-Disable-Hooks: true on every operation", () => {
    const schemes = spec.components?.securitySchemes ?? {};
    const [name, scheme] = Object.entries(schemes)[0] ?? [];
    expect(scheme).toMatchObject({ type: "http", scheme: "bearer" });
    expect(spec.security).toEqual([{ [name as string]: [] }]);
    for (const { op } of ops) {
      const params = op.parameters.map((p: Node) => deref(p));
      const hooks = params.find((p: Node) => p?.in === "header" && String(p?.name).toLowerCase() === "x-disable-hooks");
      expect(hooks, `${op.operationId}`).toMatchObject({ required: true, schema: { type: "string", enum: ["true"] } });
    }
  });

  it("answers 200 with the documented body, and declares the Errors body for 400/401/403/404/429/500", () => {
    const expected: Record<string, string> = {
      list: "ListJobsResponse",
      delete: "Success",
      execute: "Success",
      getExecutionPlan: "JobPlanResponse",
      updateExecutionPlan: "JobPlanResponse",
      updateExecutionPlanFields: "JobPlanResponse",
      previewMutation: "DiffRecordsResponse",
    };
    for (const { op } of ops) {
      const id = op.operationId as string;
      const codes = Object.keys(op.responses ?? {}).sort();
      expect(codes, id).toEqual(["200", "400", "401", "403", "404", "429", "500"]);
      if (known.some((k) => k.op === op))
        expect(refName(jsonSchemaOf(op.responses?.["200"])), id).toBe(expected[id] ?? "JobResponse");
      for (const code of ["400", "401", "403", "404", "429", "500"]) {
        expect(refName(jsonSchemaOf(op.responses?.[code])), `${id} ${code}`).toBe("Errors");
      }
    }
    expect(schema("Errors").required).toEqual(["errors"]);
    expect(schema("Error").required).toEqual(["message"]);
  });

  it("takes the documented request bodies, optional exactly for ack, complete, fail and cancel", () => {
    const bodies: Record<string, [string, boolean]> = {
      create: ["JobConfig", true],
      update: ["JobUpdate", true],
      updateExecutionPlan: ["JobExecutionPlanRequest", true],
      updateExecutionPlanFields: ["JobExecutionPlanConfigRequest", true],
      previewMutation: ["MutateJobConfig", true],
      split: ["JobSplitDetails", true],
      ack: ["JobAckDetails", false],
      complete: ["JobCompleteDetails", false],
      fail: ["JobCompleteDetails", false],
      cancel: ["JobCancelDetails", false],
    };
    for (const { op } of known) {
      const id = op.operationId as string;
      const body = deref(op.requestBody);
      if (!bodies[id]) {
        expect(body, id).toBeUndefined();
        continue;
      }
      expect([refName(jsonSchemaOf(body)), Boolean(body?.required)], id).toEqual(bodies[id]);
    }
  });

  it("lists jobs with the 10 optional query parameters", () => {
    const params = byId("list")
      .parameters.map((p: Node) => deref(p))
      .filter((p: Node) => p?.in === "query");
    expect(params.map((p: Node) => p?.name).sort()).toEqual(
      [
        "environmentId",
        "spaceId",
        "workbookId",
        "fileId",
        "parentId",
        "pageSize",
        "pageNumber",
        "sortDirection",
        "excludeChildJobs",
        "source",
      ].sort(),
    );
    for (const p of params) expect(p?.required ?? false, String(p?.name)).toBe(false);
    const type = (name: string) => params.find((p: Node) => p?.name === name)?.schema?.type;
    expect([type("pageSize"), type("pageNumber"), type("excludeChildJobs")]).toEqual(["integer", "integer", "boolean"]);
    expect(enumOf("SortDirection")).toEqual(["asc", "desc"]);
    expect(schema("ListJobsResponse").required).toEqual(["data"]);
    expect([...schema("Pagination").required].sort()).toEqual(["currentPage", "pageCount", "totalCount"]);
  });

  it("shapes a Job as Flatfile does", () => {
    const job = schema("Job");
    expect([...job.required].sort()).toEqual(
      ["type", "operation", "source", "id", "createdBy", "createdAt", "updatedAt"].sort(),
    );
    for (const field of ["createdAt", "updatedAt", "startedAt", "finishedAt", "outcomeAcknowledgedAt"]) {
      expect(job.properties?.[field]?.format, field).toBe("date-time");
    }
    // A job's outcome is a free-form map; only complete/fail bodies use the structured JobOutcome.
    expect(job.properties?.outcome).toMatchObject({ type: "object", additionalProperties: true });
    expect(job.properties?.progress?.type).toBe("integer");
    expect(refName(schema("JobCompleteDetails").properties?.outcome)).toBe("JobOutcome");
  });

  it("has the enums and unions of the real API", () => {
    expect(enumOf("JobStatus")).toEqual([
      "created",
      "planning",
      "scheduled",
      "ready",
      "executing",
      "complete",
      "failed",
      "canceled",
      "waiting",
    ]);
    expect(enumOf("JobType")).toEqual([
      "file",
      "workbook",
      "sheet",
      "space",
      "document",
      "app",
      "agent",
      "autobuild",
      "onboarding",
    ]);
    expect(enumOf("JobMode")).toEqual(["foreground", "background", "toolbarBlocking", "hidden"]);
    expect(enumOf("Trigger")).toEqual(["manual", "immediate"]);
    expect(enumOf("JobPartExecution")).toEqual(["sequential", "parallel"]);
    expect(enumOf("JobOutcomeTriggerType")).toEqual(["manual", "automatic", "automatic_silent"]);
    expect(enumOf("JobOutcomeTriggerAudience")).toEqual(["originator", "all"]);

    const next = schema("JobOutcomeNext");
    expect(next.discriminator?.propertyName).toBe("type");
    expect(Object.keys(next.discriminator?.mapping ?? {}).sort()).toEqual(
      ["id", "url", "download", "files", "wait", "snapshot", "retry", "view", "clearFilters"].sort(),
    );
    expect(Object.keys(schema("JobSubject").discriminator?.mapping ?? {}).sort()).toEqual(["collection", "resource"]);

    // config: the undiscriminated union of 23 members, {} among them.
    const config = schema("JobUpdateConfig");
    const members = config.anyOf ?? config.oneOf;
    expect(members).toHaveLength(23);
    expect(members.map(refName)).toContain("EmptyObject");
    expect(config.discriminator).toBeUndefined();
  });

  it("keeps the odd bodies: split parts, repeated plan ids, preview-mutation's required fields", () => {
    expect(schema("JobSplitDetails").required).toEqual(["parts"]);
    const parts = schema("JobParts").oneOf.map((m: Node) => deref(m)?.type);
    expect(parts).toEqual(["integer", "array"]);
    expect([...schema("JobExecutionPlanRequest").required].sort()).toEqual(
      ["fieldMapping", "unmappedSourceFields", "unmappedDestinationFields", "fileId", "jobId"].sort(),
    );
    expect([...schema("JobExecutionPlanConfigRequest").required].sort()).toEqual(["fileId", "jobId"]);
    expect([...schema("MutateJobConfig").required].sort()).toEqual(["mutateRecord", "sheetId"]);
  });
});
