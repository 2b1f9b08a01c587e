// Runs the flow in Vercel's edge runtime: `node run.mjs <simulator URL> <slow simulator URL>`. handler.mjs and
// @flatfile-jobs/browser are bundled with esbuild into one script, which the EdgeRuntime loads as its initial code.
// Prints one line per check and a RESULT line.
import { readFileSync } from "node:fs";
import { EdgeRuntime } from "edge-runtime";
import { build } from "esbuild";
import { bundle } from "../shared/bundle.mjs";
import { report } from "../shared/flow.mjs";

const [url, slowUrl] = process.argv.slice(2);
const { version } = JSON.parse(readFileSync(new URL("node_modules/edge-runtime/package.json", import.meta.url)));
const initialCode = await bundle(build, new URL("handler.mjs", import.meta.url).pathname, "iife");
const runtime = new EdgeRuntime({ initialCode });
const results = JSON.parse(await runtime.evaluate(`runJobsFlow(${JSON.stringify(url)}, ${JSON.stringify(slowUrl)})`));
console.log(report("edge-runtime", version, results));
