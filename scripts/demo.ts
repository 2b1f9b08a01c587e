// `pnpm demo`: runs examples/node-quickstart against the Jobs simulator (@flatfile-jobs/testing, a stateful
// fake of the API on 127.0.0.1) behind Prism, which checks every request and answer against openapi/openapi.yaml;
// or against a real API when both FLATFILE_API_KEY and FLATFILE_API_URL are set. Both are stopped at the end.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { type PrismServer, startValidatingProxy } from "@flatfile-jobs/tools/prism";

const root = new URL("..", import.meta.url);
const app = fileURLToPath(new URL("examples/node-quickstart/dist/main.js", root));
const real = Boolean(process.env.FLATFILE_API_KEY && process.env.FLATFILE_API_URL);

const env = { ...process.env };
// The build of @flatfile-jobs/testing, imported by path (the demo runs what `pnpm demo` built), so untyped here.
const testing = real ? undefined : await import(new URL("packages/testing/dist/index.mjs", root).href);
const simulator = await testing?.startJobsSimulator();
let prism: PrismServer | undefined;
if (real) {
  console.log(`Using the API at ${env.FLATFILE_API_URL}\n`);
} else {
  // Jobs that were there before the app ran, so the list shows a realistic page.
  simulator.seed([
    {
      type: "file",
      operation: "extract",
      source: "us_fl_Qw83JkLp",
      status: "complete",
      progress: 100,
      info: "Extracted 9,350 rows",
    },
    {
      type: "workbook",
      operation: "delete-records",
      source: "us_wb_N4pX8sQe",
      status: "failed",
      progress: 20,
      info: "Sheet is locked",
    },
    {
      type: "sheet",
      operation: "export",
      source: "us_sh_Hq7Lw2Pz",
      status: "executing",
      progress: 65,
      info: "Writing CSV",
    },
  ]);
  prism = await startValidatingProxy(simulator, { warmUp: false }).catch(async (error) => {
    await simulator.close();
    throw error;
  });
  console.log(`Started the Jobs simulator (@flatfile-jobs/testing) behind Prism, which validates every exchange`);
  console.log(`against openapi/openapi.yaml: ${prism.url}`);
  // Any bearer token works; FLATFILE_API_URL takes the platform form and /v1 is appended.
  env.FLATFILE_API_KEY = "sk_demo_simulator";
  env.FLATFILE_API_URL = prism.origin;
  delete env.FLATFILE_BEARER_TOKEN;
  // The mock is on 127.0.0.1: a proxy the machine is set up with must not carry the demo's requests.
  env.no_proxy = env.NO_PROXY = [env.no_proxy ?? env.NO_PROXY, "127.0.0.1"].filter(Boolean).join(",");
}

/** Runs a program with the demo's environment and the terminal, and resolves with its exit code. */
function run(args: string[]): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: "inherit", env });
    const forward = () => child.kill("SIGINT");
    process.once("SIGINT", forward);
    child.once("exit", (code, signal) => {
      process.removeListener("SIGINT", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

let code = await run([app]);
if (simulator && code === 0) {
  // A job that a worker moves along while the command-line tool waits for it: on a terminal its bar moves.
  const [job] = simulator.seed([
    { type: "workbook", operation: "submitAction", source: "us_wb_quickstart", status: "ready", progress: 0 },
  ]);
  const steps = [
    { status: "executing", progress: 10, info: "Validating records" },
    { progress: 35, info: "Validating records" },
    { progress: 60, info: "Submitting 142 records" },
    { progress: 85, info: "Submitting 142 records" },
    { status: "complete", progress: 100, info: "Submitted 142 records", outcome: { heading: "Submitted" } },
  ];
  void simulator.script(job.id, steps, 500);
  console.log(`\n▸ Wait for another job with the command line: flatfile-jobs wait ${job.id}`);
  code = await run([fileURLToPath(new URL("packages/cli/dist/cli.mjs", root)), "wait", job.id, "--interval", "250"]);
}
if (simulator) {
  await Promise.all([prism?.stop(), simulator.close()]);
  console.log("\nStopped the simulator and Prism.");
}
process.exit(code);
