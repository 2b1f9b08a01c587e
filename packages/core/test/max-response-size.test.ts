// maxResponseSize with the global fetch: the client reads no more of a body than this, whether its Content-Length
// says it is longer or it streams in without one, and fails the call at once (not retried), naming the limit.
// A real node:http server on 127.0.0.1.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { APIConnectionError, createJobsClient, InvalidArgumentError } from "../src/index.js";

const TOKEN = "sk_test_core_max_size_42";
const LIMIT = 32 * 1024;
let mode: "announced" | "streamed" = "announced";
let size = 0;
let requests = 0;
let streamedChunks = 0;
let server: Server;
let baseUrl: string;

const job = (infoLength: number) =>
  JSON.stringify({
    data: { id: "us_jb_1", type: "file", operation: "x", source: "us_fl_1", info: "a".repeat(infoLength) },
  });

beforeAll(async () => {
  server = createServer((_req, res) => {
    requests++;
    if (mode === "announced") {
      res.writeHead(200, { "content-type": "application/json" }).end(job(size));
      return;
    }
    // No Content-Length: chunk after chunk, for as long as the client reads (up to 64 MiB).
    res.writeHead(200, { "content-type": "application/json" });
    res.write('{"data":{"id":"us_jb_1","info":"');
    const chunk = "a".repeat(16 * 1024);
    const more = () => {
      while (streamedChunks < 4096 && !res.destroyed && res.write(chunk)) streamedChunks++;
      if (streamedChunks < 4096 && !res.destroyed) res.once("drain", more);
      else res.end();
    };
    more();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});
beforeEach(() => {
  requests = 0;
  streamedChunks = 0;
});

const client = () =>
  createJobsClient({ token: TOKEN, baseUrl, maxResponseSize: LIMIT, retryBackoff: { initialDelay: 1 } });
const expected = () =>
  `GET ${baseUrl}/jobs/us_jb_1: the response body is over ${LIMIT} bytes, the client's maxResponseSize; raise it to read such a body.`;

it("refuses a body whose Content-Length is over the limit, at once, not retried", async () => {
  mode = "announced";
  size = LIMIT * 2;
  const error = await client()
    .jobs.get("us_jb_1")
    .catch((e: Error) => e);
  expect(error).toBeInstanceOf(APIConnectionError);
  expect((error as Error).message).toBe(expected());
  expect((error as Error).message).not.toContain(TOKEN);
  expect(requests).toBe(1);
});

it("stops reading a streamed body once it passes the limit", async () => {
  mode = "streamed";
  const error = await client()
    .jobs.get("us_jb_1")
    .catch((e: Error) => e);
  expect(error).toBeInstanceOf(APIConnectionError);
  expect((error as Error).message).toBe(expected());
  expect(requests).toBe(1);
  // It let go of the stream: the server did not get to write its 64 MiB.
  expect(streamedChunks).toBeLessThan(4096);
});

it("reads a body up to the limit", async () => {
  mode = "announced";
  size = LIMIT - 200;
  expect((await client().jobs.get("us_jb_1")).data.info).toHaveLength(LIMIT - 200);
});

it("refuses a maxResponseSize that is not a whole number of bytes", () => {
  expect(() => createJobsClient({ token: TOKEN, maxResponseSize: 0 })).toThrow(
    new InvalidArgumentError("maxResponseSize must be a whole number, 1 or more, got 0."),
  );
});
