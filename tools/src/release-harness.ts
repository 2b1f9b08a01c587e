// The pieces the end-to-end release tests share: a temporary copy of the repository (its own git history, the
// registry in its .npmrc), a local registry, `pnpm release` run in the copy, and downstream apps installed from the
// registry. Everything lives in one temporary folder that `stop()` removes, with the registry.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { publishedPackages } from "./packages";
import { type LocalRegistry, startRegistry } from "./registry";
import { type RunOptions, run } from "./steps";

const root = fileURLToPath(new URL("../..", import.meta.url));
/** The published packages, by folder under packages/. */
export const PACKAGES: string[] = publishedPackages(root).map((pkg) => pkg.folder);

/** Package name → version. */
export type Versions = Record<string, string>;

export async function createHarness(name: string) {
  const work = await mkdtemp(join(tmpdir(), `jobs-${name}-`));
  const repo = join(work, "repo");
  const storage = join(work, "registry-storage");
  let registry: LocalRegistry | undefined;
  /** The running registry; the steps that need one come after `startRegistry()`. */
  const started = (): LocalRegistry => {
    if (!registry) throw new Error("no registry: call startRegistry() first");
    return registry;
  };

  const harness = {
    work,
    repo,
    get registry() {
      return registry;
    },
    /** Starts (or restarts, on the same storage and port) the registry; `refuse` names packages it turns down. */
    async startRegistry({ refuse = [] }: { refuse?: string[] } = {}): Promise<LocalRegistry> {
      const port = registry?.port;
      await registry?.stop();
      registry = await startRegistry({ storage, refuse, port });
      return registry;
    },
    /** The working tree as it is (tracked and untracked files git does not ignore), in a new git repository. */
    async copyRepository({ keepPendingChangesets = false }: { keepPendingChangesets?: boolean } = {}): Promise<void> {
      const { output } = await run("git", ["ls-files", "-co", "--exclude-standard", "-z"], { cwd: root });
      for (const file of output.split("\0").filter(Boolean)) {
        await mkdir(dirname(join(repo, file)), { recursive: true });
        await cp(join(root, file), join(repo, file)).catch((error) => {
          if (error.code !== "ENOENT") throw error; // deleted but not yet committed
        });
      }
      // turbo's cache makes the copy's first build and checks as quick as the repository's own.
      await cp(join(root, ".turbo/cache"), join(repo, ".turbo/cache"), { recursive: true }).catch(() => undefined);
      if (!keepPendingChangesets)
        for (const file of await harness.pendingChangesets()) await rm(join(repo, ".changeset", file));
      await writeFile(join(repo, ".npmrc"), started().npmrc);
      await run("git", ["init", "-q", "-b", "main"], { cwd: repo });
      await harness.commit("the repository as it is");
      await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], { cwd: repo });
    },
    async pendingChangesets(): Promise<string[]> {
      return (await readdir(join(repo, ".changeset"))).filter((f) => f.endsWith(".md") && f !== "README.md");
    },
    async commit(message: string): Promise<void> {
      await run("git", ["add", "-A"], { cwd: repo });
      await run(
        "git",
        [
          "-c",
          "user.name=release test",
          "-c",
          "user.email=release@test.invalid",
          "commit",
          "-q",
          "--allow-empty",
          "-m",
          message,
        ],
        { cwd: repo },
      );
    },
    /** git in the copy; resolves to its output. */
    async git(args: string[]): Promise<string> {
      return (await run("git", args, { cwd: repo })).output;
    },
    /** The commit checked out in the copy. */
    async head(): Promise<string> {
      return (await harness.git(["rev-parse", "HEAD"])).trim();
    },
    /** `pnpm release` in the copy. */
    release(args: string[] = [], options: RunOptions = {}) {
      return harness.script("scripts/release.ts", args, options);
    },
    /** One of the repository's scripts (`scripts/<name>.ts`), run in the copy with tsx as its package.json runs it. */
    script(file: string, args: string[] = [], options: RunOptions = {}) {
      return run("node", ["--import", "tsx", file, ...args], { cwd: repo, ...options });
    },
    /** `pnpm version-packages` in the copy, committed; resolves to the packages' new versions. */
    async versionPackages(message: string): Promise<Versions> {
      await run("pnpm", ["exec", "changeset", "version"], { cwd: repo });
      await run("pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline"], { cwd: repo });
      await harness.commit(message);
      return harness.versions();
    },
    async versions(): Promise<Versions> {
      const versions: Versions = {};
      for (const name of PACKAGES) {
        const pkg = JSON.parse(await readFile(join(repo, `packages/${name}/package.json`), "utf8"));
        versions[pkg.name] = pkg.version;
      }
      return versions;
    },
    /** Every `name@version` of the scope the registry holds. */
    async published(): Promise<string[]> {
      const found: string[] = [];
      for (const name of PACKAGES.map((n) => `@flatfile-jobs/${n}`)) {
        const response = await fetch(new URL(name.replace("/", "%2f"), started().url));
        if (response.ok)
          for (const version of Object.keys((await response.json()).versions ?? {})) found.push(`${name}@${version}`);
      }
      return found;
    },
    /**
     * Every `name@version` of the scope the registry holds, with the commit its manifest records (`gitHead`), or
     * null when it records none.
     */
    async gitHeads(): Promise<Record<string, string | null>> {
      const found: Record<string, string | null> = {};
      for (const name of PACKAGES.map((n) => `@flatfile-jobs/${n}`)) {
        const response = await fetch(new URL(name.replace("/", "%2f"), started().url));
        if (!response.ok) continue;
        const versions: Record<string, { gitHead?: string }> = (await response.json()).versions ?? {};
        for (const [version, manifest] of Object.entries(versions))
          found[`${name}@${version}`] = manifest.gitHead ?? null;
      }
      return found;
    },
    /**
     * Copies an app to its own folder and installs it from the registry with npm or pnpm: a downstream app by its
     * name (`downstream/<app>`), or a workspace example by its path (`examples/<name>`), whose `workspace:` ranges
     * become caret ranges of the packages' current versions and whose `catalog:` ranges the catalog's versions.
     */
    async installApp(app: string, pm: "npm" | "pnpm", suffix: string = pm): Promise<string> {
      const dir = join(work, "apps", `${basename(app)}-${suffix}`);
      await cp(join(root, app.includes("/") ? app : join("downstream", app)), dir, {
        recursive: true,
        filter: (source) => !/node_modules|[/\\]dist$|[/\\]reports$|lock/.test(source),
      });
      if (app.includes("/")) await harness.outsideTheWorkspace(join(dir, "package.json"));
      await writeFile(join(dir, ".npmrc"), started().npmrc);
      if (pm === "npm") {
        await run("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir });
      } else {
        // Packages published seconds ago are new to pnpm's minimum release age; esbuild (Vite's) needs its build.
        await writeFile(join(dir, "pnpm-workspace.yaml"), "minimumReleaseAge: 0\nallowBuilds:\n  esbuild: true\n");
        await run("pnpm", ["install"], { cwd: dir });
      }
      return dir;
    },
    /** Rewrites a workspace package's manifest as an app outside the workspace has it. */
    async outsideTheWorkspace(manifest: string): Promise<void> {
      const pkg = JSON.parse(await readFile(manifest, "utf8"));
      const versions = await harness.versions();
      const { catalog = {} } = parse(await readFile(join(root, "pnpm-workspace.yaml"), "utf8"));
      for (const deps of [pkg.dependencies, pkg.devDependencies, pkg.peerDependencies]) {
        for (const [name, range] of Object.entries<string>(deps ?? {})) {
          if (range.startsWith("workspace:")) {
            const version = versions[name];
            if (!version) throw new Error(`${manifest}: ${name} is not a published package of this repository`);
            deps[name] = `^${version}`;
          } else if (range === "catalog:") {
            if (!catalog[name]) throw new Error(`${manifest}: ${name} is not in the catalog of pnpm-workspace.yaml`);
            deps[name] = catalog[name];
          }
        }
      }
      await writeFile(manifest, `${JSON.stringify(pkg, null, 2)}\n`);
    },
    /** The versions of the SDK's packages an app has in its node_modules. */
    async installedVersions(dir: string): Promise<Versions> {
      const versions: Versions = {};
      for (const name of PACKAGES) {
        try {
          const pkg = JSON.parse(
            await readFile(join(dir, "node_modules/@flatfile-jobs", name, "package.json"), "utf8"),
          );
          versions[pkg.name] = pkg.version;
        } catch {
          // not a dependency of this app
        }
      }
      return versions;
    },
    /** The environment an app's tests run in: reports go to the repository's reports/<name>. */
    appEnv(): Record<string, string | undefined> {
      return { REPORTS_DIR: join(root, "reports", name), npm_config_registry: undefined };
    },
    async stop(): Promise<void> {
      await registry?.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
  return harness;
}

export function format(versions: Versions): string {
  return Object.entries(versions)
    .map(([name, version]) => `${name}@${version}`)
    .join(", ");
}

export function expectAll(installed: Versions, version: string): void {
  const wrong = Object.entries(installed).filter(([, v]) => v !== version);
  if (Object.keys(installed).length === 0 || wrong.length > 0) {
    throw new Error(`expected every @flatfile-jobs package at ${version}, found ${format(installed)}`);
  }
}

export function expectLine(output: string, text: string): void {
  if (!output.includes(text)) throw new Error(`expected "${text}" in:\n${output}`);
}

export function bump(version: string, type: "major" | "minor"): string {
  const match = /^(\d+)\.(\d+)\.\d+/.exec(version);
  if (!match) throw new Error(`not a version: ${version}`);
  const [major, minor] = [Number(match[1]), Number(match[2])];
  return type === "major" ? `${major + 1}.0.0` : `${major}.${minor + 1}.0`;
}
