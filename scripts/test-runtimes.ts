// `pnpm test:runtimes`: the packed packages on Bun, Deno, Cloudflare's workerd (through Miniflare) and Vercel's edge
// runtime. It builds core, node, browser and testing (turbo), packs core, node and browser with `pnpm pack`, and
// installs each app of downstream/runtimes/ with npm into a temporary copy, its SDK packages from those tarballs and
// its runtime from npm at the version its package.json pins. Each app runs the same flow (list, iterate over pages,
// get, a typed 404, an abort in flight, runJob and waitFor; on Bun and Deno with the browser, core and node packages
// and the node client's close(), on workerd and the edge runtime with the browser package bundled by esbuild) against
// the Jobs simulator, which runs from the built testing package in a process of its own on 127.0.0.1. The runtimes
// install and run side by side. Prints each runtime's checks and version, writes reports/runtimes.json (counted by CI's
// summary) and exits 1 if any check failed. Every process it started is stopped by its PID, and the temporary folder
// removed.
import { type ChildProcess, spawn } from "node:child_process";
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { indent, type StepsResult, tail } from "@flatfile-jobs/tools/steps";

const root = fileURLToPath(new URL("..", import.meta.url));
const apps = join(root, "downstream/runtimes");
/** The packages the apps install, packed from packages/<folder>. */
const PACKED = ["core", "node", "browser"];

interface Runtime {
  /** The app's folder under downstream/runtimes/. */
  name: string;
  /** The npm package that brings the runtime, pinned exactly in the app's devDependencies. */
  tool: string;
  /** The command that runs the app's flow, in the app's folder, given the simulator's URLs. */
  command(dir: string, urls: string[]): [string, string[]];
}

const RUNTIMES: Runtime[] = [
  { name: "bun", tool: "bun", command: (dir, urls) => [join(dir, "node_modules/.bin/bun"), ["app.mjs", ...urls]] },
  {
    name: "deno",
    tool: "deno",
    // --node-modules-dir=manual: Deno takes the packages from the node_modules npm installed.
    command: (dir, urls) => [
      join(dir, "node_modules/.bin/deno"),
      ["run", "-A", "--node-modules-dir=manual", "app.mjs", ...urls],
    ],
  },
  { name: "workerd", tool: "miniflare", command: (_dir, urls) => [process.execPath, ["run.mjs", ...urls]] },
  { name: "edge-runtime", tool: "edge-runtime", command: (_dir, urls) => [process.execPath, ["run.mjs", ...urls]] },
];

const INSTALL_TIMEOUT = 240_000;
const RUN_TIMEOUT = 90_000;

const result: StepsResult = { name: "runtimes", passed: 0, failed: 0, failures: [] };
const started = Date.now();
const children = new Set<ChildProcess>();
const work = await mkdtemp(join(tmpdir(), "jobs-runtimes-"));
// The runtimes' own caches stay in the temporary folder; 127.0.0.1 never goes through a proxy.
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DENO_DIR: join(work, "deno-cache"),
  DENO_NO_UPDATE_CHECK: "1",
  NO_COLOR: "1",
  no_proxy: "127.0.0.1,localhost",
  NO_PROXY: "127.0.0.1,localhost",
};
process.once("SIGINT", () => {
  void stopAll()
    .then(() => rm(work, { recursive: true, force: true }))
    .finally(() => process.exit(130));
});

try {
  await main();
} catch (error) {
  fail("test:runtimes", error);
} finally {
  await stopAll();
  await rm(work, { recursive: true, force: true });
  await mkdir(join(root, "reports"), { recursive: true });
  await writeFile(join(root, "reports/runtimes.json"), `${JSON.stringify(result, null, 2)}\n`);
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`\nruntimes: ${result.passed} passed, ${result.failed} failed, in ${seconds} s`);
  process.exitCode = result.failed > 0 ? 1 : 0;
}

async function main() {
  const built = await setup("build core, node, browser and testing (turbo)", () =>
    exec(
      "pnpm",
      [
        "exec",
        "turbo",
        "run",
        "build",
        ...[...PACKED, "testing"].map((name) => `--filter=@flatfile-jobs/${name}`),
        "--output-logs=errors-only",
      ],
      { cwd: root, timeout: INSTALL_TIMEOUT },
    ),
  );
  if (!built) return;

  const tarballs = await setup("pack core, node and browser (pnpm pack)", async () => {
    const dest = join(work, "tarballs");
    await mkdir(dest);
    await Promise.all(
      PACKED.map((name) =>
        exec("pnpm", ["pack", "--pack-destination", dest], { cwd: join(root, "packages", name), timeout: 60_000 }),
      ),
    );
    const files = await readdir(dest);
    const found: Record<string, string> = {};
    for (const name of PACKED) {
      const file = files.find((f) => f.startsWith(`flatfile-jobs-${name}-`) && f.endsWith(".tgz"));
      if (!file) throw new Error(`no tarball of @flatfile-jobs/${name} in ${files.join(", ")}`);
      found[`@flatfile-jobs/${name}`] = join(dest, file);
    }
    console.log(
      `  ${Object.values(found)
        .map((f) => f.slice(dest.length + 1))
        .join(", ")}`,
    );
    return found;
  });
  if (!tarballs) return;

  // The apps install while the simulator starts; each imports the shared flow from beside it, as in the repository.
  await cp(join(apps, "shared"), join(work, "runtimes/shared"), { recursive: true });
  const installs = RUNTIMES.map((runtime) => install(runtime, tarballs));
  const urls = await setup(
    "start the Jobs simulator on 127.0.0.1 (a normal one, and one that answers after 30 s)",
    () => startSimulator(),
  );
  const settled = await Promise.all(
    RUNTIMES.map(async (runtime, i) => {
      const installed = await installs[i];
      return installed && urls ? runApp(runtime, installed, urls) : undefined;
    }),
  );
  console.log("");
  for (const line of settled) if (line) console.log(line);
}

/** A step that must pass for the rest to run; prints ✓ or ✗ with its time. */
async function setup<T>(title: string, fn: () => Promise<T>): Promise<T | undefined> {
  const at = Date.now();
  try {
    const value = await fn();
    result.passed += 1;
    console.log(`✓ ${title} (${seconds(at)})`);
    return value;
  } catch (error) {
    fail(title, error);
    console.log(`✗ ${title} (${seconds(at)})\n${indent(message(error))}`);
    return undefined;
  }
}

interface Installed {
  dir: string;
  /** The runtime's version, as the app's package.json pins it. */
  version: string;
  seconds: string;
}

/**
 * Copies the app (and the shared flow beside it) to the temporary folder, points its SDK packages at the tarballs
 * (an override makes every @flatfile-jobs/core in the tree the packed one), and installs it with npm.
 */
async function install(runtime: Runtime, tarballs: Record<string, string>): Promise<Installed | undefined> {
  const at = Date.now();
  const title = `${runtime.name}: npm install of the app, with the packed packages`;
  try {
    const dir = join(work, "runtimes", runtime.name);
    await cp(join(apps, runtime.name), dir, { recursive: true, filter: (source) => !/node_modules|lock/.test(source) });
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
    const version = manifest.devDependencies?.[runtime.tool];
    if (!/^\d+\.\d+\.\d+$/.test(version ?? "")) {
      throw new Error(`downstream/runtimes/${runtime.name}/package.json must pin ${runtime.tool} exactly`);
    }
    for (const name of Object.keys(manifest.dependencies ?? {})) {
      if (!tarballs[name]) throw new Error(`${name} is not one of the packed packages`);
      manifest.dependencies[name] = `file:${tarballs[name]}`;
    }
    manifest.overrides = { "@flatfile-jobs/core": `file:${tarballs["@flatfile-jobs/core"]}` };
    await writeFile(join(dir, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
    await exec("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"], {
      cwd: dir,
      timeout: INSTALL_TIMEOUT,
    });
    result.passed += 1;
    return { dir, version, seconds: seconds(at) };
  } catch (error) {
    fail(title, error);
    console.log(`✗ ${title} (${seconds(at)})\n${indent(message(error))}`);
    return undefined;
  }
}

/** Runs an app's flow; resolves to the lines that report it (its result, then each check). */
async function runApp(runtime: Runtime, installed: Installed, urls: string[]): Promise<string> {
  const at = Date.now();
  const [command, args] = runtime.command(installed.dir, urls);
  const { code, output, timedOut } = await exec(command, args, {
    cwd: installed.dir,
    timeout: RUN_TIMEOUT,
    allowFailure: true,
  });
  const line = output.split("\n").find((l) => l.startsWith("RESULT "));
  const checks = output.split("\n").filter((l) => /^(not )?ok - /.test(l));
  const timing = `install ${installed.seconds}, run ${seconds(at)}`;
  const ended = timedOut ? `was stopped after ${RUN_TIMEOUT / 1000} s` : `exited ${code}`;
  if (!line) {
    fail(`${runtime.name}: the flow`, new Error(`${ended} without a result`));
    return `✗ ${runtime.name} ${installed.version}: ${ended} without a result (${timing})\n${indent(tail(output))}`;
  }
  const r = JSON.parse(line.slice("RESULT ".length));
  result.passed += r.passed;
  result.failed += r.failed;
  result.failures.push(...r.failures.map((f: string) => `runtimes > ${runtime.name} > ${f}`));
  // The runtime the flow ran on is the one the app pins (workerd's version is Miniflare's own).
  const ran = String(r.version);
  const pinned =
    runtime.tool === "miniflare" ? ran.includes(`miniflare ${installed.version}`) : ran === installed.version;
  if (pinned) result.passed += 1;
  else fail(`${runtime.name}: version`, new Error(`ran on ${ran}, but the app pins ${installed.version}`));
  const ok = r.failed === 0 && code === 0 && pinned;
  // A runtime that reported every check but did not exit by itself (e.g. a handle left open) fails too.
  const exitedWell = code === 0 || r.failed > 0;
  if (!exitedWell) fail(`${runtime.name}: the flow`, new Error(`${ended} after its result`));
  const head = `${ok ? "✓" : "✗"} ${runtime.name} ${ran}: ${r.passed} passed, ${r.failed} failed (${timing})`;
  const after = exitedWell ? [] : [`    but it ${ended} after its result:`, indent(indent(tail(output, 10)))];
  return [head, ...checks.map((c) => `    ${c}`), ...after].join("\n");
}

/**
 * Starts the simulator of the built @flatfile-jobs/testing in a Node process of its own; resolves to its two base
 * URLs. It stops when this script stops it by its PID, or when this script is gone (its stdin closes).
 */
async function startSimulator(): Promise<string[]> {
  const testing = pathToFileURL(join(root, "packages/testing/dist/index.mjs")).href;
  const script = `
    const { startJobsSimulator } = await import(${JSON.stringify(testing)});
    const simulator = await startJobsSimulator();
    const slow = await startJobsSimulator({ latency: 30000 });
    process.stdin.on("end", () => process.exit(0)).resume();
    console.log("URLS " + JSON.stringify([simulator.url, slow.url]));
  `;
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    env,
    stdio: ["pipe", "pipe", "pipe"],
  });
  children.add(child);
  child.on("exit", () => children.delete(child));
  return new Promise<string[]>((resolve, reject) => {
    let output = "";
    const timer = setTimeout(() => reject(new Error(`the simulator did not start in 30 s:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk;
      const line = output.split("\n").find((l) => l.startsWith("URLS "));
      if (line) {
        clearTimeout(timer);
        const urls: string[] = JSON.parse(line.slice("URLS ".length));
        console.log(`  ${urls.join(" and ")} (pid ${child.pid})`);
        resolve(urls);
      }
    };
    child.stdout.on("data", read);
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk;
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`the simulator exited ${code}:\n${output}`));
    });
  });
}

/**
 * Runs a command with the script's environment; resolves with its exit code and output, or rejects with them when
 * it fails (unless `allowFailure`). One that runs past `timeout` is stopped by its PID.
 */
function exec(
  command: string,
  args: string[],
  { cwd, timeout, allowFailure = false }: { cwd: string; timeout: number; allowFailure?: boolean },
): Promise<{ code: number | null; output: string; timedOut: boolean }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    let output = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      void stop(child);
    }, timeout);
    const collect = (chunk: Buffer) => {
      output += chunk;
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", (error) => {
      clearTimeout(timer);
      children.delete(child);
      reject(error);
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      children.delete(child);
      if (timedOut) output += `\n(stopped after ${timeout / 1000} s)`;
      if ((code === 0 && !timedOut) || allowFailure) resolve({ code, output, timedOut });
      else reject(new Error(`${command} ${args.join(" ")} exited ${code} in ${cwd}:\n${tail(output, 30)}`));
    });
  });
}

/**
 * SIGTERM to a process this script started, by its PID, then SIGKILL if it is still there 5 s later; resolves once
 * it is gone.
 */
function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  const { pid } = child;
  const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  process.kill(pid, "SIGTERM");
  const kill = setTimeout(() => process.kill(pid, "SIGKILL"), 5000);
  return gone.finally(() => clearTimeout(kill));
}

async function stopAll(): Promise<void> {
  await Promise.all([...children].map(stop));
}

function fail(title: string, error: unknown): void {
  result.failed += 1;
  result.failures.push(`runtimes > ${title}: ${message(error).split("\n")[0]}`);
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function seconds(at: number): string {
  return `${((Date.now() - at) / 1000).toFixed(1)} s`;
}
