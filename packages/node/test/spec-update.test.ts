// `pnpm spec:update` on bad input stops with a message and changes nothing, and on Flatfile's description as it is
// (openapi/flatfile.yaml, shaped as Flatfile publishes the whole API) finds nothing to change. The chain that
// changes things, up to an app's `npm update`, is `pnpm test:spec-evolution`.
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { publishedDescription } from "@flatfile-jobs/tools/published-fixture";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = fileURLToPath(new URL("../../../", import.meta.url));
const WATCHED = [
  "openapi/flatfile.yaml",
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

  it("finds nothing to change in Flatfile's description as it is, published as the whole API", async () => {
    const flatfile = parse(await readFile(join(root, "openapi/flatfile.yaml"), "utf8"));
    const file = join(dir, "published.json");
    await writeFile(file, JSON.stringify(publishedDescription(flatfile)));
    const before = await fingerprint();
    const { code, output } = await specUpdate(file);
    expect(code).toBe(0);
    expect(output).toMatch(/0 change\(s\), bump: none/);
    expect(output).toMatch(/Nothing changed; no file was written\./);
    expect(await fingerprint()).toBe(before);
  });
});
