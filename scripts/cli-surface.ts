// `pnpm cli:surface` (write) / `tsx scripts/cli-surface.ts --check` (packages/cli's `check`): writes, or compares with the
// program, packages/cli/etc/cli.surface.json, the flatfile-jobs command's public surface read from the commander
// program main.ts builds (commands, arguments, options, exit codes, the JSON Schema of each command's --json).
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { type CliSurface, classifyCliSurfaceChange } from "@flatfile-jobs/tools/cli-surface-diff";
import { parse } from "yaml";
import { buildProgram } from "../packages/cli/src/main.js";
import { cliSurface, type OpenApiDocument } from "../packages/cli/src/surface.js";

const root = fileURLToPath(new URL("..", import.meta.url));
const REPORT = "packages/cli/etc/cli.surface.json";
const FIX = "pnpm cli:surface";
const { values } = parseArgs({ options: { check: { type: "boolean", default: false } } });

const spec = parse(readFileSync(join(root, "openapi/openapi.yaml"), "utf8")) as OpenApiDocument;
const text = formatted(`${JSON.stringify(cliSurface(buildProgram([], false), spec), null, 2)}\n`);
const path = join(root, REPORT);
const committed = existsSync(path) ? readFileSync(path, "utf8") : undefined;

if (!values.check) {
  if (committed === text) console.log(`${REPORT} already matches the program.`);
  else {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
    const bump = committed === undefined ? undefined : classify(committed, text).bump;
    console.log(
      `${committed === undefined ? "Wrote" : "Updated"} ${REPORT}` +
        (bump === undefined ? "." : `: the change needs ${releaseOf(bump)}.`) +
        " Review its diff and commit it with a changeset for @flatfile-jobs/cli at that release.",
    );
  }
} else if (committed === undefined) {
  console.error(`${REPORT} is missing. To fix this, run: ${FIX}`);
  process.exitCode = 1;
} else if (committed !== text) {
  const { bump, changes } = classify(committed, text);
  console.error(`The flatfile-jobs command's surface differs from ${REPORT}. The change needs ${releaseOf(bump)}:`);
  for (const change of changes.slice(0, 20)) console.error(`  ${change.level}: ${change.message} (${change.pointer})`);
  if (changes.length > 20) console.error(`  … and ${changes.length - 20} more (see the diff)`);
  console.error(`\n${diff(committed, text)}`);
  console.error(
    `If the change is intended, commit the new report with a changeset for @flatfile-jobs/cli at that release ` +
      `(CONTRIBUTING.md, "Public API"); if not, undo it. To fix this, run: ${FIX}`,
  );
  process.exitCode = 1;
} else {
  console.log(`${REPORT} matches the program.`);
}

/** The report as biome formats it (short arrays on one line), so that `pnpm lint` and the check agree on it. */
function formatted(json: string): string {
  return execFileSync(join(root, "node_modules/.bin/biome"), ["format", `--stdin-file-path=${REPORT}`], {
    cwd: root,
    input: json,
    encoding: "utf8",
  });
}

function classify(before: string, after: string) {
  return classifyCliSurfaceChange(JSON.parse(before) as CliSurface, JSON.parse(after) as CliSurface);
}

function releaseOf(bump: "major" | "minor" | "patch" | "none"): string {
  if (bump === "major") return "a major release (breaking)";
  if (bump === "minor") return "a minor release (additions only)";
  return bump === "patch" ? "a patch release (behaviour)" : "no release (descriptions only)";
}

/** `git diff --no-index` of the committed report and the program's, labelled by the report's path. */
function diff(before: string, after: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cli-surface-"));
  try {
    writeFileSync(join(dir, "committed.json"), before);
    writeFileSync(join(dir, "program.json"), after);
    execFileSync("git", ["diff", "--no-index", "--no-color", "committed.json", "program.json"], {
      cwd: dir,
      encoding: "utf8",
    });
    return "";
  } catch (error) {
    // git diff exits 1 when the files differ: its output is the diff.
    const output = String((error as { stdout?: string }).stdout ?? "");
    return output.replaceAll("a/committed.json", `a/${REPORT}`).replaceAll("b/program.json", `b/${REPORT}`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
