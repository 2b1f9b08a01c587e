// Suite 4: `client.jobs.iterate` over 100,000 jobs in pages of 1,000, from a server in a child process
// (src/iterate-server.ts) that serves page bodies built before the clock starts.
//
// Method. Contenders: a loop of Node's global `fetch` + `res.json()` over the same pages, counting each page's
// jobs (the baseline: the least any client must do), and `for await (const job of client.jobs.iterate({ pageSize
// }, { prefetch }))` with @flatfile-jobs/node's `createJobsClient`, prefetch off and on (the default). Each walk
// must count every job. Each contender walks once to warm up, then once per round in interleaved rounds. Before
// each walk: two forced GCs (this process runs with `--expose-gc`), then the RSS is read; during it the RSS is
// sampled every 5 ms (`process.memoryUsage.rss()`); peak RSS growth is the highest sample minus the RSS before.
// The ratio is wall time ÷ the fetch loop's wall time in the same round. The server's own cost per walk is
// reported too: its CPU time (user + system) while the walk ran, from its `GET /__stats`.
import { createJobsClient } from "@flatfile-jobs/node";
import { TOKEN } from "./job-fixture.js";
import { startServer } from "./processes.js";
import { progress } from "./progress.js";
import { type BarKind, fmt, type SuiteReport } from "./report.js";
import { interleave, pairedRatio, Samples } from "./stats.js";

export interface IterateOptions {
  quick: boolean;
}

interface Walker {
  name: string;
  kind: BarKind;
  /** Walks every page and resolves to the number of jobs seen. */
  walk(): Promise<number>;
}

interface ServerInfo {
  port: number;
  pages: number;
  bytes: number;
}

interface ServerStats {
  requests: number;
  handlerMs: number;
  cpuMs: number;
}

interface PageBody {
  data: { id: string }[];
  pagination?: { pageCount: number };
}

export async function measure({ quick }: IterateOptions): Promise<SuiteReport> {
  const jobs = quick ? 5_000 : 100_000;
  const pageSize = quick ? 500 : 1_000;
  const rounds = quick ? 2 : 7;
  if (typeof globalThis.gc !== "function") throw new Error("the iterate suite needs node --expose-gc");

  progress(`building ${jobs / pageSize} pages of ${pageSize} jobs in the server`);
  const server = await startServer<ServerInfo>(new URL("./iterate-server.ts", import.meta.url).href, [
    "--jobs",
    String(jobs),
    "--page-size",
    String(pageSize),
  ]);
  const baseUrl = `http://127.0.0.1:${server.info.port}/v1`;
  const headers = { Authorization: `Bearer ${TOKEN}`, "X-Disable-Hooks": "true" };
  const client = createJobsClient({ token: TOKEN, baseUrl, proxy: false });
  const serverStats = async (): Promise<ServerStats> =>
    (await (await fetch(`http://127.0.0.1:${server.info.port}/__stats`)).json()) as ServerStats;

  const iterate = (prefetch: boolean) => async () => {
    let count = 0;
    for await (const job of client.jobs.iterate({ pageSize }, { prefetch })) if (job.id) count++;
    return count;
  };
  const walkers: Walker[] = [
    {
      name: "Node's fetch, page by page",
      kind: "baseline",
      async walk() {
        let count = 0;
        for (let page = 1; ; page++) {
          const res = await fetch(`${baseUrl}/jobs?pageSize=${pageSize}&pageNumber=${page}`, { headers });
          if (!res.ok) throw new Error(`status ${res.status}`);
          const body = (await res.json()) as PageBody;
          for (const job of body.data) if (job.id) count++;
          if (body.data.length === 0 || page >= (body.pagination?.pageCount ?? Number.POSITIVE_INFINITY)) break;
        }
        return count;
      },
    },
    { name: "jobs.iterate, prefetch off", kind: "ours", walk: iterate(false) },
    { name: "jobs.iterate, prefetch on (default)", kind: "ours", walk: iterate(true) },
  ];
  const [baseline] = walkers as [Walker];

  /** One walk: wall time, peak RSS growth and the server's CPU time while it ran. */
  const timedWalk = async (walker: Walker) => {
    globalThis.gc?.();
    globalThis.gc?.();
    const before = process.memoryUsage.rss();
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage.rss());
    }, 5);
    const statsBefore = await serverStats();
    const start = performance.now();
    const count = await walker.walk();
    const wall = performance.now() - start;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage.rss());
    const statsAfter = await serverStats();
    if (count !== jobs) throw new Error(`${walker.name} saw ${count} jobs, not ${jobs}`);
    return { wall, growth: peak - before, serverCpuMs: statsAfter.cpuMs - statsBefore.cpuMs };
  };

  const samples = new Map(walkers.map((w) => [w, new Samples()]));
  try {
    progress(`warming up: one walk each`);
    for (const walker of walkers) await timedWalk(walker);
    progress(`${rounds} rounds of one walk per contender over ${fmt.int(jobs)} jobs`);
    await interleave(rounds, walkers, async (walker, round) => {
      const r = await timedWalk(walker);
      const s = samples.get(walker) as Samples;
      s.add("wall", round, r.wall);
      s.add("growth", round, r.growth);
      s.add("serverCpu", round, r.serverCpuMs);
    });
  } finally {
    await client.close();
    server.stop();
  }

  const s = (w: Walker) => samples.get(w) as Samples;
  return {
    id: "iterate",
    title: `4. Iterating over ${fmt.int(jobs)} jobs`,
    method: [
      `A \`node:http\` server in a child process serves ${fmt.int(jobs)} jobs in ${server.info.pages} pages of`,
      `${fmt.int(pageSize)} (${fmt.MiB(server.info.bytes)} of JSON in all), every page body built before it reports`,
      "ready, so serving a page is a lookup and a write; its CPU time during each walk is shown as its own cost.",
      "The baseline walks the pages with Node's `fetch` and `res.json()`; the client walks them with",
      "`for await (const job of client.jobs.iterate({ pageSize }, { prefetch }))` (@flatfile-jobs/node), with",
      "prefetch off and on. Every walk must see every job. After one warm-up walk each, each contender walks once",
      `per round in ${rounds} interleaved rounds, in a process started with \`--expose-gc\`: before a walk, two`,
      "forced GCs, then the RSS is read; during it the RSS is sampled every 5 ms; peak RSS growth is the highest",
      "sample minus that. The ratio is the walk's wall time ÷ the fetch loop's, paired by round. There is no",
      "latency and no work per page: this is the client's own cost; prefetch pays off when the server or the",
      "caller takes time.",
    ].join(" "),
    tables: [
      {
        columns: ["walk", "wall time", "jobs/s", "wall ÷ fetch loop", "peak RSS growth", "server CPU"],
        align: ["left", "right", "right", "right", "right", "right"],
        rows: walkers.map((w) => [
          w.name,
          fmt.ms(s(w).median("wall")),
          fmt.int((jobs / s(w).median("wall")) * 1000),
          fmt.ratio(pairedRatio(s(w).get("wall"), s(baseline).get("wall"))),
          fmt.MiB(s(w).median("growth")),
          fmt.ms(s(w).median("serverCpu")),
        ]),
      },
    ],
    notes: [
      "Lower wall time and RSS growth are better; a ratio above 1 is slower than the fetch loop.",
      "The fetch loop counts a page's jobs in a plain loop; `jobs.iterate` hands them out one at a time through an async iterator, as an app uses it.",
    ],
    chart: [
      {
        title: `jobs.iterate over ${fmt.int(jobs)} jobs (wall time)`,
        axis: "÷ Node's fetch page loop (lower is faster)",
        bars: walkers.map((w) => ({
          label: w.name,
          ratio: pairedRatio(s(w).get("wall"), s(baseline).get("wall")),
          kind: w.kind,
        })),
      },
    ],
  };
}
