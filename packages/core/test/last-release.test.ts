// The base that `check:changeset` and `pnpm spec:diff` compare with by default: the last release, found in git's
// history. In real depth-1 clones (what CI services check out by default), where the cut-off history would make
// the clone's own commit look like the release and every change vanish.
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { lastReleaseCommit, loadSpecs } from "@flatfile-jobs/tools/spec-source";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const git = (cwd: string, ...args: string[]) =>
  execFileSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], {
    cwd,
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  }).trim();

let dir: string;
let origin: string;
let release: string;
let head: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "last-release-"));
  origin = join(dir, "origin");
  await mkdir(join(origin, "packages/core"), { recursive: true });
  await mkdir(join(origin, "openapi"));
  git(origin, "init", "-q", "-b", "main");
  const commit = async (version: string, spec: string, message: string) => {
    await writeFile(join(origin, "packages/core/package.json"), `{\n  "name": "x",\n  "version": "${version}"\n}\n`);
    await writeFile(join(origin, "openapi/openapi.yaml"), spec);
    git(origin, "add", "-A");
    git(origin, "commit", "-q", "-m", message);
    return git(origin, "rev-parse", "HEAD");
  };
  await commit("0.1.0", "openapi: 3.1.0\npaths: {}\n", "first");
  release = await commit("1.0.0", "openapi: 3.1.0\npaths:\n  /jobs: {}\n", "release 1.0.0");
  head = await commit("1.0.0", "openapi: 3.1.0\npaths: {}\n", "remove /jobs, no changeset");
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const shallowClone = (name: string) => {
  const clone = join(dir, name);
  git(dir, "clone", "-q", "--depth", "1", `file://${origin}`, clone);
  expect(git(clone, "rev-parse", "--is-shallow-repository")).toBe("true");
  return clone;
};

describe("the last release in a depth-1 clone", () => {
  it("is found after the history is fetched, so the change since it is seen", async () => {
    const clone = shallowClone("ci");
    expect(lastReleaseCommit(clone)).toBe(release);
    expect(git(clone, "rev-parse", "--is-shallow-repository")).toBe("false");
    const { base, before, after } = await loadSpecs(undefined, clone);
    expect(base).toBe(release);
    expect(Object.keys(before.paths)).toEqual(["/jobs"]);
    expect(Object.keys(after.paths)).toEqual([]);
  });

  it("stops with how to get the history when it cannot be fetched, instead of comparing the commit with itself", () => {
    const clone = shallowClone("offline");
    git(clone, "remote", "remove", "origin");
    expect(() => lastReleaseCommit(clone)).toThrow(
      /this is a shallow clone: .*every change would be compared with itself\. Fetch the history \(git fetch --unshallow\), or .*--base <git-ref>/,
    );
    expect(git(clone, "rev-parse", "HEAD")).toBe(head);
  });

  it("is the latest version bump in a whole clone", () => {
    expect(lastReleaseCommit(origin)).toBe(release);
  });
});
