// maxResponseSize: the Node client reads no more of an answer than this, as received and once decompressed, and
// fails the call at once (not retried) with a message that names the limit. Real node:http servers on 127.0.0.1.
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { gzipSync } from "node:zlib";
import { afterEach, expect, it } from "vitest";
import { createClientWithEnv } from "../src/client.js";
import { APIConnectionError, InvalidArgumentError } from "../src/index.js";

const TOKEN = "sk_test_max_size_0123456789";
const LIMIT = 64 * 1024;
const servers: Array<{ close(): void; closeAllConnections(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

async function serve(handle: RequestListener) {
  let requests = 0;
  const server = createServer((req, res) => {
    requests++;
    handle(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests: () => requests };
}

/** A job whose info makes the answer about `size` bytes of JSON. */
const bigJob = (size: number) =>
  JSON.stringify({ data: { id: "us_jb_1", type: "file", operation: "x", info: "a".repeat(size) } });

async function failure(baseUrl: string, options: { maxResponseSize?: number } = { maxResponseSize: LIMIT }) {
  const client = createClientWithEnv({ token: TOKEN, baseUrl, proxy: false, maxRetries: 2, ...options }, {});
  try {
    return await client.jobs.get("us_jb_1").then(
      () => undefined,
      (error: Error) => error,
    );
  } finally {
    await client.close();
  }
}

const MESSAGE = new RegExp(
  `^GET http://127\\.0\\.0\\.1:\\d+/v1/jobs/us_jb_1: the response body is over ${LIMIT} bytes, the client's maxResponseSize; raise it to read such a body\\.$`,
);

it("refuses a body announced over the limit, at once and without retrying", async () => {
  const api = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(bigJob(LIMIT * 2));
  });
  const error = await failure(api.url);
  expect(error).toBeInstanceOf(APIConnectionError);
  expect(error?.message).toMatch(MESSAGE);
  expect(error?.message).not.toContain(TOKEN);
  expect(api.requests()).toBe(1);
});

it("stops reading a streamed body (no Content-Length) once it passes the limit", async () => {
  const api = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }); // chunked: the size is not said
    const chunk = "a".repeat(16 * 1024);
    let sent = 0;
    const more = () => {
      // Far more than the limit, if the client kept reading.
      while (sent < 1024 && res.write(chunk)) sent++;
      if (sent < 1024) res.once("drain", more);
      else res.end();
    };
    res.write('{"data":{"id":"us_jb_1","info":"');
    more();
  });
  const error = await failure(api.url);
  expect(error).toBeInstanceOf(APIConnectionError);
  expect(error?.message).toMatch(MESSAGE);
  expect(api.requests()).toBe(1);
});

it("refuses a small compressed body that decompresses past the limit", async () => {
  const bomb = gzipSync(Buffer.from(bigJob(LIMIT * 64)));
  expect(bomb.length).toBeLessThan(LIMIT);
  const api = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" }).end(bomb);
  });
  const error = await failure(api.url);
  expect(error).toBeInstanceOf(APIConnectionError);
  expect(error?.message).toMatch(MESSAGE);
  expect(api.requests()).toBe(1);
});

it("reads a body up to the limit, and a large one by default (64 MiB)", async () => {
  const api = await serve((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" }).end(bigJob(LIMIT * 16));
  });
  const client = createClientWithEnv({ token: TOKEN, baseUrl: api.url, proxy: false }, {});
  try {
    expect((await client.jobs.get("us_jb_1")).data.info).toHaveLength(LIMIT * 16);
  } finally {
    await client.close();
  }
});

it("refuses a maxResponseSize that is not a whole number of bytes, never quoting a key", () => {
  const make = (maxResponseSize: unknown) => () =>
    createClientWithEnv({ token: TOKEN, baseUrl: "http://127.0.0.1:9/v1", maxResponseSize } as never, {});
  expect(make(0)).toThrow(new InvalidArgumentError("maxResponseSize must be a whole number, 1 or more, got 0."));
  expect(make("sk_live_wrong_place")).toThrow(/got "\[redacted\]"\.$/);
  expect(make(1.5)).toThrow(/got 1\.5\.$/);
});
