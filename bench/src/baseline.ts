// `--baseline <git-ref>`: this client as built from an earlier commit, measured in the same run as the current
// build, so "before" and "after" share a machine, a load and a process. The commit's tree is exported with
// `git archive` into a folder under the system's temp directory (kept, keyed by commit, so a second run reuses
// it), installed with pnpm from the store, and its core, node and browser packages are built there.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ROOT_DIR } from "./processes.js";
import { progress } from "./progress.js";

/** An earlier build of this client: where it is, and how the report names it. */
export interface Baseline {
  dir: string;
  /** The short commit, e.g. `fa93c63`. */
  label: string;
}

/** Exports, installs and builds `ref` (once per commit); throws with the failing command's output. */
export function prepareBaseline(ref: string): Baseline {
  const git = (...args: string[]) => execFileSync("git", args, { cwd: ROOT_DIR, encoding: "utf8" }).trim();
  let label: string;
  try {
    label = git("rev-parse", "--short", `${ref}^{commit}`);
  } catch {
    throw new Error(`--baseline ${ref}: not a commit of this repository (git rev-parse failed)`);
  }
  const dir = join(tmpdir(), `flatfile-jobs-bench-${label}`);
  const built = ["core", "node", "browser"].every((name) =>
    existsSync(join(dir, "packages", name, "dist", "index.mjs")),
  );
  if (built) return { dir, label };

  progress(`baseline ${label}: exporting, installing and building in ${dir}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const run = (command: string, args: string[], cwd: string) => {
    try {
      execFileSync(command, args, { cwd, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
    } catch (error) {
      const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
      throw new Error(`baseline ${label}: \`${command} ${args.join(" ")}\` failed:\n${stdout}${stderr}`);
    }
  };
  run("sh", ["-c", `git archive ${label} | tar -x -C "${dir}"`], ROOT_DIR);
  run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], dir);
  for (const name of ["core", "node", "browser"]) run("pnpm", ["run", "build"], join(dir, "packages", name));
  return { dir, label };
}
