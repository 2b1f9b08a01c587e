// `pnpm test:release`: the release as apps see it, end to end, in a temporary copy of the repository. It starts a
// local registry (Verdaccio), checks that `pnpm release` refuses what it must (among it an unreachable registry,
// and versions the registry has from another commit) and survives a registry that turns one package down (a rerun
// from the same commit completes the set), publishes the current versions, installs each downstream app
// (downstream/, and the React example examples/react-dashboard with its workspace ranges made caret ranges) with
// npm and with pnpm and runs its type-check and tests, then walks the upgrade path: a minor of core reaches the apps
// through `npm update`, a major does not, and an app that raises its range gets it. Each step prints what it
// installed. Nothing in the repository changes (but reports/); every process and temporary folder is gone at the end.
import { readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { bump, createHarness, expectAll, expectLine, format, PACKAGES } from "@flatfile-jobs/tools/release-harness";
import { createSteps, run } from "@flatfile-jobs/tools/steps";

// The downstream apps, and the React example as an app outside the workspace would have it.
const APPS = ["node-worker", "cjs-script", "browser-app", "react-peers", "examples/react-dashboard"];
const ACCEPTED = PACKAGES.filter((name) => name !== "cli");
const { step, finish } = createSteps("release");
const h = await createHarness("release");
process.once("SIGINT", () => h.stop().then(() => process.exit(130)));

try {
  await main();
} finally {
  await h.stop();
  finish();
}

async function main() {
  await step("start a registry that refuses @flatfile-jobs/cli", async () => {
    const registry = await h.startRegistry({ refuse: ["@flatfile-jobs/cli"] });
    console.log(`  Verdaccio on ${registry.url} (pid ${registry.pid}), storage in a temporary folder`);
  });

  const versions = await step("copy the repository, pending changesets left out, and install it", async () => {
    await h.copyRepository();
    return h.versions();
  });
  const current = versions?.["@flatfile-jobs/core"];
  if (!versions || current === undefined) return;
  console.log(`  packages at ${format(versions)}`);

  await step(
    "pnpm release refuses a dirty tree, pending changesets and the public registry without --public",
    async () => {
      await writeFile(join(h.repo, "stray.txt"), "not committed\n");
      await expectRefusal([], /uncommitted changes/);
      await rm(join(h.repo, "stray.txt"));
      await writeFile(join(h.repo, ".changeset/pending.md"), '---\n"@flatfile-jobs/core": patch\n---\n\nA fix.\n');
      await h.commit("a pending changeset");
      await expectRefusal([], /changeset\(s\) are pending \(pending\.md\)/);
      await rm(join(h.repo, ".changeset/pending.md"));
      await h.commit("no pending changeset");
      await expectRefusal(["--registry", "https://registry.npmjs.org/"], /public npm registry.*pnpm release --public/);
      await expectNothingPublished();
    },
  );

  await step("pnpm release refuses when a package check fails", async () => {
    const file = join(h.repo, "packages/cli/package.json");
    const original = await readFile(file, "utf8");
    await writeFile(file, original.replace('"./dist/cli.mjs"', '"./dist/missing.mjs"'));
    await h.commit("a broken bin path");
    // publint names the bin that points at no file; release stops before publishing anything.
    await expectRefusal([], /dist\/missing\.mjs[\s\S]*a build or a package check failed/);
    await writeFile(file, original);
    await h.commit("the bin path mended");
    await expectNothingPublished();
  });

  await step("pnpm release refuses when it cannot reach the registry", async () => {
    const url = h.registry?.url;
    await h.registry?.stop();
    await expectRefusal(
      [],
      new RegExp(`could not ask ${url} which versions it has[\\s\\S]*run \`pnpm release\` again`),
    );
    await h.startRegistry({ refuse: ["@flatfile-jobs/cli"] });
    await expectNothingPublished();
  });

  await step("a registry that refuses one package: the others are published, it is reported", async () => {
    const head = await h.head();
    const { code, output } = await h.release([], { allowFailure: true });
    if (code === 0) throw new Error(`pnpm release succeeded although the registry refused a package:\n${output}`);
    expectLine(output, `@flatfile-jobs/cli@${current}  NOT PUBLISHED`);
    for (const name of ACCEPTED) expectLine(output, `@flatfile-jobs/${name}@${current}  published`);
    expectLine(output, "did not reach");
    expectLine(output, `On the registry: ${ACCEPTED.map((name) => `@flatfile-jobs/${name}@${current}`).join(", ")}`);
    expectLine(output, `Not published:   @flatfile-jobs/cli@${current}`);
    expectLine(output, `run \`pnpm release\` again from this same commit (${head})`);
  });

  await step(
    "rerun against the mended registry: only the missing package is published, all from one commit",
    async () => {
      await h.startRegistry();
      const { output } = await h.release();
      expectLine(output, `@flatfile-jobs/cli@${current}  published`);
      for (const name of ACCEPTED) {
        expectLine(output, `@flatfile-jobs/${name}@${current}  was there already`);
      }
      // Each version's manifest on the registry records the commit it was built from.
      const head = await h.head();
      const heads = await h.gitHeads();
      for (const name of PACKAGES) {
        const recorded = heads[`@flatfile-jobs/${name}@${current}`];
        if (recorded !== head)
          throw new Error(`@flatfile-jobs/${name}@${current} records gitHead ${recorded}, not ${head}`);
      }
      console.log(`  on the registry, each with gitHead ${head}: ${(await h.published()).join(", ")}`);
    },
  );

  const released = await step(
    "a new commit without a version bump: pnpm release names each package and both commits, publishes nothing",
    async () => {
      const a = await h.head();
      const before = await h.gitHeads();
      await writeFile(join(h.repo, "release-notes.txt"), "A change released without a new version.\n");
      await h.commit("a change without a changeset");
      const b = await h.head();
      const { code, output } = await h.release([], { allowFailure: true });
      if (code !== 1) throw new Error(`pnpm release at ${b} should have exited 1, exited ${code}:\n${output}`);
      for (const name of PACKAGES) {
        if (!new RegExp(`@flatfile-jobs/${name}@${current.replaceAll(".", "\\.")} +built from ${a}`).test(output))
          throw new Error(`expected @flatfile-jobs/${name}@${current} named as built from ${a} in:\n${output}`);
      }
      for (const text of [`HEAD ${b}`, "`pnpm changeset`", `\`git checkout ${a}\``, "Nothing was published."])
        expectLine(output, text);
      const after = await h.gitHeads();
      if (JSON.stringify(after) !== JSON.stringify(before)) {
        throw new Error(`the registry changed:\nbefore ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}`);
      }
      console.log(`  refused at ${b}; the registry still holds ${current} from ${a}`);
      return a;
    },
  );
  if (released === undefined) return;

  await step("back at the released commit, pnpm release finds the set complete and publishes nothing", async () => {
    const before = await h.gitHeads();
    await h.git(["checkout", "-q", released]);
    try {
      const { output } = await h.release();
      for (const name of PACKAGES) {
        expectLine(output, `@flatfile-jobs/${name}@${current}  already on the registry from ${released}: skipped`);
      }
      expectLine(output, "nothing to publish");
    } finally {
      await h.git(["checkout", "-q", "main"]);
    }
    const after = await h.gitHeads();
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      throw new Error(`the registry changed:\nbefore ${JSON.stringify(before)}\nafter  ${JSON.stringify(after)}`);
    }
  });

  /** Each app's npm install, which the upgrade steps below update. */
  const installs: Record<string, string> = {};
  const npmInstall = (app: string) => {
    const dir = installs[app];
    if (dir === undefined) throw new Error(`${app} was not installed with npm`);
    return dir;
  };
  for (const app of APPS) {
    for (const pm of ["npm", "pnpm"] as const) {
      await step(`${app}: install with ${pm}, then its own checks and tests`, async () => {
        const dir = await h.installApp(app, pm);
        const installed = await h.installedVersions(dir);
        console.log(`  ${pm} installed ${format(installed)}`);
        expectAll(installed, current);
        await run(pm, ["test"], { cwd: dir, env: h.appEnv() });
        if (pm === "npm") installs[app] = dir;
      });
    }
  }

  const minor = await step("a minor changeset on core: every package moves to the same minor, published", async () => {
    const next = await versionWith("minor", "Adds something to core.");
    if (!Object.values(next).every((v) => v === bump(current, "minor"))) {
      throw new Error(`expected every package at ${bump(current, "minor")}, got ${format(next)}`);
    }
    await h.release();
    return next["@flatfile-jobs/core"];
  });
  if (minor === undefined) return;

  for (const app of APPS) {
    await step(`${app}: npm update takes ${minor} and its tests pass`, async () => {
      const dir = npmInstall(app);
      await run("npm", ["update", "--no-audit", "--no-fund"], { cwd: dir });
      const installed = await h.installedVersions(dir);
      console.log(`  npm update installed ${format(installed)}`);
      expectAll(installed, minor);
      await run("npm", ["test"], { cwd: dir, env: h.appEnv() });
    });
  }

  const major = await step("a major changeset on core: every other package becomes a major too", async () => {
    const next = await versionWith("major", "Changes something in core that breaks apps.");
    if (!Object.values(next).every((v) => v === bump(minor, "major"))) {
      throw new Error(`expected every package at ${bump(minor, "major")}, got ${format(next)}`);
    }
    await h.release();
    return next["@flatfile-jobs/core"];
  });
  if (major === undefined) return;

  for (const app of APPS) {
    await step(`${app}: npm update keeps ${minor}, not the new major ${major}`, async () => {
      const dir = npmInstall(app);
      await run("npm", ["update", "--no-audit", "--no-fund"], { cwd: dir });
      const installed = await h.installedVersions(dir);
      console.log(`  npm update left ${format(installed)}`);
      expectAll(installed, minor);
    });
  }

  await step(`node-worker: raising its ranges to ^${major} installs ${major}, and its tests pass`, async () => {
    const dir = npmInstall("node-worker");
    const file = join(dir, "package.json");
    const pkg = JSON.parse(await readFile(file, "utf8"));
    for (const deps of [pkg.dependencies, pkg.devDependencies]) {
      for (const name of Object.keys(deps)) if (name.startsWith("@flatfile-jobs/")) deps[name] = `^${major}`;
    }
    await writeFile(file, JSON.stringify(pkg, null, 2));
    await run("npm", ["install", "--no-audit", "--no-fund"], { cwd: dir });
    const installed = await h.installedVersions(dir);
    console.log(`  npm install installed ${format(installed)}`);
    expectAll(installed, major);
    await run("npm", ["test"], { cwd: dir, env: h.appEnv() });
  });
}

/** Adds a changeset on core and versions the packages as `pnpm version-packages` does. */
async function versionWith(bumpType: "minor" | "major", text: string) {
  await writeFile(
    join(h.repo, `.changeset/core-${bumpType}.md`),
    `---\n"@flatfile-jobs/core": ${bumpType}\n---\n\n${text}\n`,
  );
  return h.versionPackages(`version: ${bumpType} of core`);
}

async function expectRefusal(args: string[], pattern: RegExp) {
  const { code, output } = await h.release(args, { allowFailure: true });
  if (code === 0) throw new Error(`pnpm release ${args.join(" ")} should have refused:\n${output}`);
  if (!pattern.test(output) || !/Nothing was published\./.test(output)) {
    throw new Error(`pnpm release ${args.join(" ")} refused, but not saying ${pattern}:\n${output}`);
  }
}

async function expectNothingPublished() {
  const names = await h.published();
  if (names.length > 0) throw new Error(`the registry holds ${names.join(", ")} after a refused release`);
}
