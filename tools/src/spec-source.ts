// Where the descriptions to compare come from, and the placeholder of what is not described yet: openapi/openapi.yaml at a git ref (by default the last release,
// the latest commit that changed @flatfile-jobs/core's version) and in the working tree.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { encodeSegment, type Node } from "./refs";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SPEC = "openapi/openapi.yaml";

/**
 * What the spec build writes where an operation, response or parameter has no description of this project's yet
 * (one Flatfile added: its words are not taken in); `pnpm lint:spec` refuses it.
 */
export const PLACEHOLDER = "Not described yet.";

/** The JSON pointers of every placeholder in a description. */
export function placeholders(doc: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, pointer: string) => {
    if (node === PLACEHOLDER) found.push(pointer);
    else if (typeof node === "object" && node !== null)
      for (const [key, value] of Object.entries(node)) walk(value, `${pointer}/${encodeSegment(key)}`);
  };
  walk(doc, "");
  return found;
}

/**
 * The commit of the latest version bump: the last commit that changed core's package.json "version". In a shallow
 * clone (what CI services check out by default) the history is cut off and its oldest commit seems to add every
 * line, which would make the base the clone's own commit and every change vanish: the history is fetched first
 * (`git fetch --unshallow`), or, when that fails, it stops saying how to get it.
 */
export function lastReleaseCommit(cwd: string = root): string {
  if (git(["rev-parse", "--is-shallow-repository"], cwd).trim() === "true") unshallow(cwd);
  const commit = git(
    ["log", "-n", "1", "--format=%H", "-G", '"version":', "--", "packages/core/package.json"],
    cwd,
  ).trim();
  if (!commit)
    throw new Error("no release found (no commit changed packages/core/package.json's version); pass --base <git-ref>");
  return commit;
}

/** Fetches the whole history of a shallow clone, or throws an error that says how to get it. */
function unshallow(cwd: string): void {
  let reason = "the clone has no remote to fetch from";
  try {
    git(["fetch", "--quiet", "--unshallow"], cwd);
  } catch (error) {
    reason =
      String((error as { stderr?: string }).stderr ?? error)
        .trim()
        .split("\n")
        .at(-1) ?? reason;
  }
  // Without a remote, git's fetch does nothing and succeeds: whether the history is whole is what counts.
  if (git(["rev-parse", "--is-shallow-repository"], cwd).trim() !== "false") {
    throw new Error(
      `this is a shallow clone: its history is cut off, so the last release cannot be found and every change ` +
        `would be compared with itself. Fetch the history (git fetch --unshallow), or fetch the last release's ` +
        `commit or tag and pass it as --base <git-ref>. (git fetch --unshallow did not: ${reason}.)`,
    );
  }
}

/** The description at `ref` (default: the last release) and the one in the working tree, parsed. */
export async function loadSpecs(
  ref?: string,
  cwd: string = root,
): Promise<{ base: string; before: Node; after: Node }> {
  const base = ref ?? lastReleaseCommit(cwd);
  const text = fileAt(base, SPEC, cwd);
  if (text === undefined) {
    throw new Error(`${SPEC} does not exist at ${base} (or ${base} is not a commit); pass another --base`);
  }
  return { base, before: parse(text), after: parse(readFileSync(`${cwd}/${SPEC}`, "utf8")) };
}

/** A file of the repository (a path from its root) as it was at `ref`, or undefined when it did not exist there. */
export function fileAt(ref: string, file: string, cwd: string = root): string | undefined {
  try {
    return git(["show", `${ref}:${file}`], cwd);
  } catch {
    return undefined;
  }
}

function git(args: string[], cwd: string): string {
  return execFileSync("git", args, {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
    maxBuffer: 64 * 1024 * 1024,
  });
}
