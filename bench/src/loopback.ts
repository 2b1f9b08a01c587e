// Suite 2: loopback HTTP with keep-alive, at concurrency 1 and 16. A `node:http` server in a child process
// (src/loopback-server.ts, 127.0.0.1, a free port) answers `GET /v1/jobs/{jobId}` with the one-job body; every
// contender does that request over connections it keeps open.
//
// Method. Contenders: Node's global `fetch` (the baseline), the undici package's `fetch` over its own keep-alive
// `Agent` (what @flatfile-jobs/node sends with), bare openapi-fetch (global fetch), @flatfile/api 1.23.1 (global
// fetch, wrapped to delete its `Keep-Alive` header, see contenders.ts), and @flatfile-jobs/node's `createJobsClient` and
// `createJobsCore` + `getJob` (their default undici keep-alive Agent, `proxy: false`). Each is called once and
// checked, then, for each concurrency C, warmed up (which also opens its connections) and timed in interleaved
// rounds: a round sends a fixed number of requests through C loops that each await one request at a time; req/s
// is requests ÷ the round's wall time, and latency is each request's time from the call to its parsed body,
// whose 50th and 99th percentiles are taken per round. Figures are medians over rounds; ratios are paired by
// round. The server runs in another process, so with 2 cores client and server each have about one. With
// `--baseline <ref>`, both forms of the Node client as built at that commit are contenders too.
import { performance } from "node:perf_hooks";
import * as node from "@flatfile-jobs/node";
import type { Baseline } from "./baseline.js";
import {
  bareOpenapiFetch,
  built,
  type Contender,
  checkContenders,
  flatfileApi,
  nodeForms,
  rawFetch,
  setFlatfileApiFetch,
  undiciWithAgent,
} from "./contenders.js";
import { startServer } from "./processes.js";
import { progress } from "./progress.js";
import { type BarKind, type ChartGroup, fmt, type SuiteReport, type Table } from "./report.js";
import { interleave, pairedRatio, quantile, Samples } from "./stats.js";

export interface LoopbackOptions {
  quick: boolean;
  /** An earlier build of this client, measured beside the current one (`--baseline`). */
  baseline?: Baseline | undefined;
}

const CONCURRENCIES = [1, 16] as const;

/** Sends `total` requests through `concurrency` loops; resolves to the wall time and each request's latency. */
async function batch(
  c: Contender,
  total: number,
  concurrency: number,
): Promise<{ ms: number; latencies: Float64Array }> {
  const latencies = new Float64Array(total);
  let next = 0;
  const loop = async () => {
    while (next < total) {
      const i = next++;
      const start = performance.now();
      await c.call();
      latencies[i] = performance.now() - start;
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: concurrency }, loop));
  return { ms: performance.now() - start, latencies: latencies.sort() };
}

export async function measure({ quick, baseline: earlier }: LoopbackOptions): Promise<SuiteReport> {
  const requests = quick ? 200 : 3_000;
  const rounds = quick ? 3 : 5;
  const warmup = quick ? 100 : 1_000;

  const server = await startServer<{ port: number }>(new URL("./loopback-server.ts", import.meta.url).href);
  const baseUrl = `http://127.0.0.1:${server.info.port}/v1`;
  // @flatfile/api can only use the global fetch, wrapped to leave out its Keep-Alive header; the others are handed
  // Node's own fetch explicitly (openapi-fetch's default, the global fetch, read when its client is created).
  const nodeFetch = globalThis.fetch;
  setFlatfileApiFetch(nodeFetch);
  const contenders: Contender[] = [
    rawFetch("Node's fetch", baseUrl, nodeFetch),
    undiciWithAgent(baseUrl),
    bareOpenapiFetch(baseUrl, nodeFetch),
    flatfileApi(baseUrl),
    ...nodeForms(node, baseUrl),
    ...(earlier ? nodeForms(await built(node, "node", earlier), baseUrl, earlier) : []),
  ];
  const [baseline, undici] = contenders as [Contender, Contender];
  try {
    await checkContenders(contenders);
    const tables: Table[] = [];
    const chart: ChartGroup[] = [];
    for (const concurrency of CONCURRENCIES) {
      progress(`concurrency ${concurrency}: warming up (${warmup} requests each)`);
      for (const c of contenders) await batch(c, warmup, concurrency);
      progress(`concurrency ${concurrency}: ${rounds} rounds of ${requests} requests per contender`);
      const samples = new Map(contenders.map((c) => [c, new Samples()]));
      await interleave(rounds, contenders, async (c, round) => {
        const { ms, latencies } = await batch(c, requests, concurrency);
        const s = samples.get(c) as Samples;
        s.add("rps", round, (requests / ms) * 1000);
        s.add("p50", round, quantile(latencies, 0.5));
        s.add("p99", round, quantile(latencies, 0.99));
      });

      const s = (c: Contender) => samples.get(c) as Samples;
      const ours = (c: Contender) => c.kind !== "other";
      const kind = (c: Contender): BarKind => (c === baseline ? "baseline" : c.kind);
      tables.push({
        caption: `**Concurrency ${concurrency}** (${fmt.int(requests)} requests per round, ${rounds} rounds):`,
        columns: [
          "contender",
          "req/s",
          "p50",
          "p99",
          "req/s ÷ Node's fetch",
          "p99 ÷ Node's fetch",
          "req/s ÷ undici+Agent",
        ],
        align: ["left", "right", "right", "right", "right", "right", "right"],
        rows: contenders.map((c) => [
          c.name,
          fmt.int(s(c).median("rps")),
          fmt.ms(s(c).median("p50")),
          fmt.ms(s(c).median("p99")),
          fmt.ratio(pairedRatio(s(c).get("rps"), s(baseline).get("rps"))),
          fmt.ratio(pairedRatio(s(c).get("p99"), s(baseline).get("p99"))),
          ours(c) || c === undici ? fmt.ratio(pairedRatio(s(c).get("rps"), s(undici).get("rps"))) : "",
        ]),
      });
      chart.push({
        title: `Loopback HTTP, keep-alive, concurrency ${concurrency}`,
        axis: "req/s ÷ Node's fetch (higher is faster)",
        bars: contenders.map((c) => ({
          label: c.name,
          ratio: pairedRatio(s(c).get("rps"), s(baseline).get("rps")),
          kind: kind(c),
        })),
      });
    }

    return {
      id: "loopback",
      title: "2. Loopback HTTP, keep-alive",
      method: [
        "A `node:http` server in a child process on 127.0.0.1 keeps connections alive and answers",
        "`GET /v1/jobs/{jobId}` with the same one-job body as suite 1. Each contender (checked with one call first)",
        `is warmed up with ${fmt.int(warmup)} requests at the concurrency measured, which also opens its connections,`,
        `then sends ${fmt.int(requests)} requests per round in ${rounds} interleaved rounds, through 1 or 16 loops that`,
        "each await one request at a time. req/s is requests ÷ the round's wall time; latency is one request's time",
        "from the call to its parsed body, p50 and p99 taken per round. Figures are medians over the rounds and",
        "ratios are paired by round. The client side of all contenders runs in one process, the server in another:",
        "on 2 cores each has about one. @flatfile-jobs/node uses its default undici keep-alive `Agent` (`proxy:",
        "false`); undici.fetch + Agent is that same transport with nothing around it.",
      ].join(" "),
      tables,
      notes: [
        "req/s: higher is faster; p50, p99 and the p99 ratio: lower is better. The last column compares the forms of this client with the transport they are built on.",
        "@flatfile/api runs on Node's global fetch (it has no fetch option), wrapped to delete the `Keep-Alive` request header it adds to every call: with it, Node's fetch refuses every request.",
      ],
      chart,
    };
  } finally {
    for (const c of contenders) await c.close?.();
    server.stop();
  }
}
