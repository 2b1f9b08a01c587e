// The import of Flatfile's description (tools/src/upstream.ts) and the `$ref` walking the spec tools share
// (tools/src/refs.ts): Flatfile's words dropped and nothing else; a reference followed to its value, every reference
// reached from the paths, each once; what the import and the classifier do with schemas that refer to themselves.
// A cycle must end the walk (or be named), never loop. spec:update on the real description's structure is
// packages/node/test/spec-update.test.ts.
import { deref, RefCycleError, reachableRefs } from "@flatfile-jobs/tools/refs";
import { classify } from "@flatfile-jobs/tools/spec-diff";
import { dropProse, importJobs, plainSchemaName } from "@flatfile-jobs/tools/upstream";
import { describe, expect, it } from "vitest";

/** A description whose Job has parts that are Jobs, and a pair of schemas that refer to each other. */
function recursive() {
  return {
    openapi: "3.1.0",
    info: { version: "1.0.0" },
    paths: {
      "/jobs": {
        get: {
          operationId: "list",
          responses: {
            "200": { content: { "application/json": { schema: { $ref: "#/components/schemas/type_jobs:Job" } } } },
          },
        },
      },
    },
    components: {
      schemas: {
        "type_jobs:Job": {
          type: "object",
          properties: {
            parts: { type: "array", items: { $ref: "#/components/schemas/type_jobs:Job" } },
            tree: { $ref: "#/components/schemas/type_jobs:Tree" },
          },
        },
        "type_jobs:Tree": { type: "object", properties: { node: { $ref: "#/components/schemas/type_jobs:Node" } } },
        "type_jobs:Node": { type: "object", properties: { tree: { $ref: "#/components/schemas/type_jobs:Tree" } } },
        "type_spaces:Unused": { type: "string" },
      },
    },
  };
}

describe("the import", () => {
  it("drops every word of Flatfile's and keeps every name, a property or schema called `description` included", () => {
    const published = {
      info: { title: "API", description: "About it.", version: "1.0.0" },
      components: {
        schemas: {
          title: { type: "string", title: "title", example: "x" },
          Action: {
            type: "object",
            description: "An action.",
            properties: {
              description: { type: "string", description: "What it does.", examples: ["x"] },
              summary: { $ref: "#/components/schemas/title", externalDocs: { url: "https://example.com" } },
            },
            additionalProperties: { description: "Any type" },
          },
          Mode: { type: "string", enum: ["description", "title"], default: "title" },
        },
      },
    };
    expect(dropProse(published)).toEqual({
      info: { version: "1.0.0" },
      components: {
        schemas: {
          title: { type: "string" },
          Action: {
            type: "object",
            properties: { description: { type: "string" }, summary: { $ref: "#/components/schemas/title" } },
            additionalProperties: {},
          },
          Mode: { type: "string", enum: ["description", "title"], default: "title" },
        },
      },
    });
  });

  it("takes Fern's prefixes off schema names in either style, and nothing else", () => {
    expect(plainSchemaName("type_jobs:Job")).toBe("Job");
    expect(plainSchemaName("type_data-clips:Resolve")).toBe("Resolve");
    expect(plainSchemaName("type_jobs_Job")).toBe("Job");
    expect(plainSchemaName("type_agent-exports_AgentExportType")).toBe("AgentExportType");
    expect(plainSchemaName("JobId")).toBe("JobId");
    expect(plainSchemaName("type_lowercase_only")).toBe("type_lowercase_only");
  });

  it("refuses two schemas that would share a name once the prefixes are off", () => {
    const published = {
      openapi: "3.1.0",
      paths: { "/jobs": { get: { responses: {} } } },
      components: { schemas: { "type_jobs:Id": { type: "string" }, "type_commons:Id": { type: "string" } } },
    };
    expect(() => importJobs(published, "two-ids.json")).toThrow(
      "two-ids.json: schemas type_jobs:Id and type_commons:Id would both be named Id",
    );
  });
});

describe("following $refs", () => {
  it("follows a chain of references to its value, and says undefined for a reference to nothing", () => {
    const doc = { components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { type: "string" } } } };
    expect(deref(doc, { $ref: "#/components/schemas/A" })).toEqual({ type: "string" });
    expect(deref(doc, { $ref: "#/components/schemas/C" })).toBeUndefined();
    expect(deref(doc, { type: "integer" })).toEqual({ type: "integer" });
  });

  it("names a cycle of references that never reaches a value instead of looping", () => {
    const doc = {
      components: { schemas: { A: { $ref: "#/components/schemas/B" }, B: { $ref: "#/components/schemas/A" } } },
    };
    expect(() => deref(doc, { $ref: "#/components/schemas/A" })).toThrow(RefCycleError);
    expect(() => deref(doc, { $ref: "#/components/schemas/A" })).toThrow(
      "$ref cycle with no value in it: #/components/schemas/A → #/components/schemas/B → #/components/schemas/A",
    );
  });

  it("lists every reference reached from the paths once, in the order a walk meets them, through cycles", () => {
    const doc = recursive();
    expect(reachableRefs(doc, doc.paths)).toEqual([
      "#/components/schemas/type_jobs:Job",
      "#/components/schemas/type_jobs:Tree",
      "#/components/schemas/type_jobs:Node",
    ]);
  });
});

describe("schemas that refer to themselves", () => {
  it("are taken in by the import, with what they reach and nothing else", () => {
    const { doc } = importJobs(recursive(), "recursive.json");
    expect(Object.keys(doc.components.schemas)).toEqual(["Job", "Tree", "Node"]);
    expect(doc.components.schemas.Job.properties.parts.items).toEqual({ $ref: "#/components/schemas/Job" });
  });

  it("are compared by the classifier, which finds a change inside the cycle and ends", () => {
    const before = importJobs(recursive(), "before").doc;
    expect(classify(before, structuredClone(before)).changes).toEqual([]);
    const after = structuredClone(before);
    after.components.schemas.Node.properties.label = { type: "string" };
    const { bump, changes } = classify(before, after);
    expect(bump).toBe("minor");
    expect(changes.map((c) => c.pointer)).toContain("/components/schemas/Node/properties/label");
  });
});
