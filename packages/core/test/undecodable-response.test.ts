// Answers that no retry can mend, from a real server on 127.0.0.1: a body in a Content-Encoding this runtime cannot
// decode, and a redirect loop. Each fails at once, saying what happened, instead of "Could not reach the Jobs
// API … check the network" after retries; and never with the token.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { APIConnectionError, createJobsClient, InvalidResponseError, type RetryInfo } from "../src/index.js";

const TOKEN = "sk_test_undecodable_7a3f";
const BODY = JSON.stringify({ data: { id: "us_jb_1", type: "file", operation: "op", source: "us_fl_1" } });

/** How the server answers every request (the path is the same for each). */
let answer: "not-gzip" | "compress" | "redirect-loop" = "not-gzip";
let requests = 0;
let server: Server;
let baseUrl: string;
beforeAll(async () => {
  server = createServer((req, res) => {
    requests++;
    if (answer === "redirect-loop") {
      res.writeHead(302, { location: req.url ?? "/" });
      res.end();
    } else if (answer === "not-gzip") {
      // Announced as gzip, but plain JSON: no gzip decoder can read it.
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(BODY);
    } else {
      // An encoding that fetch implementations do not decode (Unix `compress`): the bytes here are not JSON.
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "compress" });
      res.end(Buffer.from([0x1f, 0x9d, 0x90, 0x7b, 0x22, 0x01, 0x02, 0x03, 0xff, 0xfe]));
    }
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
});

async function failure(): Promise<{ error: Error; retries: RetryInfo[] }> {
  const retries: RetryInfo[] = [];
  const client = createJobsClient({
    token: TOKEN,
    baseUrl,
    retryBackoff: { initialDelay: 1, maxDelay: 2 },
    onRetry: (info) => void retries.push(info),
  });
  const error = await client.jobs.get("us_jb_1").then(
    () => {
      throw new Error("expected the call to fail");
    },
    (e: Error) => e,
  );
  expect(JSON.stringify(error)).not.toContain(TOKEN);
  expect(String(error.message)).not.toContain(TOKEN);
  return { error, retries };
}

describe("answers no retry can mend", () => {
  it("a body that cannot be decoded from its Content-Encoding fails at once, naming the encoding", async () => {
    answer = "not-gzip";
    const { error, retries } = await failure();
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(
      `GET ${baseUrl}/jobs/us_jb_1: the server answered with a body encoded as gzip, which this runtime cannot decode.`,
    );
    expect(error.message).not.toMatch(/Could not reach|network/);
    expect(retries).toEqual([]);
    expect(requests).toBe(1);
  });

  it("a body in an encoding fetch passes through undecoded fails at once as a body that is not JSON", async () => {
    answer = "compress";
    const { error, retries } = await failure();
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.message).toMatch(/^200 to GET \/jobs\/us_jb_1, but the body is not JSON/);
    expect(retries).toEqual([]);
    expect(requests).toBe(1);
  });

  it("a redirect loop fails at once, saying so and naming the URL", async () => {
    answer = "redirect-loop";
    const { error, retries } = await failure();
    expect(error).toBeInstanceOf(APIConnectionError);
    expect(error.message).toBe(`GET ${baseUrl}/jobs/us_jb_1: too many redirects.`);
    expect(error.message).not.toMatch(/Could not reach|network/);
    expect(retries).toEqual([]);
  });
});

describe("a fetch that says why an answer cannot be used", () => {
  it("is taken at its word: an error with retryable: false and a reason, here or among its causes", async () => {
    let calls = 0;
    const reason = "the answer came from a captive portal, not the API";
    const client = createJobsClient({
      token: TOKEN,
      baseUrl: "https://jobs.example.test/v1",
      fetch: async () => {
        calls++;
        throw new TypeError("fetch failed", { cause: Object.assign(new Error(reason), { retryable: false, reason }) });
      },
    });
    const error = await client.jobs.get("us_jb_1").catch((e: Error) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(`GET https://jobs.example.test/v1/jobs/us_jb_1: ${reason}.`);
    expect(calls).toBe(1);
  });
});
