// Connection reuse, judged by the TCP connections a real server on 127.0.0.1 accepted: the default keep-alive
// Agent, keepAlive: false and its settings, a dispatcher brought by the caller, close(), aborts through undici's
// fetch, and when undici is loaded. (That the flatfile-jobs command exits with idle connections open is tested in
// packages/cli.)
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { Agent, type Dispatcher } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClientWithEnv, createCoreWithEnv, type JobsClientOptions } from "../src/client.js";
import { APIConnectionError, InvalidArgumentError, listJobs, type RetryInfo } from "../src/index.js";
import { type ApiServer, startApiServer } from "./local-servers.js";

const TOKEN = "sk_test_keepalive_5d7e9f";
const CALLS = 25;

/** A client that sees an environment without proxy variables, whatever the machine has. */
const client = (options: JobsClientOptions) => createClientWithEnv({ token: TOKEN, ...options }, {});

let server: ApiServer;
const opened: Array<{ close(): Promise<void> }> = [];
beforeAll(async () => {
  server = await startApiServer();
});
afterEach(async () => {
  await Promise.all(opened.splice(0).map((c) => c.close()));
});
afterAll(async () => {
  await server?.close();
});

/** A client closed after the test. */
function track<T extends { close(): Promise<void> }>(value: T): T {
  opened.push(value);
  return value;
}

/** Connections the server accepted while `run` ran. */
async function connectionsDuring(run: () => Promise<unknown>): Promise<number> {
  const before = server.connections();
  await run();
  return server.connections() - before;
}

describe("connection reuse", () => {
  it(`by default, ${CALLS} calls one after another share one connection`, async () => {
    const jobs = track(client({ baseUrl: server.url })).jobs;
    const before = server.requests().length;
    const connections = await connectionsDuring(async () => {
      for (let i = 0; i < CALLS; i++) await jobs.list();
    });
    expect(server.requests().length - before).toBe(CALLS);
    expect(connections).toBe(1);
  });

  it("createJobsCore, for the operation functions, reads the environment and shares one connection too", async () => {
    const core = track(createCoreWithEnv({}, { FLATFILE_API_KEY: TOKEN, FLATFILE_API_URL: server.url }));
    const before = server.requests().length;
    const connections = await connectionsDuring(async () => {
      for (let i = 0; i < CALLS; i++) await listJobs(core);
    });
    const sent = server.requests().slice(before);
    expect(sent).toHaveLength(CALLS);
    expect(sent.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expect(connections).toBe(1);
  });

  it("keepAlive: false opens a new connection for every call", async () => {
    const jobs = track(client({ baseUrl: server.url, keepAlive: false })).jobs;
    const connections = await connectionsDuring(async () => {
      for (let i = 0; i < CALLS; i++) await jobs.list();
    });
    expect(connections).toBe(CALLS);
    expect(server.requests().at(-1)?.headers.connection).toBe("close");
  });

  it("concurrent calls open connections side by side; keepAlive.connections caps them", async () => {
    const held = await startApiServer({ holdUntil: 4 });
    try {
      const parallel = track(client({ baseUrl: held.url })).jobs;
      // The server answers only once all four are waiting, so this resolves only if they went out together.
      await Promise.all([1, 2, 3, 4].map(() => parallel.list()));
      expect(held.connections()).toBe(4);
    } finally {
      await held.close();
    }
    const capped = track(client({ baseUrl: server.url, keepAlive: { connections: 1 } })).jobs;
    const connections = await connectionsDuring(() => Promise.all([1, 2, 3, 4].map(() => capped.list())));
    expect(connections).toBe(1);
  });

  it("keepAlive settings are checked when the client is created", () => {
    const create = (keepAlive: unknown) => () => client({ baseUrl: server.url, keepAlive: keepAlive as boolean });
    expect(create({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 60_000, connections: 8 })).not.toThrow();
    expect(create({ keepAliveTimeout: 0 })).toThrow(
      "keepAlive.keepAliveTimeout must be a number of milliseconds from 1 to 2147483647 (about 24.8 days), got 0.",
    );
    expect(create({ keepAliveMaxTimeout: 2 ** 31 })).toThrow(/keepAliveMaxTimeout must be .* got 2147483648\./);
    expect(create({ connections: 1.5 })).toThrow("keepAlive.connections must be a whole number, 1 or more, got 1.5.");
    expect(create({ pipelining: 2 })).toThrow(
      /^keepAlive has no option "pipelining"\. Its options are keepAliveTimeout, .*pass your own dispatcher/,
    );
    expect(create("yes")).toThrow(InvalidArgumentError);
  });
});

describe("a dispatcher of your own", () => {
  it("carries every request, and close() leaves it open for other clients", async () => {
    let dispatched = 0;
    // An undici Agent that counts the requests it carries.
    const dispatcher = new Agent().compose((dispatch) => (options, handler) => {
      dispatched += 1;
      return dispatch(options, handler);
    });
    try {
      const before = server.requests().length;
      const first = client({ baseUrl: server.url, dispatcher });
      await first.jobs.list();
      await first.close();
      // The same dispatcher still works after the first client was closed.
      await client({ baseUrl: server.url, dispatcher }).jobs.list();
      expect(server.requests().length - before).toBe(2);
      expect(dispatched).toBe(2);
    } finally {
      await dispatcher.close();
    }
  });

  it("cannot be combined with keepAlive or proxy, nor any of them with fetch", () => {
    const dispatcher = new Agent();
    const fetch = async () => Response.json({});
    expect(() => client({ baseUrl: server.url, dispatcher, keepAlive: false })).toThrow(
      /dispatcher cannot be combined with keepAlive/,
    );
    expect(() => client({ baseUrl: server.url, dispatcher, proxy: "http://127.0.0.1:3128" })).toThrow(
      /dispatcher cannot be combined with proxy/,
    );
    expect(() => client({ baseUrl: server.url, fetch, keepAlive: false })).toThrow(
      /fetch cannot be combined with keepAlive/,
    );
    expect(() => client({ baseUrl: server.url, dispatcher: {} as Dispatcher })).toThrow(
      /dispatcher must be an undici dispatcher/,
    );
    return dispatcher.close();
  });
});

describe("close()", () => {
  it("closes the connections the client opened; a later call fails at once saying why, and nothing is sent", async () => {
    const retries: RetryInfo[] = [];
    const own = client({ baseUrl: server.url, maxRetries: 5, onRetry: (info) => void retries.push(info) });
    await own.jobs.list();
    const sent = server.requests().length;
    await own.close();
    await server.allClosed();
    const error = await own.jobs.list().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(APIConnectionError);
    // It says what happened and what to do, and does not send the caller looking at the URL or the network.
    expect((error as Error).message).toBe(
      "Could not reach the Jobs API (GET /jobs): this client was closed with close(); create a new client to send more requests.",
    );
    // A read is retried after a connection error, but not this one: a closed client stays closed.
    expect(error).toMatchObject({ attempts: 1 });
    expect(retries).toEqual([]);
    expect(server.requests().length).toBe(sent);
    // Closing twice, or a client that never sent anything, is fine.
    await own.close();
    await client({ baseUrl: server.url }).close();
  });
});

describe("aborts and timeouts through undici's fetch", () => {
  const dist = fileURLToPath(new URL("../dist/index.mjs", import.meta.url));

  it("an abort, and a timeout, still reach a request in flight after garbage collection", async () => {
    // A server that never answers; only the client can end the request. The child starts two calls and forces
    // collections while they wait. Once the server holds both requests it tells the child (on stdin) to abort one;
    // the other times out. Nothing here depends on how long the child takes to start or to send.
    const stalled = await startApiServer({ holdUntil: Number.POSITIVE_INFINITY });
    try {
      const script = `
        const { createJobsClient } = await import(${JSON.stringify(dist)});
        const client = createJobsClient({ token: "sk_x", baseUrl: ${JSON.stringify(stalled.url)}, maxRetries: 0, proxy: false });
        const controller = new AbortController();
        const aborted = client.jobs.list({}, { signal: controller.signal }).catch((e) => e.name);
        const timedOut = client.jobs.get("us_jb_1", { timeout: 3000 }).catch((e) => e.name);
        for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
        await new Promise((r) => process.stdin.once("data", r));
        globalThis.gc();
        controller.abort();
        console.log(await aborted, await timedOut);
        await client.close();
      `;
      const running = promisify(execFile)(process.execPath, ["--expose-gc", "--input-type=module", "-e", script], {
        timeout: 20_000,
      });
      // A child that fails before both requests arrive ends the race with its error.
      await Promise.race([stalled.received(2), running]);
      running.child.stdin?.end("abort\n");
      const { stdout } = await running;
      expect(stdout.trim()).toBe("APIUserAbortError APIConnectionTimeoutError");
      expect(
        stalled
          .requests()
          .map((r) => r.url)
          .sort(),
      ).toEqual(["/v1/jobs", "/v1/jobs/us_jb_1"]);
    } finally {
      await stalled.close();
    }
  });
});

describe("loading undici", () => {
  const dist = fileURLToPath(new URL("../dist/index.mjs", import.meta.url));

  it("happens when the first client is created, not on import and not in a request's timeout", async () => {
    // Loading undici takes 0.1 s and more; inside the first request it would count against that request's timeout.
    const script = `
      import { createRequire } from "node:module";
      const loaded = () => Object.keys(createRequire(import.meta.url).cache).some((f) => /[\\/]undici[\\/]index\\.js$/.test(f));
      const { createJobsClient } = await import(${JSON.stringify(dist)});
      const seen = [loaded()];
      createJobsClient({ token: "sk_x", baseUrl: "http://127.0.0.1:9/v1", fetch: globalThis.fetch });
      seen.push(loaded());
      createJobsClient({ token: "sk_x", baseUrl: "http://127.0.0.1:9/v1" });
      seen.push(loaded());
      console.log(JSON.stringify(seen));
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      timeout: 20_000,
    });
    // After import, after a client with its own fetch, after a client of its own.
    expect(JSON.parse(stdout)).toEqual([false, false, true]);
  });
});
