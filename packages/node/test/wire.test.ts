// What the Node client does on the wire besides sending the request, as Node's fetch would: it asks for a
// compressed body and reads gzip, deflate and br; it follows redirects, turning a 303 (and a POST's 301/302) into a
// GET and keeping the token from any other origin; and it stops after 20 redirects. Real node:http servers on
// 127.0.0.1.
import { createServer, type IncomingHttpHeaders, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { createClientWithEnv } from "../src/client.js";
import { APIConnectionError } from "../src/index.js";

const TOKEN = "sk_test_wire_0123456789";
const JOB = { data: { id: "us_jb_1", type: "file", operation: "extract", status: "complete" } };

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
}

const servers: Array<{ close(): void; closeAllConnections(): void }> = [];
afterEach(() => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    server.close();
  }
});

/** A server on a free port that records each request (with its body) and answers with `handle`. */
async function serve(handle: (seen: Seen, respond: Parameters<RequestListener>[1]) => void) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const request = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body };
      seen.push(request);
      handle(request, res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const client = (origin: string) =>
  createClientWithEnv({ token: TOKEN, baseUrl: `${origin}/v1`, proxy: false, maxRetries: 0 }, {});

describe("compressed bodies", () => {
  const encodings: Record<string, (data: Buffer) => Buffer> = {
    gzip: gzipSync,
    deflate: deflateSync,
    "deflate (raw)": deflateRawSync,
    br: brotliCompressSync,
  };
  it.each(Object.entries(encodings))("%s is asked for and read", async (name, compress) => {
    const api = await serve((_seen, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": name.split(" ")[0] as string });
      res.end(compress(Buffer.from(JSON.stringify(JOB))));
    });
    const jobs = client(api.url);
    await expect(jobs.jobs.get("us_jb_1")).resolves.toEqual(JOB);
    expect(api.seen[0]?.headers["accept-encoding"]).toBe("gzip, deflate, br");
    expect(api.seen[0]?.headers.accept).toBe("*/*");
    await jobs.close();
  });

  it("a body that does not decompress is a connection error naming the cause, not garbage", async () => {
    const api = await serve((_seen, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end("not gzip at all");
    });
    const jobs = client(api.url);
    const error = await jobs.jobs.get("us_jb_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    // Said as it is, and not retried: no second attempt can decode it either.
    expect((error as Error).message).toBe(
      `GET ${api.url}/v1/jobs/us_jb_1: the server answered with a body encoded as gzip, which this runtime cannot decode.`,
    );
    await jobs.close();
  });
});

describe("redirects", () => {
  it("a GET follows a 307 on the same origin, with the token", async () => {
    const api = await serve((seen, res) => {
      if (seen.url === "/v1/jobs/us_jb_1") res.writeHead(307, { location: "/v2/jobs/us_jb_1" }).end();
      else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(JOB));
    });
    const jobs = client(api.url);
    await expect(jobs.jobs.get("us_jb_1")).resolves.toEqual(JOB);
    expect(api.seen.map((s) => [s.method, s.url, s.headers.authorization])).toEqual([
      ["GET", "/v1/jobs/us_jb_1", `Bearer ${TOKEN}`],
      ["GET", "/v2/jobs/us_jb_1", `Bearer ${TOKEN}`],
    ]);
    await jobs.close();
  });

  it("a 308 keeps the method and body; a 303 becomes a GET without them", async () => {
    const api = await serve((seen, res) => {
      if (seen.url === "/v1/jobs/us_jb_1/ack") res.writeHead(308, { location: "/moved/ack" }).end();
      else if (seen.url === "/moved/ack") res.writeHead(303, { location: "/done" }).end();
      else res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(JOB));
    });
    const jobs = client(api.url);
    await expect(jobs.jobs.ack("us_jb_1", { info: "started" })).resolves.toEqual(JOB);
    expect(api.seen.map((s) => [s.method, s.url, s.body, s.headers["content-type"]])).toEqual([
      ["POST", "/v1/jobs/us_jb_1/ack", '{"info":"started"}', "application/json"],
      ["POST", "/moved/ack", '{"info":"started"}', "application/json"],
      ["GET", "/done", "", undefined],
    ]);
    await jobs.close();
  });

  it("the token never follows a redirect to another origin", async () => {
    const other = await serve((_seen, res) => {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(JOB));
    });
    const api = await serve((_seen, res) => {
      res.writeHead(302, { location: `${other.url}/elsewhere` }).end();
    });
    const jobs = client(api.url);
    await expect(jobs.jobs.get("us_jb_1")).resolves.toEqual(JOB);
    expect(api.seen[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(other.seen).toHaveLength(1);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    expect(JSON.stringify(other.seen)).not.toContain(TOKEN);
    await jobs.close();
  });

  it("stops after 20 redirects with a connection error that says so", async () => {
    const api = await serve((seen, res) => {
      res.writeHead(302, { location: `/loop/${Number(seen.url.split("/").pop()) + 1 || 1}` }).end();
    });
    const jobs = client(api.url);
    const error = await jobs.jobs.get("us_jb_1").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toBe(`GET ${api.url}/v1/jobs/us_jb_1: too many redirects.`);
    expect(api.seen).toHaveLength(21);
    await jobs.close();
  });
});

describe("the debug log", () => {
  it("shows the response body, and the call still gets it whole", async () => {
    const api = await serve((_seen, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
      res.end(gzipSync(Buffer.from(JSON.stringify(JOB))));
    });
    const lines: string[] = [];
    const log = (line: string) => void lines.push(line);
    const jobs = createClientWithEnv(
      {
        token: TOKEN,
        baseUrl: `${api.url}/v1`,
        proxy: false,
        logger: { debug: log, info: log, warn: log, error: log },
        logLevel: "debug",
      },
      {},
    );
    await expect(jobs.jobs.get("us_jb_1")).resolves.toEqual(JOB);
    expect(lines).toContain(`[flatfile-jobs]   body ${JSON.stringify(JOB)}`);
    await jobs.close();
  });
});
