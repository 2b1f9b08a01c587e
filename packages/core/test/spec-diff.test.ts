// The classifier behind `pnpm spec:diff` and `check:changeset`, proved on fixture pairs (scripts/fixtures/spec-diff:
// base.yaml and, per case, the JSON Patch that makes the "after"), and on the real description.
import { readFileSync } from "node:fs";
import { applyPatch, type PatchOperation } from "@flatfile-jobs/tools/json-patch";
import { spec } from "@flatfile-jobs/tools/spec";
import { classify } from "@flatfile-jobs/tools/spec-diff";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const dir = new URL("../../../scripts/fixtures/spec-diff/", import.meta.url);
const base = parse(readFileSync(new URL("base.yaml", dir), "utf8"));

interface Case {
  name: string;
  bump: string;
  /** Operations that make the "before" from base.yaml, when the case needs another one. */
  base?: PatchOperation[];
  patch: PatchOperation[];
  changes: Array<{ level: string; pointer: string }>;
}
const cases: Case[] = parse(readFileSync(new URL("cases.yaml", dir), "utf8"));

describe("classifying changes from an app's point of view", () => {
  it.each(cases)("$name: $bump", ({ base: before = [], patch, bump, changes }) => {
    const from = applyPatch(base, before) as object;
    const result = classify(from, applyPatch(from, patch) as object);
    expect(result.bump).toBe(bump);
    const found = [...new Set(result.changes.map((c) => `${c.level} ${c.pointer}`))].sort();
    expect(found).toEqual(changes.map((c) => `${c.level} ${c.pointer}`).sort());
    for (const change of result.changes) expect(change.message).not.toBe("");
  });

  it("names the operation each change reaches", () => {
    const removed = classify(
      base,
      applyPatch(base, [{ op: "remove", path: "/paths/~1jobs~1{jobId}~1complete" }]) as object,
    );
    expect(removed.changes).toEqual([
      {
        level: "breaking",
        operation: "complete",
        pointer: "/paths/~1jobs~1{jobId}~1complete/post",
        message: "operation POST /jobs/{jobId}/complete removed",
      },
    ]);
  });
});

describe("the real description", () => {
  it("is unchanged against itself, and compared in well under 10 s", () => {
    const started = performance.now();
    expect(classify(spec, structuredClone(spec))).toEqual({ bump: "none", changes: [] });
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it("takes a removed operation and an added optional Job field as major, naming both", () => {
    const next = structuredClone(spec);
    delete next.paths["/jobs/{jobId}/split"];
    // A field the description does not have (whatever Flatfile adds, it is not this one).
    next.components.schemas.Job.properties.addedByThisTest = { type: "integer" };
    const { bump, changes } = classify(spec, next);
    expect(bump).toBe("major");
    expect(changes.map((c) => `${c.level} ${c.operation} ${c.pointer}`)).toEqual(
      expect.arrayContaining([
        "breaking split /paths/~1jobs~1{jobId}~1split/post",
        expect.stringMatching(/^non-breaking \w+ \/components\/schemas\/Job\/properties\/addedByThisTest$/),
      ]),
    );
  });
});
