// close() on a runtime whose `undici` is not the undici package: Bun answers `require("undici")` with its own
// module, whose Agent has neither close() nor destroy(). Here undici's Agent is given that shape for the length of
// a test, and the client still closes: it waits for its requests in flight, releases what the Agent does have
// (destroy() when there is no close()), and refuses later calls as any closed client does.
import { request as httpRequest } from "node:http";
import { Agent } from "undici";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createClientWithEnv } from "../src/client.js";
import { APIConnectionError } from "../src/index.js";
import { type ApiServer, startApiServer } from "./local-servers.js";

const TOKEN = "sk_test_close_3b8c1a";
const METHODS = ["close", "destroy"] as const;
const originals = new Map(METHODS.map((name) => [name, Object.getOwnPropertyDescriptor(Agent.prototype, name)]));

/** Gives undici's Agent (and so the client's own dispatcher) no `names` methods, as Bun's Agent has none. */
function withoutMethods(...names: Array<(typeof METHODS)[number]>): void {
  for (const name of names) Object.defineProperty(Agent.prototype, name, { value: undefined, configurable: true });
}

let server: ApiServer;
beforeAll(async () => {
  server = await startApiServer();
});
afterEach(() => {
  for (const [name, descriptor] of originals) {
    if (descriptor) Object.defineProperty(Agent.prototype, name, descriptor);
    else delete (Agent.prototype as unknown as Record<string, unknown>)[name];
  }
});
afterAll(async () => {
  await server?.close();
});

describe("close() with a dispatcher that has no close()", () => {
  it("resolves when the Agent has neither close() nor destroy() (Bun), after the requests in flight", async () => {
    withoutMethods("close", "destroy");
    // The server holds the client's request until a second one arrives, so it is in flight when close() is called.
    const held = await startApiServer({ holdUntil: 2 });
    try {
      const client = createClientWithEnv({ token: TOKEN, baseUrl: held.url, maxRetries: 0 }, {});
      const settled: string[] = [];
      const call = client.jobs.list().then(() => void settled.push("call"));
      // Handled here too, so a failure below does not leave it rejecting unseen when the server closes.
      call.catch(() => undefined);
      await held.received(1);
      const closed = client.close().then(() => void settled.push("close"));
      // A turn of the event loop, in which a close() that did not wait for the request would have resolved.
      await new Promise((resolve) => setImmediate(resolve));
      settled.push("answered");
      await release(held.url);
      await Promise.all([call, closed]);
      // close() resolved only once the server had answered, and the request in flight was not cut off.
      expect(settled[0]).toBe("answered");
      expect([...settled].sort()).toEqual(["answered", "call", "close"]);
      const error = await client.jobs.list().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(APIConnectionError);
      expect((error as Error).message).toMatch(/this client was closed with close\(\)/);
      // Closing twice is fine too.
      await client.close();
    } finally {
      await held.close();
    }
  });

  it("destroys the Agent instead when it has destroy() but no close(), so its connections are closed", async () => {
    withoutMethods("close");
    const client = createClientWithEnv({ token: TOKEN, baseUrl: server.url }, {});
    await client.jobs.list();
    expect(server.connections()).toBeGreaterThan(0);
    await client.close();
    await server.allClosed();
    await expect(client.jobs.list()).rejects.toThrow(/this client was closed with close\(\)/);
  });
});

/** Sends one request of its own to `url` on a connection closed afterwards, so `allClosed` is not held by it. */
function release(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${url}/jobs`, { agent: false }, (res) => {
      res.resume();
      res.on("end", resolve);
    });
    req.on("error", reject);
    req.end();
  });
}
