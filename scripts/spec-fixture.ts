// `pnpm spec:fixture <file-or-url>`: writes scripts/fixtures/published/flatfile-api.yaml, the tests' stand-in for
// Flatfile's published description: the description as Flatfile publishes it (reference.flatfile.com/openapi.json,
// the whole API, or a copy of it), with its structure kept as it is (every path and schema, Fern's `type_jobs:Job`
// names, the order) and none of its words: every description, summary, title, example and externalDocs is dropped
// (tools/src/upstream.ts, `dropProse`). `pnpm spec:update` writes it too, from the description it takes in, so it
// stays the description openapi/flatfile.yaml was made from; `pnpm test` takes it in again and expects no change,
// and `pnpm test:spec-evolution` builds its "next descriptions" from it. openapi/README.md says when to refresh it.
import { writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Node } from "@flatfile-jobs/tools/refs";
import { dropProse, ImportError, importJobs, loadDescription } from "@flatfile-jobs/tools/upstream";
import { toYaml } from "./build-spec";

export const FIXTURE = fileURLToPath(new URL("fixtures/published/flatfile-api.yaml", import.meta.url));

/** The fixture's text for a published description (parsed): its structure, under a header saying what it is. */
export function fixtureText(published: Node): string {
  const paths = Object.keys(published.paths ?? {}).length;
  const schemas = Object.keys(published.components?.schemas ?? {}).length;
  const header = `# Flatfile's published description of its REST API (${paths} paths, ${schemas} schemas), structure only: written
# by \`pnpm spec:update\` (or \`pnpm spec:fixture <file-or-url>\`) from the description openapi/flatfile.yaml was
# made from, keeping every path, parameter, schema and name as Flatfile publishes them and dropping every
# description, summary, title, example and externalDocs, so none of Flatfile's words are here. Do not edit.
`;
  return toYaml(dropProse(published), header);
}

async function main(): Promise<void> {
  const [source, ...rest] = process.argv.slice(2);
  if (source === undefined || rest.length > 0) {
    console.error("usage: pnpm spec:fixture <file-or-url>   (Flatfile's published description of its whole API)");
    process.exit(1);
  }
  try {
    const published = await loadDescription(source);
    // It must be a description spec:update can take in: refused here with the same message otherwise.
    importJobs(published, source);
    await writeFile(FIXTURE, fixtureText(published));
    console.log(
      `Wrote scripts/fixtures/published/flatfile-api.yaml (${Object.keys(published.paths ?? {}).length} paths).`,
    );
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    console.error(`spec:fixture: ${error.message}\nNothing was written.`);
    process.exit(1);
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
