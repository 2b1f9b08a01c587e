import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { runToExit } from "./run-to-exit.js";
import type { Node } from "./spec.js";

// openapi/openapi.yaml is built from openapi/flatfile.yaml (Flatfile's description) and openapi/overlay.yaml (our
// differences) by scripts/build-spec.ts. That the committed openapi.yaml is what the build produces is
// `pnpm check:generated`'s job (CI runs it on every change); here: the build refuses an overlay that no longer fits
// Flatfile's description, and the differences that restate part of it (the union members) restate it faithfully.

const root = fileURLToPath(new URL("../../../", import.meta.url));
const FLATFILE = join(root, "openapi/flatfile.yaml");
const OVERLAY = join(root, "openapi/overlay.yaml");
const SPEC = join(root, "openapi/openapi.yaml");

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "overlay-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the build on flatfile.yaml with `overlay` (written to the temporary folder); the real files are untouched. */
async function build(overlay: Node): Promise<{ exit: number | string; output: string; written: boolean }> {
  const overlayFile = join(dir, "overlay.yaml");
  const out = join(dir, "openapi.yaml");
  await rm(out, { force: true });
  await writeFile(overlayFile, stringify(overlay));
  const result = await runToExit(
    [
      "--import",
      "tsx",
      join(root, "scripts/build-spec.ts"),
      "--base",
      FLATFILE,
      "--overlay",
      overlayFile,
      "--out",
      out,
    ],
    { limitMs: 60_000 },
  );
  const written = await readFile(out, "utf8").then(
    () => true,
    () => false,
  );
  return { ...result, written };
}

describe("the spec build (flatfile.yaml + overlay.yaml)", () => {
  it("stops at an overlay action whose target matches nothing, naming it by number and description", async () => {
    const committed = await readFile(SPEC, "utf8");
    const overlay = parse(await readFile(OVERLAY, "utf8"));
    // As if Flatfile had renamed the path: the real overlay, with one action's target on a path that does not exist.
    const index = overlay.actions.findIndex(
      (action: Node) => action.target === "$.paths['/jobs/{jobId}/outcome/ack'].post",
    );
    expect(index).toBeGreaterThan(0);
    overlay.actions[index].target = "$.paths['/jobs/{jobId}/outcome/acknowledge'].post";
    const { description } = overlay.actions[index];

    const { exit, output, written } = await build(overlay);
    expect(exit).toBe(1);
    expect(output).toContain(`action #${index + 1} ("${description}") matches nothing`);
    expect(output).toContain("$.paths['/jobs/{jobId}/outcome/acknowledge'].post");
    expect(written).toBe(false);
    expect(await readFile(SPEC, "utf8")).toBe(committed);
  });

  it("refuses what openapi-format would apply otherwise than Overlay 1.0 says", async () => {
    const overlay = (action: Node) => ({ overlay: "1.0.0", info: { title: "t", version: "1" }, actions: [action] });
    const toList = await build(overlay({ target: "$.paths.*.*.tags", description: "a list", update: { x: 1 } }));
    expect(toList.exit).toBe(1);
    expect(toList.output).toContain('action #1 ("a list"): the target selects a list');
    const many = await build(
      overlay({ target: "$.paths['/jobs'].get.parameters[?(@.in == 'query')]", description: "ten", remove: true }),
    );
    expect(many.exit).toBe(1);
    expect(many.output).toContain("selects several items of one list");
    const bare = await build(overlay({ target: "$.info", update: { summary: "s" } }));
    expect(bare.exit).toBe(1);
    expect(bare.output).toContain('every action needs a "description"');
  });
});

describe("the differences that restate part of Flatfile's description", () => {
  let flatfile: Node;
  let built: Node;
  beforeAll(async () => {
    flatfile = parse(await readFile(FLATFILE, "utf8"));
    built = parse(await readFile(SPEC, "utf8"));
  });

  /** What a schema accepts, as far as these unions go: its property names and required list, or the rest of it. */
  function shape(doc: Node, schema: Node): unknown {
    const named = doc.components.schemas;
    const resolve = (s: Node): Node => (s?.$ref ? resolve(named[s.$ref.split("/").pop()]) : s);
    const flat = (s: Node): Node => {
      const own = resolve(s);
      const parts = [...(own.allOf ?? []).map(flat), own];
      return {
        ...Object.assign({}, ...parts),
        properties: Object.assign({}, ...parts.map((p: Node) => p.properties ?? {})),
        required: [...new Set(parts.flatMap((p: Node) => p.required ?? []))].sort(),
      };
    };
    // Difference 11 writes Flatfile's free-form maps (`additionalProperties: {}`, a schema that takes anything)
    // as `true`.
    const s = JSON.parse(JSON.stringify(flat(schema)), (key, value) =>
      key === "additionalProperties" && typeof value === "object" && Object.keys(value).length === 0 ? true : value,
    );
    if (s.type === "object" && Object.keys(s.properties).length > 0)
      return { properties: Object.keys(s.properties).sort(), required: s.required };
    const { description: _d, examples: _e, title: _t, allOf: _a, properties: _p, required: _r, ...rest } = s;
    return rest;
  }

  it("every union has the same members as in flatfile.yaml (named instead of inline, anyOf where it overlaps)", () => {
    const unions = Object.entries<Node>(flatfile.components.schemas).filter(([, s]) => s.oneOf);
    expect(unions.length).toBeGreaterThan(8);
    for (const [name, schema] of unions) {
      const ours = built.components.schemas[name];
      const members = ours.oneOf ?? ours.anyOf;
      expect(members, name).toBeDefined();
      expect(
        members.map((m: Node) => shape(built, m)),
        name,
      ).toEqual(schema.oneOf.map((m: Node) => shape(flatfile, m)));
    }
    const anyOf = Object.keys(built.components.schemas).filter((name) => built.components.schemas[name].anyOf);
    expect(anyOf.sort()).toEqual(["CellValueUnion", "JobUpdateConfig"]);
  });

  it("JobExecutionPlanConfigRequest has Flatfile's fields and required list", () => {
    const name = "JobExecutionPlanConfigRequest";
    expect(shape(built, built.components.schemas[name])).toEqual(shape(flatfile, flatfile.components.schemas[name]));
  });
});
