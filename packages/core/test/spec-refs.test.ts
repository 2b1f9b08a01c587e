// The `$ref` walking the spec tools share (tools/src/refs.ts): a reference followed to its value, every reference
// reached from the paths, each once, and what the import and the classifier do with schemas that refer to
// themselves. A cycle must end the walk (or be named), never loop.
import { deref, RefCycleError, reachableRefs } from "@flatfile-jobs/tools/refs";
import { classify } from "@flatfile-jobs/tools/spec-diff";
import { importJobs } from "@flatfile-jobs/tools/upstream";
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
