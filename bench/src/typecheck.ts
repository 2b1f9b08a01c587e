// Suite 5: what each client costs an app's type-check. The same small app (create a client, get a job, list a
// page, read a field with its type) is written three ways under bench/fixtures/: against @flatfile-jobs/node,
// against @flatfile/api 1.23.1, and with plain `fetch` and hand-written types (the baseline). All three share one
// tsconfig (bench/fixtures/tsconfig.app.json: strict, NodeNext, `types: ["node"]`, `skipLibCheck`).
//
// Method. `tsc -p bench/fixtures/<app> --extendedDiagnostics` with the repository's TypeScript, each run a new
// process; wall time is from spawn to exit, so it includes starting Node and loading TypeScript, as an app's
// `tsc` does. After one warm-up run each (which fills the file cache), every app is checked once per round in
// interleaved rounds. tsc's own "Check time", "Types", "Files" and "Memory used" are read from its diagnostics.
// A run that reports any error fails the suite.
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { BENCH_DIR, spawnTracked } from "./processes.js";
import { progress } from "./progress.js";
import { type BarKind, fmt, type SuiteReport } from "./report.js";
import { interleave, pairedRatio, Samples } from "./stats.js";

export interface TypecheckOptions {
  quick: boolean;
}

interface Fixture {
  name: string;
  dir: string;
  kind: BarKind;
}

const FIXTURES: Fixture[] = [
  { name: "plain fetch, hand-written types", dir: "plain-fetch", kind: "baseline" },
  { name: "@flatfile-jobs/node", dir: "this-client", kind: "ours" },
  { name: "@flatfile/api 1.23.1", dir: "flatfile-api", kind: "other" },
];

const TSC = join(BENCH_DIR, "node_modules", "typescript", "bin", "tsc");

interface TscRun {
  wallMs: number;
  checkMs: number;
  types: number;
  files: number;
  memoryKB: number;
}

/** Runs tsc over one fixture and reads its extended diagnostics. */
function tsc(fixture: Fixture): Promise<TscRun> {
  const start = performance.now();
  const child = spawnTracked(
    process.execPath,
    [TSC, "-p", join(BENCH_DIR, "fixtures", fixture.dir), "--extendedDiagnostics", "--pretty", "false"],
    { stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    output += chunk;
  });
  return new Promise((resolve, reject) => {
    child.once("exit", (code) => {
      const wallMs = performance.now() - start;
      if (code !== 0) {
        reject(new Error(`tsc failed on bench/fixtures/${fixture.dir} (exit code ${code}):\n${output}`));
        return;
      }
      const read = (label: string) => {
        const match = new RegExp(`^${label}:\\s+([\\d.]+)`, "m").exec(output);
        if (!match?.[1]) throw new Error(`no "${label}" in tsc's diagnostics:\n${output}`);
        return Number(match[1]);
      };
      try {
        resolve({
          wallMs,
          checkMs: read("Check time") * 1000,
          types: read("Types"),
          files: read("Files"),
          memoryKB: read("Memory used"),
        });
      } catch (error) {
        reject(error);
      }
    });
  });
}

export async function measure({ quick }: TypecheckOptions): Promise<SuiteReport> {
  const rounds = quick ? 1 : 5;
  if (!quick) {
    progress("warming up: one tsc run per app");
    for (const fixture of FIXTURES) await tsc(fixture);
  }
  progress(`${rounds} round${rounds === 1 ? "" : "s"} of one tsc run per app`);
  const samples = new Map(FIXTURES.map((f) => [f, new Samples()]));
  const last = new Map<Fixture, TscRun>();
  await interleave(rounds, FIXTURES, async (fixture, round) => {
    const run = await tsc(fixture);
    const s = samples.get(fixture) as Samples;
    s.add("wall", round, run.wallMs);
    s.add("check", round, run.checkMs);
    s.add("memory", round, run.memoryKB);
    last.set(fixture, run);
  });

  const s = (f: Fixture) => samples.get(f) as Samples;
  const [baseline] = FIXTURES as [Fixture];
  return {
    id: "typecheck",
    title: "5. Consumer type-check",
    method: [
      "The same small app (create a client, get a job, list a page, read a field with its type) is written three",
      "ways under `bench/fixtures/`: with plain `fetch` and hand-written types (the baseline), against",
      "@flatfile-jobs/node, and against @flatfile/api. All three share one tsconfig (strict, NodeNext,",
      '`types: ["node"]`, `skipLibCheck: true`, as `tsc --init` sets it). Each is checked by',
      "`tsc -p <app> --extendedDiagnostics` with the repository's TypeScript in a new process; wall time runs",
      "from spawn to exit, so it includes starting Node and loading TypeScript, as an app's `tsc` does.",
      `${quick ? "" : "After one warm-up run each, "}every app is checked once per round in ${rounds} interleaved`,
      `round${rounds === 1 ? "" : "s"}; check time, types, files and memory are tsc's own diagnostics.`,
    ].join(" "),
    tables: [
      {
        columns: ["app", "tsc wall time", "check time", "types", "files", "memory used", "wall ÷ plain fetch"],
        align: ["left", "right", "right", "right", "right", "right", "right"],
        rows: FIXTURES.map((f) => {
          const run = last.get(f) as TscRun;
          return [
            f.name,
            fmt.ms(s(f).median("wall")),
            fmt.ms(s(f).median("check")),
            fmt.int(run.types),
            fmt.int(run.files),
            fmt.MiB(s(f).median("memory") * 1024),
            fmt.ratio(pairedRatio(s(f).get("wall"), s(baseline).get("wall"))),
          ];
        }),
      },
    ],
    notes: [
      "Lower is better. Types and files are the same in every run; check time is tsc's own, in steps of 10 ms (too coarse for a ratio).",
      "Most of the wall time is tsc reading the standard library and `@types/node`, which all three apps load.",
    ],
    chart: [
      {
        title: "Consumer type-check (tsc wall time)",
        axis: "÷ plain fetch app (lower is faster)",
        bars: FIXTURES.map((f) => ({
          label: f.name,
          ratio: pairedRatio(s(f).get("wall"), s(baseline).get("wall")),
          kind: f.kind,
        })),
      },
    ],
  };
}
