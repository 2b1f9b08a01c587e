// Runs the Worker in workerd through Miniflare: `node run.mjs <simulator URL> <slow simulator URL>`. The Worker
// and @flatfile-jobs/browser are bundled with esbuild first; the bundle is given as `script` (Miniflare's
// `scriptPath` refuses a path outside its working directory). Prints one line per check and a RESULT line.
import { readFileSync } from "node:fs";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import { bundle } from "../shared/bundle.mjs";
import { report } from "../shared/flow.mjs";

const [url, slowUrl] = process.argv.slice(2);
const version = (name) =>
  JSON.parse(readFileSync(new URL(`node_modules/${name}/package.json`, import.meta.url))).version;
const script = await bundle(build, new URL("worker.mjs", import.meta.url).pathname, "esm");
const mf = new Miniflare({
  modules: true,
  script,
  compatibilityDate: "2026-07-01",
  bindings: { JOBS_URL: url, JOBS_SLOW_URL: slowUrl },
});
try {
  const response = await mf.dispatchFetch("http://worker.test/");
  const results = await response.json();
  console.log(report("workerd", `${version("workerd")} (miniflare ${version("miniflare")})`, results));
} finally {
  await mf.dispose();
}
