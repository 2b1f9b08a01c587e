// The built binary as a package manager installs it (`npm i -g`, `npx @flatfile-jobs/cli`): dist/cli.mjs imports the
// client from @flatfile-jobs/node instead of carrying a copy, runs from a node_modules/.bin link outside this
// workspace with its dependencies beside it, and loads undici only when a command creates a client.
import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, copyFile, mkdir, mkdtemp, readFile, realpath, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIST_PAGE, type LocalServer, runToExit, startApiServer } from "./local-servers.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const CLI = join(PACKAGE_DIR, "dist/cli.mjs");
const TOKEN = "sk_test_cli_install_4c1e";

let api: LocalServer;
let dirs: string[] = [];

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`pnpm turbo run build\` first.`);
  api = await startApiServer();
});
afterAll(async () => {
  await Promise.all([api?.close(), ...dirs.map((dir) => rm(dir, { recursive: true, force: true }))]);
  dirs = [];
});

/** Every module the bundle loads: static and dynamic imports, and require calls. */
function importsOf(code: string): string[] {
  const specifiers = [
    ...code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s*["']([^"']+)["']/gm),
    ...code.matchAll(/^\s*import\s*["']([^"']+)["']/gm),
    ...code.matchAll(/\bimport\(\s*["']([^"']+)["']\s*\)/g),
    ...code.matchAll(/\brequire\(\s*["']([^"']+)["']\s*\)/g),
  ].map((match) => match[1] as string);
  return [...new Set(specifiers)].sort();
}

describe("the bundle", () => {
  it("imports the client from @flatfile-jobs/node and holds no client code of its own", async () => {
    const code = await readFile(CLI, "utf8");
    // Exactly the package's dependencies (and Node's own modules, `node:fs` for `--body @file`): no chunk of its own,
    // no @flatfile-jobs/core, undici or openapi-fetch.
    const packageJson = JSON.parse(await readFile(join(PACKAGE_DIR, "package.json"), "utf8"));
    expect(importsOf(code).filter((specifier) => !specifier.startsWith("node:"))).toEqual(
      Object.keys(packageJson.dependencies).sort(),
    );
    expect(code).toMatch(/^import \{[^}]*\bcreateJobsClient\b[^}]*\} from "@flatfile-jobs\/node";$/m);
    // Defined nowhere in the bundle: neither the client factory nor what it is made of.
    expect(code).not.toMatch(/\b(?:function|class|const|let|var)\s+(?:createJobsClient|createJobsCore|JobsError)\b/);
    expect(code).not.toContain("undici");
  });

  it("starts with the shebang and is executable, as the bin of package.json", async () => {
    const packageJson = JSON.parse(await readFile(join(PACKAGE_DIR, "package.json"), "utf8"));
    expect(packageJson.bin).toEqual({ "flatfile-jobs": "./dist/cli.mjs" });
    expect((await readFile(CLI, "utf8")).startsWith("#!/usr/bin/env node\n")).toBe(true);
    const { stdout } = await promisify(execFile)(CLI, ["--version"], { timeout: 20_000 });
    expect(stdout.trim()).toBe(packageJson.version);
  });
});

/**
 * Lays out node_modules the way npm installs @flatfile-jobs/cli in an empty directory: the package (its package.json
 * and dist/), its dependencies beside it, and node_modules/.bin/flatfile-jobs linking to the bin. `node` is the
 * directory installed as @flatfile-jobs/node. Resolves with the path of the .bin link.
 */
async function install(node: string): Promise<string> {
  const root = await realpath(await mkdtemp(join(tmpdir(), "flatfile-jobs-cli-install-")));
  dirs.push(root);
  const modules = join(root, "node_modules");
  const cli = join(modules, "@flatfile-jobs/cli");
  await mkdir(join(cli, "dist"), { recursive: true });
  await mkdir(join(modules, ".bin"));
  await copyFile(join(PACKAGE_DIR, "package.json"), join(cli, "package.json"));
  await copyFile(CLI, join(cli, "dist/cli.mjs"));
  await chmod(join(cli, "dist/cli.mjs"), 0o755);
  await symlink(node, join(modules, "@flatfile-jobs/node"), "dir");
  // The workspace's own copies of the third-party dependencies (npm would download the same versions).
  for (const name of ["commander", "cli-progress"]) {
    await symlink(await realpath(join(PACKAGE_DIR, "node_modules", name)), join(modules, name), "dir");
  }
  const bin = join(modules, ".bin/flatfile-jobs");
  await symlink("../@flatfile-jobs/cli/dist/cli.mjs", bin);
  return bin;
}

/** Runs the installed bin by its link, as a shell would (its shebang finds node on PATH). */
function runBin(bin: string, args: string[]) {
  return runToExit(bin, args, {
    env: { PATH: `${dirname(process.execPath)}:${process.env.PATH ?? ""}`, FLATFILE_API_KEY: TOKEN },
    limitMs: 20_000,
  });
}

describe("installed as a package", () => {
  it("runs from node_modules/.bin with the real @flatfile-jobs/node installed beside it", async () => {
    const bin = await install(await realpath(join(PACKAGE_DIR, "node_modules/@flatfile-jobs/node")));
    const before = api.requests().length;
    const result = await runBin(bin, ["list", "--json", "--base-url", api.url]);
    expect(result).toMatchObject({ exit: 0, stderr: "" });
    expect(JSON.parse(result.stdout)).toEqual(LIST_PAGE);
    expect(api.requests().slice(before)).toEqual([{ method: "GET", url: "/v1/jobs" }]);
  });

  it("takes its client from the installed @flatfile-jobs/node, not from a copy of its own", async () => {
    // A @flatfile-jobs/node whose createJobsClient answers every list with one job of its own making, and which
    // is otherwise the real package (its errors and types): only a bin that imports the installed package prints it.
    const stub = await realpath(await mkdtemp(join(tmpdir(), "flatfile-jobs-node-stub-")));
    dirs.push(stub);
    const real = pathToFileURL(
      join(await realpath(join(PACKAGE_DIR, "node_modules/@flatfile-jobs/node")), "dist/index.mjs"),
    );
    await writeFile(
      join(stub, "package.json"),
      JSON.stringify({ name: "@flatfile-jobs/node", version: "0.0.0-stub", type: "module", exports: "./index.mjs" }),
    );
    await writeFile(
      join(stub, "index.mjs"),
      `export * from ${JSON.stringify(real.href)};
export function createJobsClient() {
  const page = { data: [{ id: "us_jb_fromInstalledNode", type: "file", operation: "extract", source: "us_fl_1" }],
    pagination: { currentPage: 1, pageCount: 1, totalCount: 1 } };
  return { jobs: { list: async () => page } };
}
`,
    );
    const bin = await install(stub);
    const before = api.requests().length;
    const result = await runBin(bin, ["list", "--json", "--base-url", api.url]);
    expect(result).toMatchObject({ exit: 0, stderr: "" });
    expect(JSON.parse(result.stdout).data).toEqual([expect.objectContaining({ id: "us_jb_fromInstalledNode" })]);
    expect(api.requests().length).toBe(before);
  });
});

describe("loading undici", () => {
  /** Runs the bin in-process under `node -e`, and reports whether undici was loaded by the time it exited. */
  async function undiciLoadedBy(args: string[]): Promise<{ exit: number | string; loaded: boolean }> {
    const script = `
      import { createRequire } from "node:module";
      const cache = createRequire(import.meta.url).cache;
      process.on("exit", () => {
        const loaded = Object.keys(cache).some((file) => /[\\\\/]undici[\\\\/]index\\.js$/.test(file));
        process.stderr.write("undici loaded: " + loaded + "\\n");
      });
      process.argv = [process.argv[0], ${JSON.stringify(CLI)}, ...${JSON.stringify(args)}];
      await import(${JSON.stringify(pathToFileURL(CLI).href)});
    `;
    const result = await runToExit(process.execPath, ["--input-type=module", "-e", script], {
      env: { PATH: process.env.PATH, FLATFILE_API_KEY: TOKEN },
      limitMs: 20_000,
    });
    const marker = result.stderr.match(/^undici loaded: (true|false)$/m);
    expect(marker, result.stderr).not.toBeNull();
    return { exit: result.exit, loaded: marker?.[1] === "true" };
  }

  it("waits for a command that creates a client: --help, --version and usage errors never load it", async () => {
    // Loading undici takes 0.1 s and more; the help needs no client.
    const results = await Promise.all([
      undiciLoadedBy(["--help"]),
      undiciLoadedBy(["wait", "--help"]),
      undiciLoadedBy(["--version"]),
      undiciLoadedBy(["ack", "us_jb_1", "--progress", "150"]),
      undiciLoadedBy(["list", "--json", "--base-url", api.url]),
    ]);
    expect(results).toEqual([
      { exit: 0, loaded: false },
      { exit: 0, loaded: false },
      { exit: 0, loaded: false },
      { exit: 2, loaded: false },
      // The check sees undici when a client is created.
      { exit: 0, loaded: true },
    ]);
  });
});
