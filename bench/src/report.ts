// Turns the suites' results into BENCHMARKS.md and its chart (a hand-written SVG: one group of horizontal bars
// per suite, each bar a contender's ratio to that suite's baseline, a dashed line at 1.0). The suites decide
// what goes into their tables and bars; this file only lays them out, and describes the machine.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { cpus, type as osType, release, totalmem } from "node:os";
import { join } from "node:path";
import { BENCH_DIR, ROOT_DIR } from "./processes.js";

export type Align = "left" | "right";

export interface Table {
  /** A line above the table, e.g. "Concurrency 16". */
  caption?: string;
  columns: string[];
  align: Align[];
  rows: string[][];
}

/**
 * `baseline`: the bar at exactly 1; `ours`: a form of this project's client; `earlier`: this client as built at the
 * `--baseline` commit; `other`: everything else.
 */
export type BarKind = "baseline" | "ours" | "earlier" | "other";

export interface ChartBar {
  label: string;
  ratio: number;
  kind: BarKind;
}

export interface ChartGroup {
  /** The group's heading, e.g. "Loopback HTTP, concurrency 16". */
  title: string;
  /** What the bars measure, e.g. "req/s ÷ Node's fetch (higher is faster)". */
  axis: string;
  bars: ChartBar[];
}

/** What one suite hands to the report. */
export interface SuiteReport {
  id: string;
  title: string;
  /** The method, in a few sentences of Markdown. */
  method: string;
  tables: Table[];
  notes: string[];
  chart: ChartGroup[];
}

/** What was measured, on what. */
export interface RunInfo {
  quick: boolean;
  seconds: number;
  /** The 1-minute load average when the run started and when it ended: other work on the machine shows here. */
  load: [number, number];
  machine: Record<string, string>;
  versions: Record<string, string>;
  /** The `--baseline` ref as given, and the commit it names, when the run had one. */
  baseline?: { ref: string; label: string } | undefined;
}

// ---------------------------------------------------------------------------------------------------------------
// Number formats shared by the suites.

export const fmt = {
  /** 0.8312 → "0.83×" */
  ratio: (x: number): string => `${x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`,
  /** 12345.6 → "12,346" */
  int: (x: number): string => Math.round(x).toLocaleString("en-US"),
  /** milliseconds with a precision that suits their size */
  ms: (x: number): string => (x >= 100 ? `${Math.round(x).toLocaleString("en-US")} ms` : `${x.toPrecision(3)} ms`),
  /** bytes → "12.3 kB" (1000 bytes, as size-limit counts) */
  kB: (bytes: number): string => `${(bytes / 1000).toFixed(bytes >= 100_000 ? 0 : 2)} kB`,
  /** bytes → "1.5 MiB" */
  MiB: (bytes: number): string => `${(bytes / 2 ** 20).toFixed(1)} MiB`,
};

// ---------------------------------------------------------------------------------------------------------------
// The machine and the versions measured.

function run(command: string, args: string[]): string | undefined {
  try {
    return execFileSync(command, args, { cwd: ROOT_DIR, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

function osName(): string {
  const file = "/etc/os-release";
  const pretty = existsSync(file) ? /^PRETTY_NAME="?([^"\n]*)"?$/m.exec(readFileSync(file, "utf8"))?.[1] : undefined;
  return `${pretty ?? osType()} (kernel ${release()})`;
}

function versionOf(packageJson: string): string {
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

export function describeMachine(): Record<string, string> {
  const cpu = cpus();
  return {
    CPU: cpu[0]?.model.trim() ?? "unknown",
    cores: String(cpu.length),
    RAM: `${(totalmem() / 2 ** 30).toFixed(1)} GiB`,
    OS: osName(),
    "Node.js": `${process.version} (its fetch: undici ${process.versions.undici ?? "?"})`,
    date: `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
  };
}

export function describeVersions(): Record<string, string> {
  const pkg = (name: string) => versionOf(join(BENCH_DIR, "node_modules", name, "package.json"));
  const commit = run("git", ["rev-parse", "--short", "HEAD"]) ?? "unknown";
  const dirty = run("git", ["status", "--porcelain", "--", "packages"]);
  return {
    "@flatfile-jobs/core, node, browser": `${versionOf(join(ROOT_DIR, "packages/core/package.json"))}, built from commit ${commit}${dirty ? " plus uncommitted changes under packages/" : ""}`,
    "openapi-fetch": pkg("openapi-fetch"),
    "@flatfile/api": pkg("@flatfile/api"),
    undici: pkg("undici"),
    TypeScript: pkg("typescript"),
    esbuild: pkg("esbuild"),
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Markdown.

function markdownTable(table: Table): string {
  const widths = table.columns.map((column, i) =>
    Math.max(3, column.length, ...table.rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => (table.align[i] === "right" ? cell.padStart(widths[i] ?? 0) : cell.padEnd(widths[i] ?? 0))).join(" | ")} |`;
  const rule = `| ${widths.map((w, i) => (table.align[i] === "right" ? `${"-".repeat(w - 1)}:` : "-".repeat(w))).join(" | ")} |`;
  return [line(table.columns), rule, ...table.rows.map(line)].join("\n");
}

/** BENCHMARKS.md: how to regenerate it, the machine, then each suite's method, tables and notes. */
export function renderMarkdown(info: RunInfo, suites: SuiteReport[], chartPath: string): string {
  const out: string[] = [];
  out.push("# Benchmarks", "");
  out.push(
    `<!-- Written by \`pnpm bench\` (bench/src/main.ts); edit the suites in bench/src, not this file. -->`,
    "",
    "Regenerate with `pnpm build && pnpm bench` from the repository root (a few minutes on 2 cores; it writes this",
    "file and `bench/chart.svg`). `pnpm bench --quick` runs every suite with tiny counts as a smoke test and writes",
    "to `bench/reports/` instead; `--only <suite>` runs one suite (`stubbed`, `loopback`, `bundle`, `iterate`,",
    "`typecheck`). Absolute figures depend on the machine; the ratios are what to compare.",
    "",
  );
  if (info.quick)
    out.push("**Quick run: tiny counts, for checking that every contender works; not figures to quote.**", "");
  const machine = {
    ...info.machine,
    "run time": `${Math.round(info.seconds)} s`,
    "load average": `${info.load[0].toFixed(2)} at the start, ${info.load[1].toFixed(2)} at the end (1 min)`,
  };
  out.push(markdownTable({ columns: ["machine", ""], align: ["left", "left"], rows: Object.entries(machine) }), "");
  out.push(
    markdownTable({ columns: ["measured", "version"], align: ["left", "left"], rows: Object.entries(info.versions) }),
    "",
  );
  out.push(
    "**How to read the figures.** Everything runs against the built packages (`packages/*/dist`), as an app",
    "installs them. Timed figures come from interleaved rounds: round _r_ runs every contender once, starting",
    "with contender _r_ mod _n_, so that drift of the machine falls on all of them alike. A figure is the",
    "median over the rounds; a ratio is the median over the rounds of (contender ÷ baseline) within a round.",
    "Each table says which way is better.",
    "",
    ...(info.baseline
      ? [
          `**Before and after.** This run also measures this client as built at commit \`${info.baseline.label}\``,
          `(\`pnpm bench --baseline ${info.baseline.ref}\`): the rows named "at ${info.baseline.label}" in suites 1 and 2`,
          "are that build, beside the current one, in the same rounds.",
          "",
        ]
      : []),
    `![Ratios to each suite's baseline](${chartPath})`,
    "",
  );
  for (const suite of suites) {
    out.push(`## ${suite.title}`, "", suite.method, "");
    for (const table of suite.tables) {
      if (table.caption) out.push(table.caption, "");
      out.push(markdownTable(table), "");
    }
    for (const note of suite.notes) out.push(`- ${note}`);
    if (suite.notes.length > 0) out.push("");
  }
  return `${out.join("\n").trimEnd()}\n`;
}

// ---------------------------------------------------------------------------------------------------------------
// SVG.

const COLORS: Record<BarKind, string> = { baseline: "#9aa0a6", ours: "#1a73e8", earlier: "#8ab4f8", other: "#e8710a" };

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c] ?? c);
}

/**
 * One group per chart group, bars laid out on a linear scale from 0, or on a log scale (base 2, centred on 1)
 * when the ratios span more than 8× — then the bars start at the 1.0 line and go left (below 1) or right.
 */
export function renderSvg(suites: SuiteReport[], quick: boolean): string {
  const groups = suites.flatMap((suite) => suite.chart);
  const width = 900;
  const labelWidth = 250;
  const valueWidth = 70;
  const plotLeft = labelWidth + 10;
  const plotWidth = width - plotLeft - valueWidth - 20;
  const barHeight = 18;
  const gap = 6;
  const parts: string[] = [];
  let y = 40;

  for (const group of groups) {
    const ratios = group.bars.map((bar) => bar.ratio);
    const max = Math.max(1, ...ratios);
    const min = Math.min(1, ...ratios);
    const log = max / min > 8;
    // x of a ratio: linear from 0 to a rounded-up maximum, or log2 between rounded powers of two.
    let x: (ratio: number) => number;
    const ticks: number[] = [];
    if (log) {
      const lo = Math.floor(Math.log2(min));
      const hi = Math.ceil(Math.log2(max));
      x = (ratio) => plotLeft + ((Math.log2(ratio) - lo) / Math.max(1, hi - lo)) * plotWidth;
      for (let e = lo; e <= hi; e++) ticks.push(2 ** e);
    } else {
      const top = max <= 1.5 ? Math.ceil(max * 4) / 4 : max <= 4 ? Math.ceil(max * 2) / 2 : Math.ceil(max);
      x = (ratio) => plotLeft + (ratio / top) * plotWidth;
      const step = top <= 1.5 ? 0.25 : top <= 4 ? 0.5 : Math.ceil(top / 8);
      for (let t = 0; t <= top + 1e-9; t += step) ticks.push(Number(t.toFixed(2)));
    }
    parts.push(
      `<text x="10" y="${y}" class="title">${escapeXml(group.title)}</text>`,
      `<text x="${width - 10}" y="${y}" class="axis" text-anchor="end">${escapeXml(group.axis)}${log ? " · log scale" : ""}</text>`,
    );
    y += 10;
    const top = y;
    const bars: string[] = [];
    for (const bar of group.bars) {
      const from = log ? x(1) : plotLeft;
      const to = x(bar.ratio);
      bars.push(
        `<text x="${labelWidth}" y="${y + barHeight - 5}" class="label" text-anchor="end">${escapeXml(bar.label)}</text>`,
        `<rect x="${Math.min(from, to).toFixed(1)}" y="${y}" width="${Math.max(1, Math.abs(to - from)).toFixed(1)}" height="${barHeight}" fill="${COLORS[bar.kind]}"/>`,
        `<text x="${width - 10}" y="${y + barHeight - 5}" class="value" text-anchor="end">${escapeXml(fmt.ratio(bar.ratio))}</text>`,
      );
      y += barHeight + gap;
    }
    const bottom = y - gap;
    // Grid first, so that the bars are drawn over it.
    for (const tick of ticks) {
      parts.push(
        `<line x1="${x(tick).toFixed(1)}" y1="${top}" x2="${x(tick).toFixed(1)}" y2="${bottom}" class="grid"/>`,
        `<text x="${x(tick).toFixed(1)}" y="${bottom + 12}" class="tick" text-anchor="middle">${tick < 1 && log ? `1/${1 / tick}` : tick}</text>`,
      );
    }
    parts.push(...bars);
    parts.push(
      `<line x1="${x(1).toFixed(1)}" y1="${top - 4}" x2="${x(1).toFixed(1)}" y2="${bottom + 2}" class="one"/>`,
    );
    y = bottom + 40;
  }

  const height = y - 10;
  const kinds = new Set(groups.flatMap((group) => group.bars.map((bar) => bar.kind)));
  const legend = (["baseline", "ours", "earlier", "other"] as const)
    .filter((kind) => kind !== "earlier" || kinds.has(kind))
    .map((kind, i) => {
      const text = {
        baseline: "baseline (1.0)",
        ours: "@flatfile-jobs",
        earlier: "@flatfile-jobs, earlier build",
        other: "other clients",
      }[kind];
      return `<rect x="${10 + i * 210}" y="10" width="12" height="12" fill="${COLORS[kind]}"/><text x="${28 + i * 210}" y="21" class="label">${text}</text>`;
    })
    .join("");
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, -apple-system, Segoe UI, sans-serif">
<title>Benchmarks of the @flatfile-jobs packages: each contender's ratio to its suite's baseline</title>
<style>
.title { font-size: 14px; font-weight: 600; fill: #202124; }
.axis { font-size: 11px; fill: #5f6368; }
.label { font-size: 12px; fill: #202124; }
.value { font-size: 11px; fill: #202124; }
.tick { font-size: 10px; fill: #80868b; }
.grid { stroke: #e8eaed; stroke-width: 1; }
.one { stroke: #202124; stroke-width: 1.5; stroke-dasharray: 4 3; }
</style>
<rect width="100%" height="100%" fill="#ffffff"/>
${legend}${quick ? `<text x="${width - 10}" y="21" class="axis" text-anchor="end">quick run: tiny counts</text>` : ""}
${parts.join("\n")}
</svg>
`;
}
