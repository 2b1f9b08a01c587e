// Part of `pnpm lint:spec`: fails while openapi/openapi.yaml still has a description for this project to write (an
// operation, response or parameter Flatfile added, whose own words are never copied), naming each one.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { PLACEHOLDER, placeholders } from "@flatfile-jobs/tools/spec-source";
import { parse } from "yaml";

const file = fileURLToPath(new URL("../openapi/openapi.yaml", import.meta.url));
const found = placeholders(parse(readFileSync(file, "utf8")));
if (found.length > 0) {
  console.error(`openapi/openapi.yaml has ${found.length} element(s) still to describe ("${PLACEHOLDER}"):`);
  for (const pointer of found) console.error(`  ${pointer}`);
  console.error("Write their descriptions in openapi/overlay.yaml (difference 12), then run: pnpm generate");
  process.exit(1);
}
console.log("Every element of openapi/openapi.yaml is described.");
