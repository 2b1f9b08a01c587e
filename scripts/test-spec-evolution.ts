// `pnpm test:spec-evolution`: Flatfile's API description changes, and an app gets the change by `npm update`, end
// to end, in a temporary copy of the repository with a local registry. A "next description" (Flatfile's published
// description of its whole API, scripts/fixtures/published/flatfile-api.yaml, with a JSON Patch from
// scripts/fixtures/spec-evolution) adds an optional Job field and an operation: when regenerating fails midway,
// `pnpm spec:update` puts every file back; then it reports a minor and drafts it; the new operation is given its
// words and its idempotence in the overlay and nothing else, and is then a function, a method of `client.jobs`, a
// command of the CLI and an action of React's `useJobsMutation` with no code written (the suites that run every
// operation pass with it); check:changeset agrees, the version is cut and published, and an app on a caret range
// compiles code using the new field, and calls the new operation, only after `npm update`. A second fixture
// removes the operation: the overlay's actions for it go stale and spec:update says so, then the report says major,
// check:changeset refuses the drafted minor and accepts a major (and, committed with no changeset and cloned at
// depth 1 as CI services check out, still refuses it), and the app's `npm update` does not take it.
// Nothing in the repository changes.
import { copyFile, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { stripVTControlCharacters } from "node:util";
import { GENERATED_FILES } from "@flatfile-jobs/tools/generated-files";
import { nextDescription } from "@flatfile-jobs/tools/published-fixture";
import { createHarness, expectAll, expectLine, format } from "@flatfile-jobs/tools/release-harness";
import { createSteps, type RunOptions, run } from "@flatfile-jobs/tools/steps";
import { parse } from "yaml";

const fixtures = fileURLToPath(new URL("fixtures/spec-evolution/", import.meta.url));
const { step, finish } = createSteps("spec-evolution");
const h = await createHarness("spec-evolution");
process.once("SIGINT", () => h.stop().then(() => process.exit(130)));

const PAUSE_PROSE = `
  # Written by the test, as a developer would after spec:update: our words for the operation Flatfile added, and
  # the decision on its idempotence. Nothing else is written by hand: its code is generated.
  - target: $.paths['/jobs/{jobId}/pause'].post
    description: "[12] pause: the summary and description of the operation Flatfile added."
    update:
      summary: Pause a job
      description: Pauses a running job until it is resumed.
  - target: $.paths['/jobs/{jobId}/pause'].post.responses['200']
    description: "[12] pause: what its 200 response is."
    update:
      description: The job, paused.
  - target: $.paths['/jobs/{jobId}/pause'].post
    description: "[14] pause: a second request could pause a job that was resumed in between."
    update:
      x-idempotent: false
`;

// An app's code that calls the new operation, as method and as function; the simulator answers 501 (it has no
// behaviour for pause), which the call reports without retrying.
const PAUSE_APP = `import { createJobsClient, InternalServerError, pauseJob } from "@flatfile-jobs/node";
import { startJobsSimulator } from "@flatfile-jobs/testing";

const simulator = await startJobsSimulator();
const client = createJobsClient({ token: "sk_test_pause", baseUrl: simulator.url });
try {
  const { data: job } = await client.jobs.create({ type: "workbook", operation: "submitAction", source: "us_wb_1" });
  for (const call of [() => client.jobs.pause(job.id), () => pauseJob(client, job.id)]) {
    const error = await call().catch((e: unknown) => e);
    if (!(error instanceof InternalServerError)) throw error;
    console.log(\`pause: \${error.status} after \${error.attempts} attempt(s): \${error.messages[0]}\`);
  }
} finally {
  await client.close();
  await simulator.close();
}
`;

try {
  await main();
} finally {
  await h.stop();
  finish();
}

async function main() {
  const first = await step("publish the current versions to a local registry; an app installs them", async () => {
    await h.startRegistry();
    await h.copyRepository();
    await h.release();
    const app = await h.installApp("node-worker", "npm");
    const installed = await h.installedVersions(app);
    console.log(`  npm installed ${format(installed)}`);
    return { app, version: installed["@flatfile-jobs/node"] };
  });
  if (!first?.version) return;
  const { app } = first;

  await step("the app's code that reads job.priority does not compile against it", async () => {
    await writeFile(
      join(app, "src/priority.ts"),
      'import type { Job } from "@flatfile-jobs/node";\n\n/** A field the API adds later. */\nexport const priorityOf = (job: Job): number | undefined => job.priority;\n',
    );
    const { code, output } = await run("npx", ["tsc", "-p", ".", "--noEmit"], { cwd: app, allowFailure: true });
    if (code === 0 || !/Property 'priority' does not exist on type/.test(output)) {
      throw new Error(`expected tsc to refuse job.priority:\n${output}`);
    }
  });

  await step("a regeneration that fails puts every file back, every package's generated code included", async () => {
    // Without its end marker, the CLI README's table cannot be written: generate.ts stops after it has written the
    // code of core, react and cli for the new description.
    const readme = join(h.repo, "packages/cli/README.md");
    const text = await readFile(readme, "utf8");
    await writeFile(readme, text.replace("<!-- end: commands -->", ""));
    const files = [...GENERATED_FILES, "openapi/flatfile.yaml", "openapi/openapi.yaml"];
    const read = () => Promise.all(files.map((file) => readFile(join(h.repo, file), "utf8")));
    const before = await read();
    try {
      const { code, output } = await specUpdate("next-minor", { allowFailure: true });
      if (code === 0) throw new Error(`spec:update succeeded without the README's marker:\n${output}`);
      expectLine(output, "every file was put back");
      const after = await read();
      const changed = files.filter((_, i) => after[i] !== before[i]);
      if (changed.length > 0) throw new Error(`not put back: ${changed.join(", ")}`);
    } finally {
      await writeFile(readme, text);
    }
  });

  await step("spec:update takes in a description with a new field and operation: a minor, drafted", async () => {
    const { output } = await specUpdate("next-minor");
    expectLine(output, "bump: minor");
    expectLine(output, "optional property priority added (returned)");
    expectLine(output, "operation POST /jobs/{jobId}/pause added");
    expectLine(output, "pause (POST /jobs/{jobId}/pause): not idempotent");
    await expectDraft("minor");
  });

  await step("the new operation described in the overlay: the spec lints, check:changeset agrees", async () => {
    const { code, output } = await run("pnpm", ["--reporter=silent", "lint:spec"], { cwd: h.repo, allowFailure: true });
    if (code === 0) throw new Error(`lint:spec should refuse the undescribed operation:\n${output}`);
    expectLine(output, "/paths/~1jobs~1{jobId}~1pause/post/summary");
    await writeFile(
      join(h.repo, "openapi/overlay.yaml"),
      `${await readFile(join(h.repo, "openapi/overlay.yaml"), "utf8")}${PAUSE_PROSE}`,
    );
    await run("pnpm", ["--reporter=silent", "generate"], { cwd: h.repo });
    await run("pnpm", ["--reporter=silent", "lint:spec"], { cwd: h.repo });
    await run("pnpm", ["--reporter=silent", "check:generated"], { cwd: h.repo });
    const { output: checked } = await h.script("scripts/check-changeset.ts");
    expectLine(checked, "✓ @flatfile-jobs/core needs minor, the changesets give minor");
    expectLine(checked, "JobsResource.pause");
  });

  await step(
    "the operation is first-class with no code written: the suites that run every operation pass",
    async () => {
      const generated = await readFile(join(h.repo, "packages/core/src/generated/operations.ts"), "utf8");
      if (!generated.includes("export function pauseJob(client: JobsCore, jobId: string, options?: RequestOptions)"))
        throw new Error("no pauseJob was generated");
      // core, node, testing, browser and cli call every operation of the spec (contract, faults, fuzz, soak, the
      // simulator, Chromium, a command each), now with pause among them; React's actions are checked one by one
      // in its server-side project (its Chromium project renders hooks, which no operation changes).
      const suites = ["core", "node", "testing", "browser", "cli"].flatMap((name) => [
        "--filter",
        `@flatfile-jobs/${name}`,
      ]);
      const { output } = await run(
        "pnpm",
        ["exec", "turbo", "run", "test", ...suites, "--concurrency=2", "--output-logs=errors-only"],
        { cwd: h.repo },
      );
      console.log(
        output
          .split("\n")
          .filter((line) => /Tasks:/.test(line))
          .map((line) => `  | ${line.trim()}`)
          .join("\n"),
      );
      const react = await readFile(join(h.repo, "packages/react/src/generated/mutations.ts"), "utf8");
      if (!react.includes("pause: (client, v) => pauseJob(client, v.jobId)"))
        throw new Error("useJobsMutation has no pause action");
      const { output: reactOutput } = await run(
        "pnpm",
        ["--filter", "@flatfile-jobs/react", "exec", "vitest", "run", "--project", "server"],
        { cwd: h.repo },
      );
      const passed = /Tests\s+(\d+) passed/.exec(stripVTControlCharacters(reactOutput))?.[1];
      console.log(`  | react (server project): ${passed ?? "?"} passed, the pause action among them`);
    },
  );

  const minor = await step("version and publish: every package at the new minor", async () => {
    await h.commit("Take in Flatfile's new description");
    const versions = await h.versionPackages("version");
    console.log(`  versioned ${format(versions)}`);
    await h.release();
    return versions["@flatfile-jobs/core"];
  });
  if (minor === undefined) return;

  await step(`the app's npm update takes ${minor}: job.priority compiles, and it calls pause`, async () => {
    await run("npm", ["update", "--no-audit", "--no-fund"], { cwd: app });
    const installed = await h.installedVersions(app);
    console.log(`  npm update installed ${format(installed)}`);
    expectAll(installed, minor);
    await writeFile(join(app, "src/pause.ts"), PAUSE_APP);
    await run("npx", ["tsc", "-p", "."], { cwd: app });
    const { output } = await run("node", ["dist/src/pause.js"], { cwd: app });
    console.log(
      output
        .trim()
        .split("\n")
        .map((line) => `  | ${line}`)
        .join("\n"),
    );
    expectLine(output, "pause: 501 after 1 attempt(s): The Jobs simulator does not implement pause");
    await rm(join(app, "src/pause.ts"));
  });

  await step(`the command line at ${minor} has a pause command, made from the spec`, async () => {
    const dir = join(h.work, "cli");
    await mkdir(dir, { recursive: true });
    await copyFile(join(app, ".npmrc"), join(dir, ".npmrc"));
    await writeFile(join(dir, "package.json"), '{ "name": "cli-user", "private": true }\n');
    await run("npm", ["install", "--no-audit", "--no-fund", `@flatfile-jobs/cli@${minor}`], { cwd: dir });
    const { output } = await run(join(dir, "node_modules/.bin/flatfile-jobs"), ["pause", "--help"], { cwd: dir });
    expectLine(output, "Usage: flatfile-jobs pause [options] <jobId>");
    expectLine(output, "Pause a job (POST /jobs/{jobId}/pause)");
  });

  await step(
    "a description without the operation: spec:update names the overlay actions gone stale, changing nothing",
    async () => {
      const before = await readFile(join(h.repo, "openapi/openapi.yaml"), "utf8");
      const { code, output } = await specUpdate("next-major", { allowFailure: true });
      if (code === 0) throw new Error(`spec:update should have refused the stale overlay:\n${output}`);
      expectLine(output, "the overlay no longer applies");
      expectLine(output, "[12] pause: the summary and description of the operation Flatfile added.");
      expectLine(output, "Nothing was changed.");
      if ((await readFile(join(h.repo, "openapi/openapi.yaml"), "utf8")) !== before)
        throw new Error("openapi.yaml changed");
      const overlay = await readFile(join(h.repo, "openapi/overlay.yaml"), "utf8");
      await writeFile(join(h.repo, "openapi/overlay.yaml"), overlay.replace(PAUSE_PROSE, ""));
    },
  );

  await step("with the stale actions dropped, spec:update reports a major and drafts it", async () => {
    const { output } = await specUpdate("next-major");
    expectLine(output, "bump: major");
    expectLine(output, "operation POST /jobs/{jobId}/pause removed");
    await expectDraft("major");
  });

  await step("check:changeset refuses the change released as a minor, and accepts a major", async () => {
    const [draft] = await h.pendingChangesets();
    if (draft === undefined) throw new Error("no drafted changeset");
    const file = join(h.repo, ".changeset", draft);
    const text = await readFile(file, "utf8");
    await writeFile(file, text.replace('"@flatfile-jobs/core": major', '"@flatfile-jobs/core": minor'));
    const refused = await h.script("scripts/check-changeset.ts", [], { allowFailure: true });
    if (refused.code === 0)
      throw new Error(`check:changeset accepted a minor for a removed operation:\n${refused.output}`);
    expectLine(refused.output, "✗ @flatfile-jobs/core needs major, the changesets give minor");
    expectLine(refused.output, "operation POST /jobs/{jobId}/pause removed");
    await writeFile(file, text);
    const { output } = await h.script("scripts/check-changeset.ts");
    expectLine(output, "✓ @flatfile-jobs/core needs major, the changesets give major");
  });

  await step(
    "a depth-1 clone of the major committed with no changeset: check:changeset fetches the history and refuses it",
    async () => {
      // What CI services check out by default: a clone cut off at its commit, where the last release is not in sight.
      const [draft] = await h.pendingChangesets();
      if (draft === undefined) throw new Error("no drafted changeset");
      const file = join(h.repo, ".changeset", draft);
      const text = await readFile(file, "utf8");
      await rm(file);
      await h.commit("Take in Flatfile's description without pause, with no changeset");
      const shallow = join(h.work, "shallow");
      try {
        await run("git", ["clone", "-q", "--depth", "1", `file://${h.repo}`, shallow]);
        await run("pnpm", ["install", "--frozen-lockfile", "--offline"], { cwd: shallow });
        const refused = await run("node", ["--import", "tsx", "scripts/check-changeset.ts"], {
          cwd: shallow,
          allowFailure: true,
        });
        if (refused.code === 0) throw new Error(`check:changeset passed a depth-1 clone:\n${refused.output}`);
        expectLine(refused.output, "✗ @flatfile-jobs/core needs major, the changesets give none");
        expectLine(refused.output, "operation POST /jobs/{jobId}/pause removed");
        console.log("  | ✗ @flatfile-jobs/core needs major, the changesets give none");
      } finally {
        await rm(shallow, { recursive: true, force: true });
        await run("git", ["reset", "-q", "--soft", "HEAD~1"], { cwd: h.repo });
        await writeFile(file, text);
      }
    },
  );

  const major = await step("version and publish the major", async () => {
    await h.commit("Take in Flatfile's description without pause");
    const versions = await h.versionPackages("version");
    console.log(`  versioned ${format(versions)}`);
    await h.release();
    return versions["@flatfile-jobs/core"];
  });

  await step(`the app's npm update keeps ${minor}, not ${major}`, async () => {
    await run("npm", ["update", "--no-audit", "--no-fund"], { cwd: app });
    const installed = await h.installedVersions(app);
    console.log(`  npm update left ${format(installed)}`);
    expectAll(installed, minor);
  });
}

/** Writes the fixture's next description next to the copy, as Flatfile publishes it, and runs `pnpm spec:update`. */
async function specUpdate(name: string, options: RunOptions = {}) {
  const patch = parse(await readFile(join(fixtures, `${name}.yaml`), "utf8"));
  const file = join(h.work, `${name}.json`);
  await writeFile(file, JSON.stringify(nextDescription(patch)));
  const result = await h.script("scripts/spec-update.ts", [file], options);
  console.log(
    result.output
      .split("\n")
      .filter((line) => /bump:|^\s+\w+: |drafted|matches nothing/.test(line))
      .map((line) => `  | ${line.trim()}`)
      .join("\n"),
  );
  return result;
}

async function expectDraft(bump: "minor" | "major") {
  const pending = await h.pendingChangesets();
  const [draft] = pending;
  if (pending.length !== 1 || draft === undefined)
    throw new Error(`expected one drafted changeset, found ${pending.join(", ") || "none"}`);
  const text = await readFile(join(h.repo, ".changeset", draft), "utf8");
  if (!text.startsWith(`---\n"@flatfile-jobs/core": ${bump}\n---`))
    throw new Error(`the draft is not a ${bump}:\n${text}`);
}
