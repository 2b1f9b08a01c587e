// Runs the flow on Bun with the browser, core and node packages as npm installed them:
// `bun app.mjs <simulator URL> <slow simulator URL>`. Prints one line per check and a RESULT line.
import * as browser from "@flatfile-jobs/browser";
import * as core from "@flatfile-jobs/core";
import * as node from "@flatfile-jobs/node";
import { runAllPackages } from "../shared/all-packages.mjs";
import { report } from "../shared/flow.mjs";

const [url, slowUrl] = process.argv.slice(2);
const results = await runAllPackages({ runtime: "bun", url, slowUrl, browser, core, node });
console.log(report("bun", Bun.version, results));
