// `pnpm spec:fixture <file-or-url>`: writes scripts/fixtures/published/flatfile-api.yaml, the tests' stand-in for
// Flatfile's published description: the whole API as Flatfile publishes it (reference.flatfile.com/openapi.json, or
// a copy of it), with its structure kept as it is (every path and schema, Fern's `type_jobs:Job` names, the order)
// and none of its words: every description, summary, title, example and externalDocs is dropped
// (tools/src/upstream.ts, `dropProse`). `pnpm test` takes it in with `pnpm spec:update` and expects no change;
// `pnpm test:spec-evolution` builds its "next descriptions" from it. openapi/README.md says when to refresh it.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { dropProse, ImportError, importJobs, loadDescription } from "@flatfile-jobs/tools/upstream";
import { toYaml } from "./build-spec";

const OUT = fileURLToPath(new URL("fixtures/published/flatfile-api.yaml", import.meta.url));

const [source, ...rest] = process.argv.slice(2);
if (source === undefined || rest.length > 0) {
  console.error("usage: pnpm spec:fixture <file-or-url>   (Flatfile's published description of its whole API)");
  process.exit(1);
}
try {
  const published = await loadDescription(source);
  // It must be a description spec:update can take in: refused here with the same message otherwise.
  importJobs(published, source);
  const paths = Object.keys(published.paths ?? {}).length;
  const schemas = Object.keys(published.components?.schemas ?? {}).length;
  const header = `# Flatfile's published description of its whole REST API (${paths} paths, ${schemas} schemas), structure only:
# written by \`pnpm spec:fixture <file-or-url>\` (scripts/spec-fixture.ts), which keeps every path, parameter,
# schema and name as Flatfile publishes them and drops every description, summary, title, example and
# externalDocs, so none of Flatfile's words are here. Do not edit; refresh it as openapi/README.md says.
`;
  await mkdir(dirname(OUT), { recursive: true });
  await writeFile(OUT, toYaml(dropProse(published), header));
  console.log(`Wrote ${join("scripts/fixtures/published", "flatfile-api.yaml")} (${paths} paths, ${schemas} schemas).`);
} catch (error) {
  if (!(error instanceof ImportError)) throw error;
  console.error(`spec:fixture: ${error.message}\nNothing was written.`);
  process.exit(1);
}
