// Benchmark of `jobs.iterate` (not a test): walks N simulated jobs with and without prefetch and prints wall
// time and peak RSS growth. `node scripts/bench-iterate.mjs [--jobs 100000] [--page-size 1000]
// [--latency 20] [--work 20]` after `pnpm build`.
//
// Method: the simulator (@flatfile-jobs/testing) runs in a child process, seeded with N jobs and answering each
// request after `--latency` ms, so this process holds only the client. Each walk uses a fresh client and does
// `--work` ms of (simulated) work per page. RSS is sampled every 5 ms; "peak growth" is the highest sample
// during the walk minus the RSS just before it (after a forced GC when run with --expose-gc, which this
// script re-executes itself with).
import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    jobs: { type: "string", default: "100000" },
    "page-size": { type: "string", default: "1000" },
    latency: { type: "string", default: "20" },
    work: { type: "string", default: "20" },
    serve: { type: "boolean", default: false },
  },
});
const jobs = Number(values.jobs);
const pageSize = Number(values["page-size"]);
const latency = Number(values.latency);
const workMs = Number(values.work);
const root = new URL("..", import.meta.url);

if (values.serve) {
  // Child: the simulator, seeded, until stdin closes.
  const { startJobsSimulator } = await import(new URL("packages/testing/dist/index.mjs", root).href);
  const simulator = await startJobsSimulator({ latency });
  simulator.seed(Array.from({ length: jobs }, (_, i) => ({ spaceId: "us_sp_bench", info: `job ${i}` })));
  console.log(JSON.stringify({ url: simulator.url }));
  process.stdin.resume();
  process.stdin.on("end", () => simulator.close().then(() => process.exit(0)));
} else if (typeof globalThis.gc !== "function") {
  const child = spawn(process.execPath, ["--expose-gc", fileURLToPath(import.meta.url), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
  child.on("exit", (code) => process.exit(code ?? 1));
} else {
  const server = spawn(process.execPath, [fileURLToPath(import.meta.url), "--serve", ...process.argv.slice(2)], {
    stdio: ["pipe", "pipe", "inherit"],
  });
  const { url } = JSON.parse(
    await new Promise((resolve) => createInterface({ input: server.stdout }).once("line", resolve)),
  );
  const { createJobsClient } = await import(new URL("packages/node/dist/index.mjs", root).href);
  const pause = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  const walk = async (prefetch) => {
    const client = createJobsClient({ token: "sk_bench", baseUrl: url });
    globalThis.gc();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    const started = performance.now();
    let count = 0;
    for await (const page of client.jobs.iterate({ spaceId: "us_sp_bench", pageSize }, { prefetch }).pages()) {
      count += page.data.length;
      await pause(workMs);
    }
    const wall = performance.now() - started;
    clearInterval(sampler);
    return { prefetch, count, wall, growth: peak - before };
  };

  console.log(
    `jobs.iterate over ${jobs} jobs, pages of ${pageSize}, ${latency} ms server latency, ${workMs} ms work per page`,
  );
  await walk(true); // warm-up: JIT and sockets, not reported
  for (const prefetch of [false, true, false, true]) {
    const r = await walk(prefetch);
    console.log(
      `prefetch ${r.prefetch ? "on " : "off"}: ${r.count} jobs in ${(r.wall / 1000).toFixed(2)} s, peak RSS growth ${(r.growth / 2 ** 20).toFixed(1)} MiB`,
    );
  }
  server.stdin.end();
}
