// The flatfile-jobs command: reads the arguments, makes one Jobs API call (or a wait), prints the result.
// It uses only the public API of @flatfile-jobs/node, which it depends on: the bundle holds no client code.
import {
  createJobsClient,
  type Job,
  JobCanceledError,
  JobFailedError,
  type JobOutcome,
  type JobsClient,
} from "@flatfile-jobs/node";
import { Command, Option } from "commander";
import packageJson from "../package.json" with { type: "json" };
import { EXIT, redact, reportError, reportErrorAsJson, UsageError } from "./errors.js";
import { EXIT_CODES_HELP } from "./exit-codes.js";
import { emptyPage, jobDetails, jobTable, jobTableInPages, jsonDataInPages, pageFooter, toJson } from "./format.js";
import { ENUMS, OPERATIONS } from "./generated/spec.js";
import { HAND_WRITTEN } from "./hand-written.js";
import { jobParts, jsonBody, jsonObject, MAX_TIMER_MS, queryPair, wholeNumber } from "./parse.js";
import { createProgressView } from "./progress.js";

interface GlobalOptions {
  token?: string;
  baseUrl?: string;
  json?: boolean;
}

const out = (text: string) => process.stdout.write(`${text}\n`);
/** Writes to stdout and waits while its buffer is full (a slow pipe), so output never piles up in memory. */
const write = (text: string) =>
  new Promise<void>((resolve, reject) => {
    if (process.stdout.write(text)) resolve();
    else {
      const onError = (error: Error) => {
        process.stdout.off("drain", onDrain);
        reject(error);
      };
      const onDrain = () => {
        process.stdout.off("error", onError);
        resolve();
      };
      process.stdout.once("drain", onDrain).once("error", onError);
    }
  });

/** The token and any other value that must never reach the terminal, whatever echoes it. */
function knownSecrets(argv: string[]): string[] {
  const secrets = [process.env.FLATFILE_API_KEY, process.env.FLATFILE_BEARER_TOKEN];
  argv.forEach((arg, i) => {
    if (arg === "--token") secrets.push(argv[i + 1]);
    else if (arg.startsWith("--token=")) secrets.push(arg.slice("--token=".length));
  });
  return secrets.filter((s): s is string => typeof s === "string" && s.trim() !== "");
}

/** Whether the environment has a token for the client to read (it reads these two, ignoring blank ones). */
function tokenInEnv(): boolean {
  return ["FLATFILE_API_KEY", "FLATFILE_BEARER_TOKEN"].some((name) => (process.env[name] ?? "").trim() !== "");
}

function clientFor(command: Command): JobsClient {
  const { token, baseUrl } = command.optsWithGlobals<GlobalOptions>();
  // The client would refuse a missing token too, but its message speaks to code (`createJobsClient({ token })`).
  if (token === undefined && !tokenInEnv()) {
    throw new UsageError(
      "No API token. Set FLATFILE_API_KEY (or FLATFILE_BEARER_TOKEN) to an environment's secret key (sk_…), or pass --token.",
    );
  }
  // The client reads the token, FLATFILE_API_URL, FLATFILE_LOG and the proxy variables itself when they are not
  // given. It logs only with FLATFILE_LOG set (an invalid level is its InvalidArgumentError: exit 2); the logger
  // sends those lines to stderr, so that FLATFILE_LOG=debug never mixes with --json on stdout.
  const logger = (process.env.FLATFILE_LOG ?? "").trim()
    ? new console.Console({ stdout: process.stderr, stderr: process.stderr })
    : undefined;
  return createJobsClient({ token, baseUrl, logger });
}

/**
 * An option whose values are an enum of the spec. A closed enum's other values are refused (a usage error); an
 * open one's (the API adds values: a job type, a mode) are sent as given, with a note on stderr.
 */
function enumOption(flags: string, description: string, name: string): Option {
  const { values = [], open = false } = ENUMS[name] ?? {};
  if (!open) return new Option(flags, description).choices(values);
  const option = new Option(flags, `${description}: ${values.join(", ")} (or another the API has added)`);
  return option.argParser((value: string) => {
    if (!values.includes(value)) {
      const note = `${option.long} "${value}" is not one this version knows (${values.join(", ")}); it is sent as given.`;
      process.stderr.write(jsonInArgs(process.argv) ? `${JSON.stringify({ note })}\n` : `Note: ${note}\n`);
    }
    return value;
  });
}

function printJob(command: Command, job: Job): void {
  out(command.optsWithGlobals<GlobalOptions>().json ? toJson(job) : jobDetails(job));
}

/**
 * `--json` among the arguments, before any `--`: known before commander parses them, for the errors it finds. It is
 * what commander reads too, as --json is a global option and commander never takes an argument that starts with
 * a dash as an option's value (`--info --json` is a missing argument).
 */
function jsonInArgs(argv: string[]): boolean {
  const args = argv.slice(2);
  const end = args.indexOf("--");
  return (end === -1 ? args : args.slice(0, end)).includes("--json");
}

/** The command and its subcommands, ready to parse (bin.ts runs it; scripts/cli-surface.ts reads it). */
export function buildProgram(secrets: string[], jsonErrors: boolean): Command {
  const program = new Command("flatfile-jobs")
    .description("Inspect and drive Flatfile jobs from the command line.")
    .version(packageJson.version)
    .option("--token <token>", "API token (default: FLATFILE_API_KEY, else FLATFILE_BEARER_TOKEN)")
    .option(
      "--base-url <url>",
      "API base URL ending in /v1 (default: FLATFILE_API_URL + /v1, else api.x.flatfile.com/v1)",
    )
    .option("--json", "print JSON instead of tables and text")
    .configureHelp({ showGlobalOptions: true })
    .configureOutput({
      writeOut: (text) => process.stdout.write(text),
      // With --json, what commander would write on stderr (its error, the hint after it, the help when no command
      // is given) becomes the one JSON line main() writes for the error it throws.
      writeErr: (text) => {
        if (!jsonErrors) process.stderr.write(redact(text, secrets));
      },
      outputError: (text, write) => write(`Error: ${text.replace(/^error: /, "")}`),
    })
    // Commander exits by itself with 1 on a usage error; thrown instead, it is mapped to 2 in one place.
    .exitOverride()
    .showHelpAfterError("Run 'flatfile-jobs --help' for the commands.")
    .addHelpText(
      "after",
      `
Environment:
  FLATFILE_API_KEY       API token (an environment's secret key, sk_…); FLATFILE_BEARER_TOKEN also works
  FLATFILE_API_URL       platform URL, e.g. https://platform.flatfile.com/api (/v1 is appended)
  FLATFILE_LOG           debug, info, warn or error: log each request to stderr
  HTTPS_PROXY            proxy for https:// URLs, e.g. http://proxy.example.com:3128; HTTP_PROXY if unset
  NO_PROXY               hosts reached without the proxy, e.g. localhost,.internal.example.com

${EXIT_CODES_HELP}
With --json, an error is one line of JSON on stderr: {"error":{"name":…,"message":…},"exitCode":N}.`,
    );

  const command = (name: string, description: string) =>
    program.command(name).description(description).showHelpAfterError(`Run 'flatfile-jobs ${name} --help' for usage.`);
  const withJobId = (name: string, description: string) =>
    command(name, description).argument("<jobId>", "the job's id, e.g. us_jb_7Hq2xK9d");

  command("list", "List jobs as a table, one page at a time (or every page with --all)")
    .option("--environment-id <id>", "only jobs of this environment")
    .option("--space-id <id>", "only jobs of this space")
    .option("--workbook-id <id>", "only jobs of this workbook")
    .option("--file-id <id>", "only jobs of this file")
    .option("--parent-id <id>", "only the parts of this job")
    .option("--source <id>", "only jobs with this source")
    .option("--exclude-child-jobs", "only top-level jobs")
    .addOption(enumOption("--sort <direction>", "order by creation", "SortDirection"))
    .option("--page-size <n>", "jobs per page (default 20)", wholeNumber(1))
    .option("--page <n>", "which page (default 1)", wholeNumber(1))
    .option("--all", "walk every page, from --page on")
    .action(async (options, cmd: Command) => {
      const { jobs } = clientFor(cmd);
      const query = {
        environmentId: options.environmentId,
        spaceId: options.spaceId,
        workbookId: options.workbookId,
        fileId: options.fileId,
        parentId: options.parentId,
        source: options.source,
        excludeChildJobs: options.excludeChildJobs,
        sortDirection: options.sort,
        pageSize: options.pageSize,
        pageNumber: options.page,
      };
      const json = cmd.optsWithGlobals<GlobalOptions>().json;
      if (options.all) {
        // Every page walked, so there is no page to point at: the jobs alone, their count is the array's length.
        // Each page is printed as it arrives and let go, so any number of jobs takes the memory of one page.
        const pages = jobs.iterate(query).pages();
        let count = 0;
        if (json) {
          const printer = jsonDataInPages();
          await write(printer.start);
          for await (const page of pages) await write(printer.page(page.data));
          await write(`${printer.end()}\n`);
          return;
        }
        const table = jobTableInPages();
        for await (const page of pages) {
          if (page.data.length === 0) continue;
          count += page.data.length;
          await write(`${table(page.data)}\n`);
        }
        await write(count === 0 ? "No jobs.\n" : `${pageFooter(count, undefined)}\n`);
        return;
      }
      const page = await jobs.list(query);
      // The page as the API returned it: its jobs, and where it stands (a script can tell whether more pages exist).
      if (json) out(toJson({ data: page.data, pagination: page.pagination }));
      else if (page.data.length === 0) out(emptyPage(page.pagination));
      else out(`${jobTable(page.data)}\n${pageFooter(page.data.length, page.pagination)}`);
    });

  withJobId("get", "Show one job").action(async (jobId: string, _options, cmd: Command) => {
    printJob(cmd, (await clientFor(cmd).jobs.get(jobId)).data);
  });

  command("create", "Create a job")
    .addOption(enumOption("--type <type>", "what the job acts on", "JobType").makeOptionMandatory())
    .requiredOption("--operation <operation>", "what it does, e.g. submitAction or extract")
    .requiredOption("--source <id>", "the id of the file, workbook, sheet or app it acts on")
    .addOption(enumOption("--trigger <trigger>", "when it becomes ready", "Trigger"))
    .addOption(enumOption("--mode <mode>", "how the job is shown in Flatfile", "JobMode"))
    .option("--input <json>", "input parameters, a JSON object", jsonObject)
    .option("--config <json>", "the type's configuration, a JSON object", jsonObject)
    .action(async (options, cmd: Command) => {
      const { type, operation, source, trigger, mode, input, config } = options;
      printJob(cmd, (await clientFor(cmd).jobs.create({ type, operation, source, trigger, mode, input, config })).data);
    });

  withJobId("ack", "Acknowledge a job (it becomes executing), optionally with progress and info")
    .option("--progress <n>", "progress, 0 to 100", wholeNumber(0, 100))
    .option("--info <text>", "what the job is doing now")
    .action(async (jobId: string, { progress, info }, cmd: Command) => {
      printJob(cmd, (await clientFor(cmd).jobs.ack(jobId, { progress, info })).data);
    });

  for (const [name, description] of [
    ["complete", "Complete a job, optionally with an outcome shown to the user"],
    ["fail", "Fail a job, optionally with an outcome shown to the user"],
  ] as const) {
    withJobId(name, description)
      .option("--info <text>", "final status text")
      .option("--outcome <json>", 'a JSON object, e.g. \'{"heading":"Done","message":"142 records"}\'', jsonObject)
      .action(async (jobId: string, { info, outcome }, cmd: Command) => {
        const body = { info, outcome: outcome as JobOutcome | undefined };
        printJob(cmd, (await clientFor(cmd).jobs[name](jobId, body)).data);
      });
  }

  withJobId("cancel", "Cancel a job")
    .option("--info <text>", "why it was canceled")
    .action(async (jobId: string, { info }, cmd: Command) => {
      printJob(cmd, (await clientFor(cmd).jobs.cancel(jobId, { info })).data);
    });

  withJobId("retry", "Retry a failed or canceled job").action(async (jobId: string, _options, cmd: Command) => {
    printJob(cmd, (await clientFor(cmd).jobs.retry(jobId)).data);
  });

  withJobId("split", "Split a job into part jobs")
    .requiredOption("--parts <n|json>", "how many parts, or a JSON array with the data of each part", jobParts)
    .option("--parallel", "run the parts in parallel (default: one after another)")
    .action(async (jobId: string, { parts, parallel }, cmd: Command) => {
      const { data: job } = await clientFor(cmd).jobs.split(jobId, { parts, runInParallel: parallel === true });
      printJob(cmd, job);
      if (!cmd.optsWithGlobals<GlobalOptions>().json) {
        out(`\nParts: flatfile-jobs list --parent-id ${job.id}`);
      }
    });

  // Every other operation of the spec, as a command made from it: its path's parameters as arguments, its body
  // as --body (JSON, or @file), its query as --query name=value. An operation that answers with a job prints it as
  // the commands above print one; any other answer prints as JSON.
  for (const operation of OPERATIONS.filter((op) => !HAND_WRITTEN.has(op.operationId))) {
    const generated = command(operation.command, `${operation.summary} (${operation.method} ${operation.path})`);
    for (const name of operation.pathParams)
      generated.argument(`<${name}>`, name === "jobId" ? "the job's id, e.g. us_jb_7Hq2xK9d" : `the ${name}`);
    if (operation.body) {
      const body = new Option("--body <json|@file>", "the request body: JSON, or @ and the path of a JSON file");
      body.argParser(jsonBody);
      generated.addOption(operation.body === "required" ? body.makeOptionMandatory() : body);
    }
    if (operation.query.length > 0)
      generated.option(
        "--query <name=value>",
        `a query parameter, repeatable: ${operation.query.join(", ")}`,
        queryPair,
        {},
      );
    generated.action(async (...args: unknown[]) => {
      const cmd = args.at(-1) as Command;
      const options = cmd.opts<{ body?: unknown; query?: Record<string, string> }>();
      const values = [
        ...operation.pathParams.map((_, i) => args[i]),
        ...(operation.body ? [options.body] : []),
        ...(operation.query.length > 0 ? [options.query] : []),
      ];
      const jobs = clientFor(cmd).jobs as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
      const method = jobs[operation.operationId];
      if (typeof method !== "function")
        throw new UsageError(`This version of @flatfile-jobs/node has no ${operation.operationId}; update it.`);
      const result = await method(...values);
      if (operation.returnsJob) printJob(cmd, (result as { data: Job }).data);
      else out(toJson(result));
    });
  }

  withJobId("wait", "Wait for a job to end, showing its progress; exit 1 unless it completes")
    // Timers hold at most 2³¹−1 ms: a longer --timeout would expire at once.
    .option("--timeout <ms>", "give up after this long (default 600000, 10 minutes)", wholeNumber(1, MAX_TIMER_MS))
    .option("--interval <ms>", "poll every ms (default: from 1000, backing off to 10000)", wholeNumber(1, MAX_TIMER_MS))
    .action(async (jobId: string, { timeout, interval }, cmd: Command) => {
      const client = clientFor(cmd);
      const view = createProgressView(process.stderr);
      const controller = new AbortController();
      const interrupt = () => controller.abort();
      process.once("SIGINT", interrupt);
      let last: Job | undefined;
      let completed = false;
      try {
        last = await client.jobs.waitFor(jobId, {
          maxWait: timeout,
          pollInterval: interval,
          maxPollInterval: interval,
          signal: controller.signal,
          onProgress: (job) => {
            last = job;
            view.update(job);
          },
        });
        completed = true;
      } catch (error) {
        if (error instanceof JobFailedError || error instanceof JobCanceledError) last = error.job;
        throw error;
      } finally {
        view.stop(last, completed);
        process.off("SIGINT", interrupt);
      }
      printJob(cmd, last);
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const secrets = knownSecrets(argv);
  const jsonErrors = jsonInArgs(argv);
  // `flatfile-jobs list | head` closes the pipe early; that is not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT.ok);
    throw error;
  });
  try {
    await buildProgram(secrets, jsonErrors).parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    const write = (text: string) => process.stderr.write(text);
    return jsonErrors ? reportErrorAsJson(error, write, secrets) : reportError(error, write, secrets);
  }
}
