// The built flatfile-jobs binary, run as a subprocess against the Jobs simulator behind Prism's validating proxy:
// output and exit code of every command, its errors (as text and as --json), the token kept out of both streams,
// and wait's progress.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { Job, Pagination } from "@flatfile-jobs/node";
import { type JobStep, type JobsSimulator, startJobsSimulator } from "@flatfile-jobs/testing";
import { commandName } from "@flatfile-jobs/tools/codegen-cli";
import { operationTable } from "@flatfile-jobs/tools/operations-table";
import { type PrismServer, startValidatingProxy } from "@flatfile-jobs/tools/prism";
import { spec } from "@flatfile-jobs/tools/spec";
import getPort from "get-port";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HAND_WRITTEN } from "../src/hand-written.js";

const CLI = fileURLToPath(new URL("../dist/cli.mjs", import.meta.url));
const TOKEN = "sk_cli_SECRETtoken987654";

let simulator: JobsSimulator;
let prism: PrismServer;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm turbo run build\` first.`);
  simulator = await startJobsSimulator();
  prism = await startValidatingProxy(simulator, { warmUp: false });
}, 120_000);

afterAll(async () => {
  await Promise.all([prism?.stop(), simulator?.close()]);
});

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

interface RunOptions {
  /** Variables added to (or, when undefined, removed from) the environment the binary gets. */
  env?: Record<string, string | undefined>;
  /** Pass `--base-url` of the proxy. @default true */
  baseUrl?: boolean;
  /** Run it on a pseudo-terminal (util-linux `script`); stdout and stderr then arrive together on stdout. */
  tty?: boolean;
}

/** Runs the binary and checks, whatever the outcome, that the token shows on neither stream. */
async function run(args: string[], options: RunOptions = {}): Promise<Result> {
  const env: Record<string, string | undefined> = { ...process.env, FLATFILE_API_KEY: TOKEN };
  for (const name of ["FLATFILE_BEARER_TOKEN", "FLATFILE_API_URL", "FLATFILE_LOG"]) delete env[name];
  for (const [name, value] of Object.entries(options.env ?? {})) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  const argv = [CLI, ...args, ...(options.baseUrl === false ? [] : ["--base-url", prism.url])];
  const child = options.tty
    ? spawn("script", ["-qefc", [process.execPath, ...argv].map(shellQuote).join(" "), "/dev/null"], {
        env,
        stdio: ["ignore", "pipe", "pipe"],
      })
    : spawn(process.execPath, argv, { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  expect(stdout + stderr).not.toContain("SECRETtoken987654");
  return { code, stdout, stderr };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function shellQuote(arg: string): string {
  return `'${arg.replaceAll("'", "'\\''")}'`;
}

const seed = (source: string, jobs: Array<Partial<Job>> = [{}]) =>
  simulator.seed(jobs.map((job) => ({ type: "workbook", operation: "submitAction", source, ...job })));

const job = (id: string) => simulator.job(id) as Job;

/** The error line of a failed run: exactly one line, no stack. */
function errorLine(result: Result): string {
  const lines = result.stderr.trimEnd().split("\n");
  expect(result.stderr).not.toMatch(/^\s+at /m);
  return lines[0] ?? "";
}

describe("help", () => {
  it("lists the commands, the environment and the exit codes", async () => {
    const { code, stdout } = await run(["--help"], { baseUrl: false });
    expect(code).toBe(0);
    for (const name of ["list", "get", "create", "ack", "complete", "fail", "cancel", "retry", "split", "wait"]) {
      expect(stdout).toMatch(new RegExp(`^  ${name} `, "m"));
    }
    expect(stdout).toContain("FLATFILE_API_KEY");
    expect(stdout).toContain("Exit codes");
  });

  it("has --help for every command, showing its own and the global options", async () => {
    const commands = ["list", "get", "create", "ack", "complete", "fail", "cancel", "retry", "split", "wait"];
    const results = await Promise.all(commands.map((name) => run([name, "--help"], { baseUrl: false })));
    results.forEach(({ code, stdout }, i) => {
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: flatfile-jobs ${commands[i]}`);
      expect(stdout).toContain("--base-url <url>");
    });
    expect(results[0]?.stdout).toContain("--exclude-child-jobs");
    expect(results[9]?.stdout).toContain("--timeout <ms>");
  });
});

describe("a command for every operation of the spec", () => {
  const commands = operationTable(spec).map((row) => ({ ...row, command: commandName(row.operationId) }));

  it("lists one per operation in --help, each with its own --help", async () => {
    const { stdout } = await run(["--help"], { baseUrl: false });
    for (const { command } of commands) expect(stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    const made = commands.filter((c) => !HAND_WRITTEN.has(c.operationId));
    const results = await Promise.all(made.map(({ command }) => run([command, "--help"], { baseUrl: false })));
    results.forEach(({ code, stdout: help }, i) => {
      const { command, method, path, body } = made[i] ?? {};
      expect(code, command).toBe(0);
      expect(help).toContain(`Usage: flatfile-jobs ${command}`);
      expect(help).toContain(`(${method} ${path})`);
      if (body) expect(help).toContain("--body <json|@file>");
    });
  });

  it("sends the body given as JSON or as @file, and prints a job as the other commands do", async () => {
    const id = seed("us_wb_cli_made")[0]?.id as string;
    const updated = await run(["update", id, "--body", '{"progress":40,"info":"Checking rows"}']);
    expect(updated.code).toBe(0);
    expect(updated.stdout).toMatch(/^progress +40%$/m);
    expect(job(id)).toMatchObject({ progress: 40, info: "Checking rows" });
    const asJson = await run(["update", id, "--body", '{"progress":50}', "--json"]);
    expect(JSON.parse(asJson.stdout)).toMatchObject({ id, progress: 50 });
    const file = join(await mkdtemp(join(tmpdir(), "cli-body-")), "mutation.json");
    await writeFile(file, JSON.stringify({ sheetId: "us_sh_cli", mutateRecord: "(record) => record" }));
    const previewed = await run(["preview-mutation", "--body", `@${file}`, "--json"]);
    expect(previewed.code).toBe(0);
    expect(JSON.parse(previewed.stdout)).toEqual({ data: [] });
  });

  it("prints any other answer as JSON, and exits 1 with the API's reason like the other commands", async () => {
    const id = seed("us_wb_cli_made_plan")[0]?.id as string;
    const plan = await run(["get-execution-plan", id]);
    expect(plan.code).toBe(0);
    expect(JSON.parse(plan.stdout).data.job.id).toBe(id);
    const deleted = await run(["delete", id]);
    expect(deleted.code).toBe(0);
    expect(JSON.parse(deleted.stdout)).toEqual({ data: { success: true } });
    const gone = await run(["execute", id]);
    expect(gone.code).toBe(1);
    expect(errorLine(gone)).toMatch(/^Error: 404 /);
  });

  it("refuses a missing or broken --body as a usage error, sending nothing", async () => {
    const id = seed("us_wb_cli_made_usage")[0]?.id as string;
    const before = simulator.requests().length;
    const cases: Array<[string[], RegExp]> = [
      [["update", id], /^Error: required option '--body <json\|@file>' not specified/],
      [
        ["update", id, "--body", "{progress"],
        /^Error: option '--body <json\|@file>' argument .* is invalid\. Not valid JSON/,
      ],
      [["update", id, "--body", "@/nonexistent/body.json"], /Cannot read \/nonexistent\/body\.json: no such file/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, i) => {
      expect(result.code, cases[i]?.[0].join(" ")).toBe(2);
      expect(result.stderr).toMatch(cases[i]?.[1] as RegExp);
    });
    expect(simulator.requests().length).toBe(before);
  });

  it("sends a value of an open enum it does not know, with a note, for the API to judge", async () => {
    const created = await run(["create", "--type", "spreadsheet", "--operation", "x", "--source", "us_wb_cli_note"]);
    expect(created.stderr).toContain(
      'Note: --type "spreadsheet" is not one this version knows (file, workbook, sheet, space, document, app, agent, autobuild, onboarding); it is sent as given.',
    );
    // The spec's validation (Prism's, in front of the simulator) refuses a type it does not have: it was sent.
    expect(created.code).toBe(1);
    expect(created.stderr).toMatch(/^Error: 4\d\d .*\(POST \/jobs\)$/m);
    const json = await run(["create", "--type", "spreadsheet", "--operation", "x", "--source", "y", "--json"]);
    expect(JSON.parse(json.stderr.split("\n")[0] ?? "")).toEqual({
      note: expect.stringContaining('--type "spreadsheet" is not one this version knows'),
    });
  });
});

describe("list", () => {
  it("prints one page as a table with where it stands", async () => {
    const jobs = seed("us_wb_cli_table", [
      { status: "complete", progress: 100, info: "Submitted 142 records" },
      { status: "executing", progress: 45, info: "Validating records" },
      {},
    ]);
    const { code, stdout, stderr } = await run(["list", "--source", "us_wb_cli_table"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^ID\s+TYPE\/OPERATION\s+STATUS\s+PROGRESS\s+INFO\s+UPDATED$/);
    expect(lines[1]).toMatch(new RegExp(`^${jobs[0]?.id}\\s+workbook/submitAction\\s+complete\\s+100%\\s+Submitted`));
    expect(lines[2]).toMatch(new RegExp(`^${jobs[1]?.id}\\s+workbook/submitAction\\s+executing\\s+45%\\s+Validating`));
    expect(lines[3]).toMatch(new RegExp(`^${jobs[2]?.id}\\s+workbook/submitAction\\s+created\\s+0%\\s+\\d{4}-`));
    expect(lines[4]).toBe("page 1 of 1 · 3 jobs in all");
  });

  it("walks every page with --all, and prints every job as { data } with --json", async () => {
    const source = "us_wb_cli_pages";
    const ids = seed(
      source,
      Array.from({ length: 7 }, () => ({})),
    ).map((j) => j.id);
    const before = simulator.requests().length;

    const table = await run(["list", "--source", source, "--page-size", "3", "--all"]);
    expect(table.code).toBe(0);
    for (const id of ids) expect(table.stdout).toContain(id);
    expect(table.stdout.trimEnd().split("\n").at(-1)).toBe("7 jobs");
    const pages = simulator
      .requests()
      .slice(before)
      .filter((r) => r.method === "GET" && r.path === "/v1/jobs" && r.query.source === source);
    expect(pages.map((r) => [r.query.pageNumber, r.query.pageSize])).toEqual([
      ["1", "3"],
      ["2", "3"],
      ["3", "3"],
    ]);

    const all = await run(["list", "--source", source, "--page-size", "3", "--all", "--json"]);
    expect(all.code).toBe(0);
    const walked = JSON.parse(all.stdout) as { data: Job[] };
    // Every page, so no page to describe: the jobs alone.
    expect(Object.keys(walked)).toEqual(["data"]);
    expect(walked.data.map((j) => j.id)).toEqual(ids);
    const page = await run(["--json", "list", "--source", source, "--page-size", "3", "--page", "3"]);
    expect((JSON.parse(page.stdout) as { data: Job[] }).data.map((j) => j.id)).toEqual(ids.slice(6));
  });

  it("prints one page with --json as the API returned it, pagination included, so a script can see more pages", async () => {
    const source = "us_wb_cli_json_page";
    const ids = seed(
      source,
      Array.from({ length: 5 }, () => ({})),
    ).map((j) => j.id);
    const first = await run(["list", "--source", source, "--page-size", "2", "--json"]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe("");
    const page = JSON.parse(first.stdout) as { data: Job[]; pagination: Pagination };
    expect(Object.keys(page)).toEqual(["data", "pagination"]);
    expect(page.data.map((j) => j.id)).toEqual(ids.slice(0, 2));
    expect(page.pagination).toEqual({ currentPage: 1, pageCount: 3, totalCount: 5 });

    const last = JSON.parse(
      (await run(["list", "--source", source, "--page-size", "2", "--page", "3", "--json"])).stdout,
    );
    expect(last).toEqual({
      data: [expect.objectContaining({ id: ids[4] })],
      pagination: { currentPage: 3, pageCount: 3, totalCount: 5 },
    });
  });

  it("sends every filter as the API's query parameter", async () => {
    const args = ["--environment-id", "us_env_1", "--space-id", "us_sp_1", "--workbook-id", "us_wb_1"];
    args.push("--file-id", "us_fl_1", "--parent-id", "us_jb_1", "--source", "us_wb_cli_filters");
    args.push("--exclude-child-jobs", "--sort", "desc", "--page-size", "5", "--page", "2");
    const { code, stdout } = await run(["list", ...args]);
    expect(code).toBe(0);
    expect(stdout).toBe("No jobs.\n");
    expect(simulator.requests().at(-1)?.query).toEqual({
      environmentId: "us_env_1",
      spaceId: "us_sp_1",
      workbookId: "us_wb_1",
      fileId: "us_fl_1",
      parentId: "us_jb_1",
      source: "us_wb_cli_filters",
      excludeChildJobs: "true",
      sortDirection: "desc",
      pageSize: "5",
      pageNumber: "2",
    });
  });

  it("takes the URL from FLATFILE_API_URL (with /v1 appended) and the token from FLATFILE_BEARER_TOKEN", async () => {
    const [seeded] = seed("us_wb_cli_env");
    const { code, stdout } = await run(["list", "--source", "us_wb_cli_env"], {
      baseUrl: false,
      env: { FLATFILE_API_URL: prism.origin, FLATFILE_API_KEY: undefined, FLATFILE_BEARER_TOKEN: TOKEN },
    });
    expect(code).toBe(0);
    expect(stdout).toContain(seeded?.id);
  });
});

describe("one job at a time", () => {
  it("get prints the job's fields, or its JSON", async () => {
    const [seeded] = seed("us_wb_cli_get", [{ status: "executing", progress: 40, info: "Validating records" }]);
    const id = seeded?.id as string;
    const readable = await run(["get", id]);
    expect(readable.code).toBe(0);
    expect(readable.stdout).toMatch(new RegExp(`^id\\s+${id}$`, "m"));
    expect(readable.stdout).toMatch(/^status\s+executing$/m);
    expect(readable.stdout).toMatch(/^progress\s+40%$/m);
    expect(readable.stdout).toMatch(/^info\s+Validating records$/m);
    const json = await run(["get", id, "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ id, status: "executing", progress: 40 });
  });

  it("create makes the job the simulator then holds", async () => {
    const { code, stdout } = await run([
      "create",
      "--type",
      "workbook",
      "--operation",
      "submitAction",
      "--source",
      "us_wb_cli_create",
      "--trigger",
      "immediate",
      "--mode",
      "background",
      "--input",
      '{"batch":3}',
      "--config",
      '{"sheet":"us_sh_1"}',
      "--json",
    ]);
    expect(code).toBe(0);
    const created = JSON.parse(stdout) as Job;
    expect(simulator.jobs().find((j) => j.id === created.id)).toMatchObject({
      type: "workbook",
      operation: "submitAction",
      source: "us_wb_cli_create",
      status: "ready",
      mode: "background",
      input: { batch: 3 },
      config: { sheet: "us_sh_1" },
    });
  });

  it("ack and complete move a job to executing and then complete, with info and outcome", async () => {
    const id = seed("us_wb_cli_ack")[0]?.id as string;
    const ack = await run(["ack", id, "--progress", "40", "--info", "Validating records"]);
    expect(ack.code).toBe(0);
    expect(ack.stdout).toMatch(/^status\s+executing$/m);
    expect(job(id)).toMatchObject({ status: "executing", progress: 40, info: "Validating records" });

    const done = await run(["complete", id, "--info", "Submitted", "--outcome", '{"heading":"Done","message":"142"}']);
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/^outcome\s+\{"heading":"Done","message":"142"\}$/m);
    expect(job(id)).toMatchObject({
      status: "complete",
      progress: 100,
      info: "Submitted",
      outcome: { heading: "Done" },
    });
  });

  it("fail, retry and cancel change the job's status", async () => {
    const id = seed("us_wb_cli_fail", [{ status: "executing" }])[0]?.id as string;
    expect((await run(["fail", id, "--info", "Sheet locked", "--outcome", '{"heading":"Failed"}'])).code).toBe(0);
    expect(job(id)).toMatchObject({ status: "failed", info: "Sheet locked", outcome: { heading: "Failed" } });
    const retried = await run(["retry", id]);
    expect(retried.code).toBe(0);
    expect(retried.stdout).toMatch(/^status\s+ready$/m);
    expect(job(id).status).toBe("ready");
    expect((await run(["cancel", id, "--info", "Not needed"])).code).toBe(0);
    expect(job(id)).toMatchObject({ status: "canceled", info: "Not needed" });
  });

  it("split creates part jobs, by count or with data for each part", async () => {
    const [byCount, byData] = seed("us_wb_cli_split", [{}, {}]).map((j) => j.id);
    const counted = await run(["split", byCount as string, "--parts", "2", "--parallel"]);
    expect(counted.code).toBe(0);
    expect(counted.stdout).toContain(`flatfile-jobs list --parent-id ${byCount}`);
    expect(job(byCount as string).partExecution).toBe("parallel");
    expect(simulator.jobs().filter((j) => j.parentId === byCount)).toHaveLength(2);

    expect((await run(["split", byData as string, "--parts", '[{"rows":"1-100"},{"rows":"101-200"}]'])).code).toBe(0);
    const parts = simulator.jobs().filter((j) => j.parentId === byData);
    expect(parts.map((p) => [p.part, p.partData])).toEqual([
      [1, { rows: "1-100" }],
      [2, { rows: "101-200" }],
    ]);
    expect(job(byData as string).partExecution).toBe("sequential");
  });
});

describe("errors", () => {
  it("an unknown job is exit 1 with one line naming the 404 and what to check", async () => {
    const result = await run(["get", "us_jb_cli_missing", "--token", TOKEN]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(errorLine(result)).toMatch(
      /^Error: 404 .*us_jb_cli_missing.*\(GET \/jobs\/us_jb_cli_missing\) — check the job id/,
    );
  });

  it("an operation the job's state refuses is exit 1 with the API's reason", async () => {
    const id = seed("us_wb_cli_conflict", [{ status: "complete" }])[0]?.id as string;
    const result = await run(["ack", id]);
    expect(result.code).toBe(1);
    expect(result.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(errorLine(result)).toMatch(new RegExp(`^Error: 400 Job ${id} is complete and cannot acknowledge`));
  });

  it("usage errors are exit 2 and send nothing", async () => {
    const id = seed("us_wb_cli_usage")[0]?.id as string;
    const before = simulator.requests().length;
    const cases: Array<[string[], RegExp]> = [
      [["frobnicate"], /^Error: unknown command 'frobnicate'/],
      [["get"], /^Error: missing required argument 'jobId'/],
      [
        ["complete", id, "--outcome", "{not json"],
        /^Error: option '--outcome <json>' argument .* is invalid\. Not valid JSON/,
      ],
      [["split", id, "--parts", "[1, 2]"], /^Error: option '--parts <n\|json>'/],
      [["ack", id, "--progress", "150"], /^Error: option '--progress <n>' argument '150' is invalid/],
      [["list", "--sort", "sideways"], /^Error: option '--sort <direction>' argument 'sideways' is invalid/],
      [["list", "--bogus"], /^Error: unknown option '--bogus'/],
      [["create", "--operation", "x", "--source", "y"], /^Error: required option '--type <type>' not specified/],
      [[], /^Usage: flatfile-jobs/],
    ];
    const results = await Promise.all(cases.map(([args]) => run(args)));
    results.forEach((result, i) => {
      expect(result.code, cases[i]?.[0].join(" ")).toBe(2);
      expect(result.stderr).toMatch(cases[i]?.[1] as RegExp);
    });
    expect(job(id).status).toBe("created");
    expect(simulator.requests().length).toBe(before);
  });

  it("an unreachable API is exit 1 with one line; a malformed base URL is a usage error", async () => {
    const closedPort = await getPort({ host: "127.0.0.1" });
    const unreachable = await run(["get", "us_jb_1", "--base-url", `http://127.0.0.1:${closedPort}/v1`], {
      baseUrl: false,
    });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr.trimEnd().split("\n")).toHaveLength(1);
    expect(errorLine(unreachable)).toMatch(/^Error: Could not reach the Jobs API \(GET \/jobs\/us_jb_1, 3 attempts\)/);

    const malformed = await run(["get", "us_jb_1", "--base-url", "not a url"], { baseUrl: false });
    expect(malformed.code).toBe(2);
    expect(errorLine(malformed)).toMatch(/^Error: baseUrl must be an absolute http\(s\) URL/);
  });

  it("no token is exit 2 with a message naming FLATFILE_API_KEY", async () => {
    const result = await run(["list"], { env: { FLATFILE_API_KEY: undefined } });
    expect(result.code).toBe(2);
    expect(errorLine(result)).toMatch(/^Error: No API token\. Set FLATFILE_API_KEY .* or pass --token\.$/);
  });

  it("never echoes a token given with --token, even when it lands where a command is expected", async () => {
    const unknown = await run(["--token", TOKEN, TOKEN], { env: { FLATFILE_API_KEY: undefined } });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("[redacted]");
    const misplaced = await run(["ack", "us_jb_1", "--progress", TOKEN, `--token=${TOKEN}`]);
    expect(misplaced.code).toBe(2);
  });
});

describe("errors with --json", () => {
  interface JsonError {
    error: Record<string, unknown> & { name: string; message: string };
    exitCode: number;
  }

  /** The one line of JSON a failed run writes on stderr, parsed; stdout stays empty. */
  function jsonError(result: Result): JsonError {
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(lines, result.stderr).toHaveLength(1);
    const parsed = JSON.parse(lines[0] as string) as JsonError;
    expect(Object.keys(parsed)).toEqual(["error", "exitCode"]);
    expect(parsed.exitCode).toBe(result.code);
    return parsed;
  }

  it("an API error is one line of JSON: the error's toJSON() and the exit code", async () => {
    const result = await run(["get", "us_jb_cli_json_missing", "--json", "--token", TOKEN]);
    expect(result.code).toBe(1);
    const { error } = jsonError(result);
    expect(error).toMatchObject({ name: "NotFoundError", status: 404 });
    expect(error.message).toMatch(
      /^404 .*us_jb_cli_json_missing.*\(GET \/jobs\/us_jb_cli_json_missing\) — check the job id/,
    );
    expect(error).not.toHaveProperty("headers");
  });

  it("an unreachable API is exit 1 with the connection error as JSON", async () => {
    const closedPort = await getPort({ host: "127.0.0.1" });
    const result = await run(["get", "us_jb_1", "--json", "--base-url", `http://127.0.0.1:${closedPort}/v1`], {
      baseUrl: false,
    });
    expect(result.code).toBe(1);
    const { error } = jsonError(result);
    expect(error.name).toBe("APIConnectionError");
    expect(error.message).toMatch(/^Could not reach the Jobs API \(GET \/jobs\/us_jb_1, 3 attempts\)/);
  });

  it("usage errors are one line of JSON with exit code 2, and send nothing", async () => {
    const id = seed("us_wb_cli_json_usage")[0]?.id as string;
    const before = simulator.requests().length;
    const cases: Array<[string[], RunOptions, Record<string, unknown>, RegExp]> = [
      [
        ["frobnicate", "--json"],
        {},
        { name: "UsageError", code: "commander.unknownCommand" },
        /^unknown command 'frobnicate'/,
      ],
      [
        ["--json", "get"],
        {},
        { name: "UsageError", code: "commander.missingArgument" },
        /^missing required argument 'jobId'/,
      ],
      [
        ["ack", id, "--json", "--progress", "150"],
        {},
        { name: "UsageError", code: "commander.invalidArgument" },
        /^option '--progress <n>' argument '150' is invalid\. Expected a whole number from 0 to 100\.$/,
      ],
      [
        ["list", "--bogus", "--json"],
        {},
        { name: "UsageError", code: "commander.unknownOption" },
        /^unknown option '--bogus'/,
      ],
      // No command: commander would show the help on stderr.
      [
        ["--json"],
        {},
        { name: "UsageError", code: "commander.help" },
        /^No command given\. Run 'flatfile-jobs --help'/,
      ],
      [
        ["list", "--json"],
        { env: { FLATFILE_API_KEY: undefined } },
        { name: "UsageError" },
        /^No API token\. Set FLATFILE_API_KEY /,
      ],
      [
        ["get", "us_jb_1", "--json", "--base-url", "not a url"],
        { baseUrl: false },
        { name: "InvalidArgumentError" },
        /^baseUrl must be an absolute http\(s\) URL/,
      ],
      [
        ["list", "--json"],
        { env: { FLATFILE_LOG: "loud" } },
        { name: "InvalidArgumentError" },
        /^FLATFILE_LOG must be one of/,
      ],
    ];
    const results = await Promise.all(cases.map(([args, options]) => run(args, options)));
    results.forEach((result, i) => {
      const [args, , fields, message] = cases[i] as (typeof cases)[number];
      expect(result.code, args.join(" ")).toBe(2);
      const { error } = jsonError(result);
      expect(error, args.join(" ")).toMatchObject(fields);
      expect(error.message, args.join(" ")).toMatch(message);
    });
    // A usage error of this tool's own (not commander's) has no commander code.
    expect(jsonError(results[5] as Result).error).toEqual({ name: "UsageError", message: expect.any(String) });
    expect(job(id).status).toBe("created");
    expect(simulator.requests().length).toBe(before);
  });

  it("keeps the token out of the JSON, in the message and in every field", async () => {
    const misplaced = await run(["--json", "--token", TOKEN, TOKEN], { env: { FLATFILE_API_KEY: undefined } });
    expect(misplaced.code).toBe(2);
    expect(jsonError(misplaced).error.message).toBe("unknown command '[redacted]'");

    // The API's answer quotes the id, and the error's path carries it: here the id is the token itself.
    const quoted = await run(["get", TOKEN, "--json"]);
    expect(quoted.code).toBe(1);
    const { error } = jsonError(quoted);
    expect(error.name).toBe("NotFoundError");
    expect(error.message).toContain("[redacted]");
    expect(error.path).toBe("/jobs/[redacted]");
    expect(JSON.stringify(error)).not.toContain("SECRETtoken987654");
  });
});

describe("wait", () => {
  const STEPS: JobStep[] = [
    { status: "executing", progress: 10, info: "Reading rows" },
    { status: "executing", progress: 40, info: "Validating records" },
    { status: "executing", progress: 80, info: "Writing" },
  ];

  /** Starts `wait` on a new job and, once it has polled the job, moves it through `steps` every 500 ms. */
  async function waitThrough(steps: JobStep[], options: RunOptions = {}, extra: string[] = []) {
    const id = seed("us_wb_cli_wait", [{ status: "ready" }])[0]?.id as string;
    const running = run(["wait", id, "--interval", "100", ...extra], options);
    // Starting the steps only after the first poll keeps a slow process start from skipping them.
    const polled = () => simulator.requests().some((r) => r.path === `/v1/jobs/${id}`);
    for (const started = Date.now(); !polled() && Date.now() - started < 15_000; ) await sleep(20);
    const scripted = simulator.script(id, steps, 500);
    const [result] = await Promise.all([running, scripted]);
    return { id, result };
  }

  /** The output must show the first and last of `expected`, and only lines of it, in order (a poll may miss a step). */
  function checkLines(output: string, expected: string[]) {
    const lines = output.trimEnd().split("\n");
    const positions = lines.map((line) => expected.indexOf(line));
    expect(positions, output).not.toContain(-1);
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(positions).size).toBe(positions.length);
    expect(lines.at(-1)).toBe(expected.at(-1));
    expect(lines[0]).toBe(expected[0]);
    expect(lines.length).toBeGreaterThanOrEqual(3);
  }

  it("prints a line per change and exits 0 when the job completes", async () => {
    const done: JobStep = { status: "complete", progress: 100, info: "Submitted 142 records" };
    const { id, result } = await waitThrough([...STEPS, done]);
    expect(result.code).toBe(0);
    checkLines(result.stderr, [
      `${id} ready 0%`,
      `${id} executing 10% Reading rows`,
      `${id} executing 40% Validating records`,
      `${id} executing 80% Writing`,
      `${id} complete 100% Submitted 142 records`,
    ]);
    expect(result.stdout).toMatch(/^status\s+complete$/m);
  });

  it("exits 1 with one line when the job fails (JSON with --json)", async () => {
    const { id, result } = await waitThrough([...STEPS, { status: "failed", info: "Sheet locked" }], {}, ["--json"]);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe("");
    const lines = result.stderr.trimEnd().split("\n");
    expect(JSON.parse(lines.at(-1) as string)).toEqual({
      error: expect.objectContaining({
        name: "JobFailedError",
        message: `Job ${id} failed: Sheet locked.`,
        jobId: id,
        info: "Sheet locked",
        job: expect.objectContaining({ id, status: "failed" }),
      }),
      exitCode: 1,
    });
    checkLines(lines.slice(0, -1).join("\n"), [
      `${id} ready 0%`,
      `${id} executing 10% Reading rows`,
      `${id} executing 40% Validating records`,
      `${id} executing 80% Writing`,
      `${id} failed 80% Sheet locked`,
    ]);
  });

  it("exits 1 when the job is canceled, or is still running at --timeout", async () => {
    const canceled = await waitThrough([STEPS[0] as JobStep, { status: "canceled", info: "Stopped by Ana" }]);
    expect(canceled.result.code).toBe(1);
    expect(canceled.result.stderr.trimEnd().split("\n").at(-1)).toBe(
      `Error: Job ${canceled.id} was canceled: Stopped by Ana.`,
    );

    // The message reports the status the last poll saw, so the deadline leaves a busy machine ample time for the
    // first one.
    const id = seed("us_wb_cli_wait", [{ status: "executing", progress: 30 }])[0]?.id as string;
    const timedOut = await run(["wait", id, "--timeout", "3000", "--interval", "100"]);
    expect(timedOut.code).toBe(1);
    expect(timedOut.stderr.trimEnd().split("\n").at(-1)).toMatch(
      new RegExp(`^Error: Job ${id} did not finish within 3000 ms \\(still executing at 30%\\).*raise --timeout\\.$`),
    );
  });

  it("refuses a --timeout or --interval longer than a timer holds (2147483647 ms) as a usage error", async () => {
    const id = seed("us_wb_cli_wait_bounds", [{ status: "complete", progress: 100 }])[0]?.id as string;
    const before = simulator.requests().length;
    const cases: Array<[string[], RegExp]> = [
      [
        ["--timeout", "3000000000"],
        /^Error: option '--timeout <ms>' argument '3000000000' is invalid\. Expected a whole number from 1 to 2147483647\.$/m,
      ],
      [["--timeout", "2147483648"], /^Error: option '--timeout <ms>' argument '2147483648' is invalid\./m],
      [["--timeout", "0"], /^Error: option '--timeout <ms>' argument '0' is invalid\. Expected a whole number from 1/m],
      [
        ["--interval", "2147483648"],
        /^Error: option '--interval <ms>' argument '2147483648' is invalid\. Expected a whole number from 1 to 2147483647\.$/m,
      ],
    ];
    const results = await Promise.all(cases.map(([args]) => run(["wait", id, ...args])));
    results.forEach((result, i) => {
      expect(result.code, cases[i]?.[0].join(" ")).toBe(2);
      expect(result.stderr).toMatch(cases[i]?.[1] as RegExp);
    });
    expect(simulator.requests().length).toBe(before);

    // The longest a timer holds is accepted; the job is complete, so the first poll ends the wait.
    const longest = await run(["wait", id, "--timeout", "2147483647", "--interval", "2147483647"]);
    expect(longest.code).toBe(0);
    expect(longest.stdout).toMatch(/^status\s+complete$/m);
  });

  it("draws a progress bar on a terminal, ending full at 100%", async () => {
    const done: JobStep = { status: "complete", progress: 100, info: "Done" };
    const { id, result } = await waitThrough([...STEPS, done], { tty: true });
    expect(result.code).toBe(0);
    // cli-progress redraws one line in place: each frame starts with "move to column 1".
    // biome-ignore lint/suspicious/noControlCharactersInRegex: terminal escape sequences
    const frames = result.stdout.split(/\x1b\[1G/).filter((frame) => frame.startsWith(`${id} [`));
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.some((frame) => /\[█+░+\] [1-9]\d% executing \w+/.test(frame))).toBe(true);
    expect(frames.at(-1)).toMatch(new RegExp(`^${id} \\[█{30}\\] 100% complete Done`));
    expect(result.stdout).toMatch(/status\s+complete/);
  });
});
