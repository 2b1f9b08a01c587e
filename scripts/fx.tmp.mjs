import { readFileSync, writeFileSync } from "node:fs";
import { parse } from "yaml";
import { publishedDescription } from "./lib/published-fixture.mjs";

const ff = parse(readFileSync("openapi/flatfile.yaml", "utf8"));
const patch = parse(readFileSync(`scripts/fixtures/spec-evolution/${process.argv[2]}.yaml`, "utf8"));
writeFileSync(process.argv[3], JSON.stringify(publishedDescription(ff, patch)));
