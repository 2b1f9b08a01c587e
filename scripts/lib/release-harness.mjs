// The pieces the end-to-end release tests share: a temporary copy of the repository (its own git history, the
// registry in its .npmrc), a local registry, `pnpm release` run in the copy, and downstream apps installed from the
// registry. Everything lives in one temporary folder that `stop()` removes, with the registry.
import { cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { startRegistry } from "./registry.mjs";
import { run } from "./steps.mjs";

const root = fileURLToPath(new URL("../..", import.meta.url));
export const PACKAGES = ["core", "node", "browser", "testing", "cli"];

export async function createHarness(name) {
  const work = await mkdtemp(join(tmpdir(), `jobs-${name}-`));
  const repo = join(work, "repo");
  const storage = join(work, "registry-storage");
  let registry;

  const harness = {
    work,
    repo,
    get registry() {
      return registry;
    },
    /** Starts (or restarts, on the same storage and port) the registry; `refuse` names packages it turns down. */
    async startRegistry({ refuse = [] } = {}) {
      const port = registry?.port;
      await registry?.stop();
      registry = await startRegistry({ storage, refuse, port });
      return registry;
    },
    /** The working tree as it is (tracked and untracked files git does not ignore), in a new git repository. */
    async copyRepository({ keepPendingChangesets = false } = {}) {
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
      await writeFile(join(repo, ".npmrc"), registry.npmrc);
      await run("git", ["init", "-q", "-b", "main"], { cwd: repo });
      await harness.commit("the repository as it is");
      await run("pnpm", ["install", "--frozen-lockfile", "--prefer-offline"], { cwd: repo });
    },
    async pendingChangesets() {
      return (await readdir(join(repo, ".changeset"))).filter((f) => f.endsWith(".md") && f !== "README.md");
    },
    async commit(message) {
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
    /** `pnpm release` in the copy. */
    release(args = [], options = {}) {
      return run("node", ["scripts/release.mjs", ...args], { cwd: repo, ...options });
    },
    /** `pnpm version-packages` in the copy, committed; resolves to the packages' new versions. */
    async versionPackages(message) {
      await run("pnpm", ["exec", "changeset", "version"], { cwd: repo });
      await run("pnpm", ["install", "--no-frozen-lockfile", "--prefer-offline"], { cwd: repo });
      await harness.commit(message);
      return harness.versions();
    },
    async versions() {
      const versions = {};
      for (const name of PACKAGES) {
        const pkg = JSON.parse(await readFile(join(repo, `packages/${name}/package.json`), "utf8"));
        versions[pkg.name] = pkg.version;
      }
      return versions;
    },
    /** Every `name@version` of the scope the registry holds. */
    async published() {
      const found = [];
      for (const name of PACKAGES.map((n) => `@flatfile-jobs/${n}`)) {
        const response = await fetch(new URL(name.replace("/", "%2f"), registry.url));
        if (response.ok)
          for (const version of Object.keys((await response.json()).versions ?? {})) found.push(`${name}@${version}`);
      }
      return found;
    },
    /** Copies a downstream app to its own folder and installs it from the registry with npm or pnpm. */
    async installApp(app, pm, suffix = pm) {
      const dir = join(work, "apps", `${app}-${suffix}`);
      await cp(join(root, "downstream", app), dir, {
        recursive: true,
        filter: (source) => !/node_modules|[/\\]dist$|[/\\]reports$|lock/.test(source),
      });
      await writeFile(join(dir, ".npmrc"), registry.npmrc);
      if (pm === "npm") {
        await run("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir });
      } else {
        // Packages published seconds ago are new to pnpm's minimum release age; esbuild (Vite's) needs its build.
        await writeFile(join(dir, "pnpm-workspace.yaml"), "minimumReleaseAge: 0\nallowBuilds:\n  esbuild: true\n");
        await run("pnpm", ["install"], { cwd: dir });
      }
      return dir;
    },
    /** The versions of the SDK's packages an app has in its node_modules. */
    async installedVersions(dir) {
      const versions = {};
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
    appEnv() {
      return { REPORTS_DIR: join(root, "reports", name), npm_config_registry: undefined };
    },
    async stop() {
      await registry?.stop();
      await rm(work, { recursive: true, force: true });
    },
  };
  return harness;
}

export function format(versions) {
  return Object.entries(versions)
    .map(([name, version]) => `${name}@${version}`)
    .join(", ");
}

export function expectAll(installed, version) {
  const wrong = Object.entries(installed).filter(([, v]) => v !== version);
  if (Object.keys(installed).length === 0 || wrong.length > 0) {
    throw new Error(`expected every @flatfile-jobs package at ${version}, found ${format(installed)}`);
  }
}

export function expectLine(output, text) {
  if (!output.includes(text)) throw new Error(`expected "${text}" in:\n${output}`);
}

export function bump(version, type) {
  const [major, minor] = version.split(".").map(Number);
  return type === "major" ? `${major + 1}.0.0` : `${major}.${minor + 1}.0`;
}
