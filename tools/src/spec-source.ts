// Where the descriptions to compare come from: openapi/openapi.yaml at a git ref (by default the last release,
// the latest commit that changed @flatfile-jobs/core's version) and in the working tree.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { Node } from "./spec";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SPEC = "openapi/openapi.yaml";

/** What stands where this project has not yet described an element `pnpm spec:update` took in; lint refuses it. */
export const PLACEHOLDER = "Not described yet.";

/** The commit of the latest version bump: the last commit that changed core's package.json "version". */
export function lastReleaseCommit(cwd: string = root): string {
  const commit = git(
    ["log", "-n", "1", "--format=%H", "-G", '"version":', "--", "packages/core/package.json"],
    cwd,
  ).trim();
  if (!commit)
    throw new Error("no release found (no commit changed packages/core/package.json's version); pass --base <git-ref>");
  return commit;
}

/** The description at `ref` (default: the last release) and the one in the working tree, parsed. */
export async function loadSpecs(
  ref?: string,
  cwd: string = root,
): Promise<{ base: string; before: Node; after: Node }> {
  const base = ref ?? lastReleaseCommit(cwd);
  let text: string;
  try {
    text = git(["show", `${base}:${SPEC}`], cwd);
  } catch {
    throw new Error(`${SPEC} does not exist at ${base} (or ${base} is not a commit); pass another --base`);
  }
  return { base, before: parse(text), after: parse(readFileSync(`${cwd}/${SPEC}`, "utf8")) };
}

function git(args: string[], cwd: string): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}
