// Runs the Prism mock of openapi/openapi.yaml until interrupted: `pnpm mock [--dynamic] [--port N]`.
import { parseArgs } from "node:util";
import { startPrism } from "@flatfile-jobs/tools/prism";

const { values } = parseArgs({
  options: { dynamic: { type: "boolean", default: false }, port: { type: "string" } },
});
const prism = await startPrism({ dynamic: values.dynamic, port: values.port ? Number(values.port) : undefined });
console.log(
  `Mock Jobs API at ${prism.url} (PID ${prism.pid})${values.dynamic ? ", random data" : ""}. Ctrl-C stops it.`,
);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, async () => {
    await prism.stop();
    process.exit(0);
  });
}
