// `pnpm spec:diff [--base <git-ref>] [--json]`: classifies every change of openapi/openapi.yaml between a git ref
// (default: the last release, the latest commit that changed core's version) and the working tree as breaking,
// non-breaking or docs, from the point of view of an app built against the ref, and says the bump it needs.
// With --json, prints exactly one JSON document: { bump, base, changes: [{ level, operation, pointer, message }] }.
import { parseArgs } from "node:util";
import { classify, formatReport } from "@flatfile-jobs/tools/spec-diff";
import { loadSpecs } from "@flatfile-jobs/tools/spec-source";

const { values: args } = parseArgs({
  options: { base: { type: "string" }, json: { type: "boolean", default: false } },
});

let loaded: Awaited<ReturnType<typeof loadSpecs>>;
try {
  loaded = await loadSpecs(args.base);
} catch (error) {
  console.error(`spec:diff: ${error instanceof Error ? error.message : error}`);
  process.exit(2);
}
const { base, before, after } = loaded;
const started = performance.now();
const result = classify(before, after);
const ms = Math.round(performance.now() - started);

if (args.json) {
  process.stdout.write(`${JSON.stringify({ bump: result.bump, base, changes: result.changes }, null, 2)}\n`);
} else {
  console.log(formatReport(result, base));
  console.log(`(compared in ${ms} ms)`);
}
