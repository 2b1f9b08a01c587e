// `pnpm spec:update` on bad input stops with a message that shows every problem and changes nothing, and on
// Flatfile's published description (scripts/fixtures/published/flatfile-api.yaml: the real one's structure, none of
// its words), in every form it is found in, finds nothing to change: openapi/flatfile.yaml is what it makes of it.
// The chain that changes things, up to an app's `npm update`, is `pnpm test:spec-evolution`.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { jobsPartCopy, nextDescription, publishedFixture } from "@flatfile-jobs/tools/published-fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const WATCHED = [
  "openapi/flatfile.yaml",
  "scripts/fixtures/published/flatfile-api.yaml",
  "openapi/openapi.yaml",
  "packages/core/src/generated/schema.ts",
  "packages/testing/src/generated/openapi.json",
];
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "spec-update-test-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function fingerprint(): Promise<string> {
  const hash = createHash("sha256");
  for (const file of WATCHED) hash.update(await readFile(join(root, file)));
  return hash.digest("hex");
}

async function specUpdate(source: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", "scripts/spec-update.ts", source],
      {
        cwd: root,
        env: { ...process.env, REDOCLY_TELEMETRY: "off" },
      },
    );
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, output: e.stdout + e.stderr };
  }
}

describe("pnpm spec:update", () => {
  it.each([
    ["not OpenAPI", "{}", /is not an OpenAPI description \(it has no "openapi" field\)/],
    ["OpenAPI 3.0", '{"openapi":"3.0.3","paths":{}}', /is OpenAPI 3\.0\.3; Flatfile publishes OpenAPI 3\.1/],
    [
      "OpenAPI 3.2 that uses 3.2",
      '{"openapi":"3.2.0","paths":{"/jobs":{"query":{"responses":{}}}}}',
      /is OpenAPI 3\.2\.0 and its Jobs part uses what OpenAPI 3\.1 cannot say \(a path item's query\)/,
    ],
    ["no /jobs paths", '{"openapi":"3.1.0","paths":{"/spaces":{}}}', /has no \/jobs paths/],
    ["a YAML error", "openapi: 3.1.0\npaths: [unclosed", /is neither JSON nor YAML/],
  ])("refuses %s, changing nothing", async (_, text, message) => {
    const file = join(dir, "input.yaml");
    await writeFile(file, text);
    const before = await fingerprint();
    const { code, output } = await specUpdate(file);
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output).toMatch(/Nothing was changed\.$/m);
    expect(await fingerprint()).toBe(before);
  });

  it("refuses a file that is not there and a URL nothing answers, changing nothing", async () => {
    const before = await fingerprint();
    expect((await specUpdate(join(dir, "missing.json"))).output).toMatch(/could not read .*: no such file/);
    // A port that was free a moment ago: nothing listens there.
    const port = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, "127.0.0.1", () => {
        const { port } = server.address() as { port: number };
        server.close(() => resolve(port));
      });
    });
    const unreachable = await specUpdate(`http://127.0.0.1:${port}/openapi.json`);
    expect(unreachable.code).toBe(1);
    expect(unreachable.output).toMatch(/could not fetch http:\/\/127\.0\.0\.1:\d+\/openapi\.json: ECONNREFUSED/);
    expect(await fingerprint()).toBe(before);
  });

  // The forms Flatfile's description is found in: the whole API (JSON, as reference.flatfile.com serves it, or
  // YAML) and its Jobs part alone as copies have it (names `type_jobs:Job` or `type_jobs_Job`, a 3.2.0 label).
  const forms: [string, string, () => string][] = [
    ["the whole API, JSON", "whole.json", () => JSON.stringify(publishedFixture())],
    ["the whole API, YAML", "whole.yaml", () => stringify(publishedFixture())],
    ["the Jobs part, `type_jobs:Job` names", "jobs.yaml", () => stringify(jobsPartCopy(publishedFixture()))],
    [
      "the Jobs part, `type_jobs_Job` names, labelled 3.2.0",
      "jobs-3.2.json",
      () => JSON.stringify(jobsPartCopy(publishedFixture(), { underscores: true, label: "3.2.0" })),
    ],
  ];
  it.each(forms)("finds nothing to change in Flatfile's published description: %s", async (_, name, text) => {
    const file = join(dir, name);
    await writeFile(file, text());
    const before = await fingerprint();
    const { code, output } = await specUpdate(file);
    expect(output).not.toMatch(/spec:update:/);
    expect(code).toBe(0);
    expect(output).toMatch(/0 change\(s\), bump: none/);
    expect(output).toMatch(/Nothing changed; no file was written\./);
    expect(await fingerprint()).toBe(before);
  });

  it("shows every lint error of the built description, counted, each with its pointer", async () => {
    const file = join(dir, "unlintable.json");
    // Two faults Flatfile could publish: a required property that does not exist, an enum value given twice.
    const doc = nextDescription([
      { op: "add", path: "/components/schemas/type_jobs:JobCancelDetails/required", value: ["reason"] },
      { op: "add", path: "/components/schemas/type_jobs:Trigger/enum/-", value: "manual" },
    ]);
    await writeFile(file, JSON.stringify(doc));
    const before = await fingerprint();
    const { code, output } = await specUpdate(file);
    expect(code).toBe(1);
    const [, errors, warnings] =
      /does not lint \(redocly, the rules of redocly\.yaml\): (\d+) error\(s\), (\d+) warning\(s\)/.exec(output) ?? [];
    // Each problem on two lines: what, and where; as many as the count says (one more: an example no longer fits).
    const listed = output.match(/^ {2}(error|warn) \[[\w-]+\] .*\n {6}at \/\S+/gm) ?? [];
    expect(listed).toHaveLength(Number(errors) + Number(warnings));
    expect(Number(errors)).toBeGreaterThanOrEqual(2);
    expect(output).toMatch(
      /error \[no-required-schema-properties-undefined\] .*\n\s+at \/components\/schemas\/JobCancelDetails\/required\/0/,
    );
    expect(output).toMatch(/error \[no-duplicated-enum-values\] .*\n\s+at \/components\/schemas\/Trigger\/enum/);
    expect(output).toMatch(/Nothing was changed\.$/m);
    expect(await fingerprint()).toBe(before);
  });

  it("names every overlay action the new description leaves stale, not just the first", async () => {
    const file = join(dir, "stale.json");
    // Without the outcome/ack operation, every action of ours that targets it matches nothing; without a property,
    // the description we give it would bring it back as an empty schema.
    const doc = nextDescription([
      { op: "remove", path: "/paths/~1jobs~1{jobId}~1outcome~1ack" },
      { op: "remove", path: "/components/schemas/type_jobs:Job/properties/outcomeAcknowledgedAt" },
    ]);
    await writeFile(file, JSON.stringify(doc));
    const before = await fingerprint();
    const { code, output } = await specUpdate(file);
    expect(code).toBe(1);
    const count = Number(/(\d+) overlay action\(s\) no longer fit/.exec(output)?.[1]);
    const listed = output.split("\n").filter((line) => /^\s+overlay\.yaml: action #\d+/.test(line));
    expect(listed).toHaveLength(count);
    expect(count).toBeGreaterThanOrEqual(4);
    expect(output).toContain("matches nothing in flatfile.yaml: $.paths['/jobs/{jobId}/outcome/ack'].post");
    expect(output).toMatch(
      /\[12\] Job: .* describes what flatfile\.yaml does not have: \/properties\/outcomeAcknowledgedAt under/,
    );
    expect(output).toMatch(/Nothing was changed\.$/m);
    expect(await fingerprint()).toBe(before);
  });
});
