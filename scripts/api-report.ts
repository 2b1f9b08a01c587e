// `pnpm check:api` / `pnpm api:update` (`--update`): checks, or rewrites, each library's API report
// (packages/<name>/etc/<name>.api.md: API Extractor's record of the public surface of its dist/index.d.mts) against
// the build. Run inside a package folder (its `check` script does), it takes that package only.
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { classifyApiReportChange } from "@flatfile-jobs/tools/api-diff";
import { publishedPackages } from "@flatfile-jobs/tools/packages";
import { Extractor, ExtractorConfig, type ExtractorMessage } from "@microsoft/api-extractor";

const { values } = parseArgs({ options: { update: { type: "boolean", default: false } } });
const update = values.update;
const root = fileURLToPath(new URL("..", import.meta.url));
const UPDATE_COMMAND = "pnpm api:update";

// The packages with a report: every published library (an api-extractor.json), core first; inside one, that one.
const all = publishedPackages(root)
  .filter((pkg) => pkg.library)
  .map((pkg) => pkg.dir);
const here = all.find((dir) => resolve(process.cwd()) === dir);
const packageDirs = here ? [here] : all;

const started = performance.now();
const changed = [];
let problems = 0;

for (const dir of packageDirs) {
  const name = relative(join(root, "packages"), dir);
  const configPath = join(dir, "api-extractor.json");
  const config = ExtractorConfig.loadFileAndPrepare(configPath);
  const entry = relative(root, config.mainEntryPointFilePath);
  if (!existsSync(config.mainEntryPointFilePath)) {
    console.error(`${entry} is missing: build first with \`pnpm build\` (\`pnpm check:api\` builds by itself).`);
    problems++;
    continue;
  }
  const reportConfig = config.reportConfigs[0];
  if (!reportConfig) {
    console.error(`${relative(root, configPath)} writes no API report: its "apiReport" is not enabled.`);
    problems++;
    continue;
  }
  const reportName = reportConfig.fileName;
  const committedPath = join(config.reportFolder, reportName);
  const builtPath = join(config.reportTempFolder, reportName);
  const committed = existsSync(committedPath) ? readFileSync(committedPath, "utf8") : undefined;
  if (update) mkdirSync(config.reportFolder, { recursive: true });

  const messages: ExtractorMessage[] = [];
  let diff = "";
  const result = Extractor.invoke(config, {
    localBuild: update,
    printApiReportDiff: true,
    messageCallback(message) {
      // Everything is printed here, in our words; the report's own messages (written, changed, its diff) too.
      message.handled = true;
      if (message.messageId === "console-api-report-diff") {
        diff = message.text.replace(/^Changes to the API report:\s*/, "");
      } else if (!message.messageId.startsWith("console-api-report-")) {
        if (message.logLevel === "error" || message.logLevel === "warning") messages.push(message);
      }
    },
  });

  if (messages.length > 0) {
    problems++;
    console.error(`\nAPI Extractor reported ${messages.length} problem(s) in ${entry}:`);
    for (const message of messages) console.error(`  ${message.formatMessageWithLocation(`${dir}/`)}`);
    console.error(
      `Settle each one: fix it, or turn its message off in ${relative(root, configPath)} and say why in CONTRIBUTING.md ("Public API").`,
    );
  }
  if (!result.apiReportChanged) continue;

  const built = readFileSync(update ? committedPath : builtPath, "utf8");
  const { bump, changes } = classifyApiReportChange(committed ?? "", built);
  changed.push({ name, bump });
  const reportFile = relative(root, committedPath);
  if (update) {
    console.log(`${committed === undefined ? "Wrote" : "Updated"} ${reportFile}: the change needs ${releaseOf(bump)}.`);
    continue;
  }
  if (committed === undefined) {
    console.error(`\n@flatfile-jobs/${name}: ${reportFile} is missing.`);
  } else {
    console.error(
      `\n@flatfile-jobs/${name}: the public API changed and ${reportFile} was not updated. ` +
        `The change needs ${releaseOf(bump)}:`,
    );
    for (const change of changes.slice(0, 20)) {
      console.error(`  ${change.level}: ${change.declaration}: ${change.message}`);
    }
    if (changes.length > 20) console.error(`  … and ${changes.length - 20} more (see the diff)`);
    if (diff) console.error(`\n${diff.trimEnd()}`);
  }
  console.error(`\nThe report of the current build: ${relative(root, builtPath)}`);
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const names = packageDirs.map((dir) => relative(join(root, "packages"), dir)).join(", ");
if (update) {
  if (changed.length === 0) console.log(`API reports already match the build: ${names} (${seconds} s).`);
  else
    console.log(
      "Review the change (git diff packages/*/etc) and commit it with a changeset at the release it needs " +
        '(see CONTRIBUTING.md, "Public API").',
    );
} else if (changed.length > 0) {
  console.error(
    `\nThe API report of ${changed.map((c) => `${c.name} (${c.bump === "none" ? "comments only" : c.bump})`).join(", ")} ` +
      `does not match the build. If the change is intended, run \`${UPDATE_COMMAND}\` at the repository root, review ` +
      `the diff of packages/*/etc/*.api.md and commit it with a changeset at that release (see CONTRIBUTING.md, ` +
      `"Public API"); if not, undo it.`,
  );
} else if (problems === 0) {
  console.log(`API reports match the build: ${names} (${seconds} s).`);
}
process.exitCode = problems > 0 || (!update && changed.length > 0) ? 1 : 0;

function releaseOf(bump: "major" | "minor" | "none"): string {
  if (bump === "major") return "a major release (breaking)";
  return bump === "minor" ? "a minor release (additions only)" : "no release (only comments changed)";
}
