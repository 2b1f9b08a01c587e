// The statuses that end a job, generated from `x-terminal` on JobStatus (tools/src/codegen-statuses.ts): what the
// generated module answers for a description that lists another status, and the errors that say what to fix in
// the overlay. That the committed module is what the spec gives is `pnpm check:generated`'s job.
import { statusesModule } from "@flatfile-jobs/tools/codegen-statuses";
import { spec } from "@flatfile-jobs/tools/spec";
import { transformSync } from "esbuild";
import { describe, expect, it } from "vitest";

/** The real spec with JobStatus changed by `change`. */
function withJobStatus(change: (schema: Record<string, unknown> & { enum: string[] }) => void) {
  const doc = structuredClone(spec);
  change(doc.components.schemas.JobStatus);
  return doc;
}

/** The generated module, compiled and loaded as the package would load it. */
async function load(doc: object) {
  const { code } = transformSync(statusesModule(doc), { loader: "ts", format: "esm" });
  return import(`data:text/javascript;base64,${Buffer.from(code).toString("base64")}`);
}

describe("the generated statuses", () => {
  it("end a job where the description says, each the way it says, and read any other status as running", async () => {
    const { jobEnding, TERMINAL_JOB_STATUSES } = await load(spec);
    expect(TERMINAL_JOB_STATUSES).toEqual(["complete", "failed", "canceled"]);
    expect(["complete", "failed", "canceled"].map(jobEnding)).toEqual(["succeeded", "failed", "canceled"]);
    for (const running of ["created", "planning", "scheduled", "ready", "executing", "waiting", "paused", undefined])
      expect(jobEnding(running)).toBeUndefined();
  });

  it("follow a status the description adds to the list", async () => {
    const doc = withJobStatus((schema) => {
      schema.enum.push("expired");
      (schema["x-terminal"] as Record<string, string>).expired = "failed";
    });
    const { jobEnding, TERMINAL_JOB_STATUSES } = await load(doc);
    expect(TERMINAL_JOB_STATUSES).toContain("expired");
    expect(jobEnding("expired")).toBe("failed");
  });

  it("are refused when the description does not list them, saying where to", () => {
    const doc = withJobStatus((schema) => {
      delete schema["x-terminal"];
    });
    expect(() => statusesModule(doc)).toThrow(/JobStatus has no x-terminal: .*openapi\/overlay\.yaml/);
  });

  it("are refused when x-terminal names a status the enum lacks, or an ending there is not", () => {
    const misspelt = withJobStatus((schema) => {
      (schema["x-terminal"] as Record<string, string>).cancelled = "canceled";
    });
    expect(() => statusesModule(misspelt)).toThrow(
      /x-terminal names "cancelled", which is not one of its enum's values/,
    );
    const unknownEnding = withJobStatus((schema) => {
      (schema["x-terminal"] as Record<string, string>).failed = "error";
    });
    expect(() => statusesModule(unknownEnding)).toThrow(/"failed" ends a job as "error"; it must be one of succeeded/);
  });
});
