// What `pnpm release` may publish, decided from what the registry says about each version it is about to publish.
// A version number stands for one build of the whole set: a version the registry already has must have been built
// from the commit being released (then it is skipped, and a rerun completes a release that stopped halfway);
// built from another commit, or from an unknown one, the release stops before publishing anything. The registry
// knows the commit from the `gitHead` field of each version's manifest, which `pnpm release` writes.
import { spawnSync } from "node:child_process";

export interface ReleasePackage {
  /** The npm name, e.g. `@flatfile-jobs/core`. */
  name: string;
  version: string;
}

/** What the registry says about one `name@version`. */
export type RegistryAnswer =
  | { state: "absent" }
  | { state: "present" /** The commit it was built from, when the registry records one. */; gitHead?: string }
  | { state: "unreachable"; reason: string };

export interface PublishPlan {
  head: string;
  /** Not on the registry: to be published. */
  publish: ReleasePackage[];
  /** On the registry, built from `head`: skipped. */
  skip: ReleasePackage[];
  /** On the registry, built from another commit (or an unknown one): the release must stop. */
  conflicts: (ReleasePackage & { gitHead?: string })[];
  /** The registry could not be asked: the release must stop. */
  unreachable: (ReleasePackage & { reason: string })[];
}

type Answers = ReadonlyMap<string, RegistryAnswer> | Readonly<Record<string, RegistryAnswer>>;

function answerFor(answers: Answers, name: string): RegistryAnswer {
  const answer = answers instanceof Map ? answers.get(name) : (answers as Record<string, RegistryAnswer>)[name];
  return answer ?? { state: "unreachable", reason: "the registry was not asked" };
}

/**
 * Sorts the packages by the registry's answers (by package name) against the commit being released: what to
 * publish, what to skip, and what stops the release. The release may go ahead only when the last two are empty.
 */
export function publishPlan(packages: readonly ReleasePackage[], answers: Answers, head: string): PublishPlan {
  const plan: PublishPlan = { head, publish: [], skip: [], conflicts: [], unreachable: [] };
  for (const { name, version } of packages) {
    const answer = answerFor(answers, name);
    if (answer.state === "absent") plan.publish.push({ name, version });
    else if (answer.state === "unreachable") plan.unreachable.push({ name, version, reason: answer.reason });
    else if (answer.gitHead !== undefined && answer.gitHead === head) plan.skip.push({ name, version });
    else plan.conflicts.push({ name, version, gitHead: answer.gitHead });
  }
  return plan;
}

/** Why the release must stop, and what to do, or undefined when it may go ahead. */
export function planRefusal(plan: PublishPlan, registry: string): string | undefined {
  const parts: string[] = [];
  if (plan.unreachable.length > 0) {
    const reasons = [...new Set(plan.unreachable.map((pkg) => pkg.reason))];
    parts.push(
      `could not ask ${registry} which versions it has (${plan.unreachable.map(id).join(", ")}):\n` +
        reasons.map((reason) => `  ${reason}`).join("\n") +
        "\nCheck the registry's address (--registry, or @flatfile-jobs:registry in .npmrc), the network, and that " +
        `your npm credentials may read from it (\`npm whoami --registry ${registry}\`), then run \`pnpm release\` again.`,
    );
  }
  if (plan.conflicts.length > 0) {
    const width = Math.max(...plan.conflicts.map((pkg) => id(pkg).length));
    const lines = plan.conflicts.map(
      (pkg) =>
        `  ${id(pkg).padEnd(width)}  built from ${pkg.gitHead ?? "an unknown commit (the registry records no gitHead for it)"}`,
    );
    const commits = [...new Set(plan.conflicts.flatMap((pkg) => (pkg.gitHead ? [pkg.gitHead] : [])))];
    const finish = commits.map(
      (commit) =>
        `  - or, if the version is meant to be the build of ${commit}, check out that commit ` +
        `(\`git checkout ${commit}\`) and run \`pnpm release\` there: it publishes only the packages still missing, ` +
        "if any.",
    );
    parts.push(
      `${registry} already has these versions, built from another commit than the one being released ` +
        `(HEAD ${plan.head}):\n${lines.join("\n")}\n` +
        "One version must be one build of all the packages, so none of them is published from this commit. To go on:\n" +
        "  - release this commit as a new version: add a changeset (`pnpm changeset`), run `pnpm version-packages`, " +
        "commit what it writes, then `pnpm release`" +
        (finish.length > 0 ? `;\n${finish.join("\n")}` : "."),
    );
  }
  return parts.length > 0 ? parts.join("\n\n") : undefined;
}

/** Each package's line after the publish, whether the set is now complete, and what to do when it is not. */
export function publishReport(
  plan: PublishPlan,
  after: Answers,
  registry: string,
): { lines: string[]; complete: boolean; summary: string } {
  const already = new Set(plan.skip.map((pkg) => pkg.name));
  const published: ReleasePackage[] = [...plan.skip];
  const missing: ReleasePackage[] = [];
  const problems: string[] = [];
  const lines: string[] = [];
  for (const pkg of [...plan.skip, ...plan.publish]) {
    const answer = answerFor(after, pkg.name);
    if (already.has(pkg.name)) {
      lines.push(`${id(pkg)}  was there already`);
    } else if (answer.state === "present" && answer.gitHead === plan.head) {
      published.push(pkg);
      lines.push(`${id(pkg)}  published`);
    } else if (answer.state === "present") {
      // Someone else published this version meanwhile, or the registry dropped the commit.
      problems.push(
        `${id(pkg)} is on the registry, but built from ${answer.gitHead ?? "an unknown commit"}, not ${plan.head}.`,
      );
      lines.push(`${id(pkg)}  ON THE REGISTRY FROM ANOTHER BUILD (${answer.gitHead ?? "no gitHead"})`);
    } else {
      missing.push(pkg);
      lines.push(
        `${id(pkg)}  NOT PUBLISHED${answer.state === "unreachable" ? ` (the registry could not be asked: ${answer.reason})` : ""}`,
      );
    }
  }
  if (missing.length === 0 && problems.length === 0) {
    return {
      lines,
      complete: true,
      summary: `Every package is on ${registry} at its version, built from ${plan.head}.`,
    };
  }
  const total = plan.skip.length + plan.publish.length;
  const summary = [
    `The release is incomplete: ${published.length} of ${total} package(s) are on ${registry} from ${plan.head}, ` +
      `${missing.length} did not reach it.`,
    `  On the registry: ${published.map(id).join(", ") || "none"}`,
    `  Not published:   ${missing.map(id).join(", ") || "none"}`,
    ...problems.map((problem) => `  ${problem}`),
    missing.length > 0
      ? `Fix the cause shown above and run \`pnpm release\` again from this same commit (${plan.head}): it finds the ` +
        "published versions built from it and publishes only the missing ones. Do not bump the version to get past " +
        "this, and do not unpublish: the packages of one version must come from one commit."
      : "A version on the registry was built from another commit: see `pnpm release`'s check in CONTRIBUTING.md.",
  ];
  return { lines, complete: false, summary: summary.join("\n") };
}

function id(pkg: ReleasePackage): string {
  return `${pkg.name}@${pkg.version}`;
}

/**
 * Asks the registry about `name@version`: its package document over HTTP (no credentials), or, when that is
 * refused or fails (a private registry, a proxy Node's fetch does not use), `npm view`, which uses the user's npm
 * configuration and credentials. A 404 (E404) of the package or of the version is "absent".
 */
export async function askRegistry(
  pkg: ReleasePackage,
  registry: string,
  options: { cwd?: string; timeoutMs?: number } = {},
): Promise<RegistryAnswer> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  let httpReason: string;
  try {
    const response = await fetch(new URL(pkg.name.replace("/", "%2f"), registry), {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status === 404) return { state: "absent" };
    if (response.ok) {
      const manifest = ((await response.json()) as { versions?: Record<string, { gitHead?: unknown }> }).versions?.[
        pkg.version
      ];
      if (!manifest) return { state: "absent" };
      return typeof manifest.gitHead === "string"
        ? { state: "present", gitHead: manifest.gitHead }
        : { state: "present" };
    }
    httpReason = `GET ${pkg.name}: HTTP ${response.status}`;
  } catch (error) {
    httpReason = `GET ${pkg.name}: ${describe(error)}`;
  }
  return npmView(pkg, registry, options.cwd, timeoutMs, httpReason);
}

function npmView(
  pkg: ReleasePackage,
  registry: string,
  cwd: string | undefined,
  timeoutMs: number,
  httpReason: string,
): RegistryAnswer {
  const scope = pkg.name.startsWith("@") ? pkg.name.slice(0, pkg.name.indexOf("/")) : undefined;
  const result = spawnSync(
    "npm",
    [
      "view",
      `${pkg.name}@${pkg.version}`,
      "version",
      "gitHead",
      "--json",
      `--registry=${registry}`,
      "--fetch-retries=0",
      `--fetch-timeout=${timeoutMs}`,
    ],
    {
      cwd,
      encoding: "utf8",
      // A scope's registry in .npmrc would win over --registry; this one wins over it.
      env: scope ? { ...process.env, [`npm_config_${scope}:registry`]: registry } : process.env,
    },
  );
  let parsed: unknown;
  try {
    parsed = result.stdout.trim() ? JSON.parse(result.stdout) : undefined;
  } catch {
    parsed = undefined;
  }
  if (result.status === 0) {
    // Older npm prints nothing for a version the package does not have.
    if (parsed === undefined) return { state: "absent" };
    const gitHead = (parsed as { gitHead?: unknown }).gitHead;
    return typeof gitHead === "string" ? { state: "present", gitHead } : { state: "present" };
  }
  const error = (parsed as { error?: { code?: string; summary?: string } } | undefined)?.error;
  if (error?.code === "E404") return { state: "absent" };
  const npmReason = error
    ? `${error.code ?? "error"} ${error.summary ?? ""}`.trim()
    : result.error
      ? describe(result.error)
      : (result.stderr || "").trim().split("\n")[0] || `exit code ${result.status}`;
  return { state: "unreachable", reason: `${httpReason}; npm view: ${npmReason}` };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
}
