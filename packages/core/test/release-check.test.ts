// `pnpm release` asks the registry about every version it is about to publish and publishes only when each one
// the registry has was built from the commit being released (tools/src/release-check.ts). `pnpm test:release`
// runs it against a real registry; these are the decisions, and the registry's answers read over HTTP.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import {
  askRegistry,
  type PublishPlan,
  planRefusal,
  publishPlan,
  publishReport,
  type RegistryAnswer,
} from "@flatfile-jobs/tools/release-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const A = "a".repeat(40);
const B = "b".repeat(40);
const REGISTRY = "http://registry.test/";
const core = { name: "@x/core", version: "1.2.0" };
const node = { name: "@x/node", version: "1.2.0" };
const cli = { name: "@x/cli", version: "1.2.0" };
const SET = [core, node, cli];

const absent: RegistryAnswer = { state: "absent" };
const from = (gitHead?: string): RegistryAnswer => ({ state: "present", gitHead });

describe("publishPlan", () => {
  it("publishes every version the registry does not have", () => {
    const plan = publishPlan(SET, { "@x/core": absent, "@x/node": absent, "@x/cli": absent }, A);
    expect(plan).toEqual({ head: A, publish: SET, skip: [], conflicts: [], unreachable: [] });
    expect(planRefusal(plan, REGISTRY)).toBeUndefined();
  });

  it("skips versions built from the same commit, so a rerun publishes only the rest", () => {
    const plan = publishPlan(
      SET,
      new Map([
        ["@x/core", from(A)],
        ["@x/node", from(A)],
        ["@x/cli", absent],
      ]),
      A,
    );
    expect(plan.skip).toEqual([core, node]);
    expect(plan.publish).toEqual([cli]);
    expect(planRefusal(plan, REGISTRY)).toBeUndefined();
  });

  it("has nothing to publish when the whole set is there from this commit", () => {
    const plan = publishPlan(SET, { "@x/core": from(A), "@x/node": from(A), "@x/cli": from(A) }, A);
    expect(plan.publish).toEqual([]);
    expect(planRefusal(plan, REGISTRY)).toBeUndefined();
  });

  it("refuses versions built from another commit, naming each package, both commits and what to do", () => {
    const plan = publishPlan(SET, { "@x/core": from(B), "@x/node": from(B), "@x/cli": absent }, A);
    expect(plan.conflicts).toEqual([
      { ...core, gitHead: B },
      { ...node, gitHead: B },
    ]);
    const message = planRefusal(plan, REGISTRY) ?? "";
    expect(message).toMatch(new RegExp(`@x/core@1\\.2\\.0 +built from ${B}`));
    expect(message).toMatch(new RegExp(`@x/node@1\\.2\\.0 +built from ${B}`));
    expect(message).not.toContain("@x/cli");
    expect(message).toContain(`HEAD ${A}`);
    expect(message).toContain("`pnpm changeset`");
    expect(message).toContain(`\`git checkout ${B}\``);
  });

  it("refuses a version with no recorded commit, even on a rerun, and offers only a new version", () => {
    const plan = publishPlan(SET, { "@x/core": from(A), "@x/node": from(undefined), "@x/cli": absent }, A);
    expect(plan.skip).toEqual([core]);
    expect(plan.conflicts).toEqual([{ ...node, gitHead: undefined }]);
    const message = planRefusal(plan, REGISTRY) ?? "";
    expect(message).toMatch(/@x\/node@1\.2\.0 +built from an unknown commit/);
    expect(message).toContain("`pnpm changeset`");
    expect(message).not.toContain("git checkout");
  });

  it("refuses when the registry cannot be asked, or was not asked about a package", () => {
    const plan = publishPlan(
      SET,
      { "@x/core": { state: "unreachable", reason: "ECONNREFUSED" }, "@x/node": absent },
      A,
    );
    expect(plan.unreachable.map((pkg) => pkg.name)).toEqual(["@x/core", "@x/cli"]);
    expect(plan.publish).toEqual([node]);
    const message = planRefusal(plan, REGISTRY) ?? "";
    expect(message).toContain(`could not ask ${REGISTRY} which versions it has`);
    expect(message).toContain("ECONNREFUSED");
    expect(message).toContain("run `pnpm release` again");
  });
});

describe("publishReport", () => {
  const plan: PublishPlan = publishPlan(SET, { "@x/core": from(A), "@x/node": absent, "@x/cli": absent }, A);

  it("is complete when every package is there from this commit", () => {
    const report = publishReport(plan, { "@x/core": from(A), "@x/node": from(A), "@x/cli": from(A) }, REGISTRY);
    expect(report.complete).toBe(true);
    expect(report.lines).toEqual([
      "@x/core@1.2.0  was there already",
      "@x/node@1.2.0  published",
      "@x/cli@1.2.0  published",
    ]);
  });

  it("names what was published and what was not, and says to rerun from the same commit", () => {
    const report = publishReport(plan, { "@x/core": from(A), "@x/node": from(A), "@x/cli": absent }, REGISTRY);
    expect(report.complete).toBe(false);
    expect(report.lines).toContain("@x/cli@1.2.0  NOT PUBLISHED");
    expect(report.summary).toContain("On the registry: @x/core@1.2.0, @x/node@1.2.0");
    expect(report.summary).toContain("Not published:   @x/cli@1.2.0");
    expect(report.summary).toContain(`run \`pnpm release\` again from this same commit (${A})`);
  });

  it("does not count a version someone else published meanwhile as published", () => {
    const report = publishReport(plan, { "@x/core": from(A), "@x/node": from(B), "@x/cli": from(A) }, REGISTRY);
    expect(report.complete).toBe(false);
    expect(report.summary).toContain(`@x/node@1.2.0 is on the registry, but built from ${B}`);
  });
});

describe("askRegistry", () => {
  let server: Server;
  let url: string;
  const documents: Record<string, unknown> = {
    "/@x%2fcore": { name: "@x/core", versions: { "1.2.0": { version: "1.2.0", gitHead: A } } },
    "/@x%2fnode": { name: "@x/node", versions: { "1.2.0": { version: "1.2.0" } } },
  };

  beforeAll(async () => {
    server = createServer((request, response) => {
      const document = documents[request.url ?? ""];
      response.writeHead(document ? 200 : 404, { "content-type": "application/json" });
      response.end(JSON.stringify(document ?? { error: "not found" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });

  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it("reads the commit a version was built from, or that it records none", async () => {
    expect(await askRegistry(core, url)).toEqual({ state: "present", gitHead: A });
    expect(await askRegistry(node, url)).toEqual({ state: "present" });
  });

  it("reads a missing version, or a missing package, as not published", async () => {
    expect(await askRegistry({ ...core, version: "9.9.9" }, url)).toEqual({ state: "absent" });
    expect(await askRegistry(cli, url)).toEqual({ state: "absent" });
  });

  it("reports a registry that does not answer, after asking npm too", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const answer = await askRegistry(core, `http://127.0.0.1:${port}/`);
    expect(answer.state).toBe("unreachable");
    expect(answer.state === "unreachable" && answer.reason).toMatch(/ECONNREFUSED[\s\S]*npm view: ECONNREFUSED/);
  }, 30_000);
});
