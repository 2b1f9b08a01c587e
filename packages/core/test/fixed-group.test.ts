// The published packages share one version: changesets' fixed group must hold exactly them, or a release would
// leave one behind (`check:changeset` stops on it). tools/src/packages.ts reads both from the checkout.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { fixedGroupProblems } from "@flatfile-jobs/tools/packages";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "fixed-group-"));
  await mkdir(join(root, ".changeset"));
  for (const [folder, manifest] of Object.entries({
    core: { name: "@x/core", version: "1.0.0" },
    cli: { name: "@x/cli", version: "1.0.0" },
    docs: { name: "@x/docs", version: "0.0.0", private: true },
  })) {
    await mkdir(join(root, "packages", folder), { recursive: true });
    await writeFile(join(root, "packages", folder, "package.json"), JSON.stringify(manifest));
  }
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const withFixed = async (fixed: string[][]) => {
  await writeFile(join(root, ".changeset/config.json"), JSON.stringify({ fixed }));
  return fixedGroupProblems(root);
};

describe("the fixed group of changesets", () => {
  it("is right when it holds exactly the published packages", async () => {
    expect(await withFixed([["@x/core", "@x/cli"]])).toEqual([]);
  });

  it("names a published package left out, one not published, and a second group", async () => {
    expect(await withFixed([["@x/core", "@x/docs"]])).toEqual([
      "@x/cli is published but not in the fixed group",
      "@x/docs is in the fixed group but not published",
    ]);
    expect(await withFixed([["@x/core"], ["@x/cli"]])).toContain("the packages must be one fixed group, not several");
  });

  it("holds for this repository", () => {
    expect(fixedGroupProblems(fileURLToPath(new URL("../../../", import.meta.url)))).toEqual([]);
  });
});
