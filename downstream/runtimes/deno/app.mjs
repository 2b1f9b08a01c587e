// Runs the flow on Deno with the browser, core and node packages as npm installed them:
// `deno run -A --node-modules-dir=manual app.mjs <simulator URL> <slow simulator URL>`. Prints one line per check
// and a RESULT line.
import * as browser from "@flatfile-jobs/browser";
import * as core from "@flatfile-jobs/core";
import * as node from "@flatfile-jobs/node";
import { runAllPackages } from "../shared/all-packages.mjs";
import { report } from "../shared/flow.mjs";

const [url, slowUrl] = Deno.args;
const results = await runAllPackages({ runtime: "deno", url, slowUrl, browser, core, node });
console.log(report("deno", Deno.version.deno, results));
