// `pnpm docs:serve [--port N]`: serves docs-site/ (built by `pnpm docs`) on 127.0.0.1 until Ctrl-C.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { serveStatic } from "@flatfile-jobs/tools/static-server";

const { values } = parseArgs({ options: { port: { type: "string" } } });
const site = fileURLToPath(new URL("../docs-site", import.meta.url));
if (!existsSync(`${site}/index.html`)) {
  console.error("docs-site/ is not built: run `pnpm run docs` first");
  process.exit(1);
}
const server = await serveStatic(site, values.port ? Number(values.port) : 0);
console.log(`API reference at ${server.url}. Ctrl-C stops it.`);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await server.stop();
    process.exit(0);
  });
}
