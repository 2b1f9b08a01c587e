// Suite 1: per-call overhead with a stubbed fetch (no network). Each contender does `GET /jobs/{jobId}` and gets
// a 200 with one job; the stub builds a fresh `Response` around the same JSON text on every call, as a real
// fetch would, so what differs between contenders is only what each client does around `fetch`.
//
// Method. Contenders: the stub called directly and `await res.json()` (raw fetch: the baseline), bare
// openapi-fetch over this project's generated types (`client.GET`), @flatfile/api 1.23.1 (`client.jobs.get`), and
// @flatfile-jobs/core in its resource form (`createJobsClient(…).jobs.get`) and function form
// (`getJob(createJobsCore(…), id)`). @flatfile/api has no fetch option and calls the global `fetch`, so this
// process's global fetch is the stub, wrapped to delete the `Keep-Alive` header it sends on every call, which
// Node's fetch refuses (see contenders.ts). Each contender is called once and
// checked, then warmed up, then timed: in each of `rounds` interleaved rounds it makes `calls` calls one after
// another, and its calls/s is calls ÷ the round's wall time. Allocation is measured in separate interleaved
// rounds of 10,000 calls: bytes allocated = (heap used after − heap used before) + Σ over the GCs in between of
// (heap used before that GC − after it), from `v8.GCProfiler`, which reports the heap before and after every GC;
// GC time is the sum of the durations of the `gc` entries (`PerformanceObserver`) that start inside the round.
// With `--baseline <ref>`, both forms of core as built at that commit are contenders too.
import { PerformanceObserver, performance } from "node:perf_hooks";
import v8 from "node:v8";
import * as core from "@flatfile-jobs/core";
import type { Baseline } from "./baseline.js";
import {
  bareOpenapiFetch,
  built,
  type Contender,
  checkContenders,
  coreForms,
  flatfileApi,
  rawFetch,
  setFlatfileApiFetch,
} from "./contenders.js";
import { JOB_BODY } from "./job-fixture.js";
import { progress } from "./progress.js";
import { type BarKind, fmt, type SuiteReport } from "./report.js";
import { interleave, pairedRatio, Samples } from "./stats.js";

export interface StubbedOptions {
  quick: boolean;
  /** An earlier build of this client, measured beside the current one (`--baseline`). */
  baseline?: Baseline | undefined;
}

const BASE_URL = "https://api.x.flatfile.com/v1";
const ALLOC_CALLS = 10_000;

/** The stub: a new `Response` around the same text on every call, asynchronously, as `fetch` would. */
const stub: typeof fetch = () =>
  Promise.resolve(new Response(JOB_BODY, { status: 200, headers: { "content-type": "application/json" } }));

async function callMany(contender: Contender, calls: number): Promise<void> {
  for (let i = 0; i < calls; i++) await contender.call();
}

export async function measure({ quick, baseline: earlier }: StubbedOptions): Promise<SuiteReport> {
  const warmup = quick ? 300 : 3_000;
  const rounds = quick ? 3 : 11;
  const calls = quick ? 300 : 2_000;
  const allocRounds = quick ? 2 : 3;
  const allocCalls = quick ? 1_000 : ALLOC_CALLS;

  // @flatfile/api reads the global `fetch` on every call; every other contender is handed the stub explicitly.
  setFlatfileApiFetch(stub);
  const contenders: Contender[] = [
    rawFetch("raw fetch", BASE_URL, stub),
    bareOpenapiFetch(BASE_URL, stub),
    flatfileApi(BASE_URL),
    ...coreForms(core, BASE_URL, stub),
    ...(earlier ? coreForms(await built(core, "core", earlier), BASE_URL, stub, earlier) : []),
  ];
  const [baseline, openapiFetch] = contenders as [Contender, Contender];
  await checkContenders(contenders);

  progress(`warming up ${contenders.length} contenders (${warmup} calls each)`);
  for (const c of contenders) await callMany(c, warmup);

  const samples = new Map(contenders.map((c) => [c, new Samples()]));
  progress(`${rounds} rounds of ${calls} calls per contender`);
  await interleave(rounds, contenders, async (c, round) => {
    const start = performance.now();
    await callMany(c, calls);
    samples.get(c)?.add("rps", round, (calls / (performance.now() - start)) * 1000);
  });

  progress(`${allocRounds} allocation rounds of ${allocCalls} calls per contender`);
  const gcEntries: { start: number; duration: number }[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gcEntries.push({ start: entry.startTime, duration: entry.duration });
  });
  observer.observe({ entryTypes: ["gc"] });
  const windows: { contender: Contender; round: number; start: number; end: number }[] = [];
  await interleave(allocRounds, contenders, async (c, round) => {
    const profiler = new v8.GCProfiler();
    const before = v8.getHeapStatistics().used_heap_size;
    profiler.start();
    const start = performance.now();
    await callMany(c, allocCalls);
    const end = performance.now();
    const after = v8.getHeapStatistics().used_heap_size;
    const { statistics } = profiler.stop();
    let freed = 0;
    for (const gc of statistics)
      freed += gc.beforeGC.heapStatistics.usedHeapSize - gc.afterGC.heapStatistics.usedHeapSize;
    samples.get(c)?.add("bytesPerCall", round, (after - before + freed) / allocCalls);
    windows.push({ contender: c, round, start, end });
  });
  // `gc` entries are delivered asynchronously: let the observer catch up before reading them.
  await new Promise((resolve) => setTimeout(resolve, 100));
  observer.disconnect();
  for (const w of windows) {
    const gcMs = gcEntries.filter((e) => e.start >= w.start && e.start < w.end).reduce((sum, e) => sum + e.duration, 0);
    samples.get(w.contender)?.add("gcMsPer10k", w.round, (gcMs * ALLOC_CALLS) / allocCalls);
  }

  const s = (c: Contender) => samples.get(c) as Samples;
  const kind = (c: Contender): BarKind => (c === baseline ? "baseline" : c.kind);
  const rows = contenders.map((c) => [
    c.name,
    fmt.int(s(c).median("rps")),
    fmt.ratio(pairedRatio(s(c).get("rps"), s(baseline).get("rps"))),
    fmt.ratio(pairedRatio(s(c).get("rps"), s(openapiFetch).get("rps"))),
    fmt.kB(s(c).median("bytesPerCall")),
    fmt.ms(s(c).median("gcMsPer10k")),
  ]);

  return {
    id: "stubbed",
    title: "1. Per-call overhead, stubbed fetch",
    method: [
      "Each contender does `GET /jobs/{jobId}` against a stub `fetch` that returns a 200 with one job (a realistic",
      `Job of ${JOB_BODY.length} bytes of JSON; the text is built once, a new \`Response\` is made per call), so the`,
      "figures are what each client costs around `fetch`, with no network. The baseline calls the stub and",
      "`await res.json()`. After a check call and a warm-up of",
      `${fmt.int(warmup)} calls each, every contender makes ${fmt.int(calls)} sequential calls per round, in`,
      `${rounds} interleaved rounds; calls/s is the median over rounds. Allocation comes from ${allocRounds} further`,
      `interleaved rounds of ${fmt.int(allocCalls)} calls: bytes allocated are the growth of V8's used heap plus what`,
      "each GC in the round freed (`v8.GCProfiler` reports the heap before and after every GC), and GC time is",
      "the summed duration of the `gc` performance entries (`PerformanceObserver`) that started in the round,",
      "per 10,000 calls. All contenders run in one fresh process.",
    ].join(" "),
    tables: [
      {
        columns: [
          "contender",
          "calls/s",
          "calls/s ÷ raw fetch",
          "calls/s ÷ openapi-fetch",
          "allocated per call",
          "GC time per 10k calls",
        ],
        align: ["left", "right", "right", "right", "right", "right"],
        rows,
      },
    ],
    notes: [
      "Higher calls/s is faster; a ratio below 1 is slower than that baseline.",
      "@flatfile/api has no `fetch` option: it calls the global `fetch`, which this suite sets to the stub (its exported `FlatfileClient` passes only `environment` and `token` to its base client, so a `fetcher` option is ignored). It adds a `Keep-Alive: timeout=200` header to every request, which Node's fetch refuses (`invalid keep-alive header`), so every call fails on Node as shipped; the stub is wrapped to delete that header on each call, as the loopback suite must. It also validates and converts every response body (dates become `Date` objects), which the others do not.",
    ],
    chart: [
      {
        title: "Per-call overhead, stubbed fetch",
        axis: "calls/s ÷ raw fetch (higher is faster)",
        bars: contenders.map((c) => ({
          label: c.name,
          ratio: pairedRatio(s(c).get("rps"), s(baseline).get("rps")),
          kind: kind(c),
        })),
      },
    ],
  };
}
