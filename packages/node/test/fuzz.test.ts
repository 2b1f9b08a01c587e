// Property tests against a real HTTP server (tools/src/fault-server.ts answering `echo`): any job id the
// client accepts arrives as exactly one path segment under /v1/jobs/ and decodes to the same string, the ids
// it refuses never leave the process, and any query value arrives exactly as given.

import { type Fault, type FaultServer, startFaultServer } from "@flatfile-jobs/tools/fault-server";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createJobsClient, InvalidArgumentError, type JobsClient } from "../src/index.js";
import { byJobId, callWithJobId } from "./operations.js";

const RUNS = 250;

let server: FaultServer;
let jobs: JobsClient["jobs"];
beforeAll(async () => {
  server = await startFaultServer();
  server.script((): Fault => ({ kind: "echo" }));
  jobs = createJobsClient({ token: "sk_test_fuzz_51ab9c", baseUrl: server.url, maxRetries: 0 }).jobs;
});
afterAll(async () => {
  await server?.close();
});

/** What the echo answer carries (see the fault server). */
interface Echo {
  data: { info: string; metadata: { jobId: string | null; rawPath: string; query: [string, string][] } };
}

/** Every operation whose path has a job id (from the spec), with what follows the id in its path. */
const BY_ID: [string, (id: string) => Promise<unknown>, string][] = byJobId.map(([operationId, suffix]) => [
  operationId,
  (id) => callWithJobId(jobs, operationId, id),
  suffix,
]);

/** One UTF-16 code unit, lone surrogates included. */
const codeUnit = fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c));

/** Strings of every kind: any code point, graphemes, raw code units, and URL-significant characters. */
const anyString = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 20 }),
  fc.string({ unit: codeUnit, maxLength: 20 }),
  fc.stringMatching(/^[./?#%\\ +&=;:@~]{1,12}$/),
  fc.constantFrom(
    "",
    ".",
    "..",
    "...",
    "a/b",
    "../admin",
    "%2e%2e",
    "%2F",
    "a?b=1",
    "a#b",
    "100%",
    "a+b",
    " ",
    "\u0000",
    "\u{1F600}",
  ),
);

/** Strings with at least one unpaired surrogate (a surrogate next to its partner would form a pair). */
const notWellFormed = fc
  .tuple(anyString, fc.integer({ min: 0xd800, max: 0xdfff }), anyString)
  .map(([before, unit, after]) => before + String.fromCharCode(unit) + after)
  .filter((s) => !s.isWellFormed());

/** Whether the client promises to send the string as a job id; it refuses the others before sending. */
const sendable = (id: string) => id !== "" && id !== "." && id !== ".." && id.isWellFormed();

describe("job ids against a real server", () => {
  it(`any sendable id arrives as one segment under /v1/jobs/ and round-trips exactly (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(anyString.filter(sendable), fc.constantFrom(...BY_ID), async (id, [operation, call, suffix]) => {
        const before = server.requests().length;
        const echo = (await call(id)) as Echo;
        const seen = server.requests().slice(before);

        expect(seen).toHaveLength(1);
        const [request] = seen;
        expect(request?.operation).toBe(operation);
        const path = request?.path ?? "";
        expect(path.startsWith("/v1/jobs/")).toBe(true);
        expect(path.endsWith(suffix)).toBe(true);
        const segment = path.slice("/v1/jobs/".length, path.length - suffix.length);
        expect(segment).not.toContain("/");
        expect(decodeURIComponent(segment)).toBe(id);
        expect(echo.data.info).toBe(id);
        expect(echo.data.metadata.jobId).toBe(id);
      }),
      { numRuns: RUNS },
    );
    expect(server.counts().byOperation.unknown).toBeUndefined();
  });

  it(`'', '.', '..' and ids with a lone surrogate are refused with InvalidArgumentError, nothing sent (${RUNS} runs)`, async () => {
    const refused = fc.oneof(fc.constantFrom("", ".", ".."), notWellFormed);
    await fc.assert(
      fc.asyncProperty(refused, fc.constantFrom(...BY_ID), async (id, [, call]) => {
        const before = server.requests().length;
        await expect(call(id)).rejects.toBeInstanceOf(InvalidArgumentError);
        expect(server.requests().length).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("query values against a real server", () => {
  it(`any well-formed source and spaceId round-trip exactly through jobs.list (${RUNS} runs)`, async () => {
    const value = anyString.filter((s) => s.isWellFormed());
    await fc.assert(
      fc.asyncProperty(value, value, async (source, spaceId) => {
        const before = server.requests().length;
        const echo = (await jobs.list({ source, spaceId })) as unknown as Echo;
        const [request] = server.requests().slice(before);

        expect(request?.operation).toBe("list");
        expect(request?.path).toBe("/v1/jobs");
        const expected = [
          ["source", source],
          ["spaceId", spaceId],
        ];
        expect([...(request?.query ?? [])].sort()).toEqual(expected.sort());
        expect([...echo.data.metadata.query].sort()).toEqual(expected.sort());
      }),
      { numRuns: RUNS },
    );
  });

  it("a query value with a lone surrogate (no URL can carry it) fails with InvalidArgumentError before anything is sent", async () => {
    await fc.assert(
      fc.asyncProperty(notWellFormed, async (source) => {
        const before = server.requests().length;
        await expect(jobs.list({ source })).rejects.toBeInstanceOf(InvalidArgumentError);
        expect(server.requests().length).toBe(before);
      }),
      { numRuns: 50 },
    );
  });
});
