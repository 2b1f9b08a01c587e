// Proxies, through a real forward proxy on 127.0.0.1 (the `proxy` package): the `proxy` option and the
// HTTP(S)_PROXY / NO_PROXY variables (lowercase too), CONNECT tunnels that keep the token from the proxy, proxy
// credentials, failures, and invalid proxy URLs. In-process clients read an environment given to them; the
// HTTPS cases run the built package in a child process that trusts a certificate made for the test.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { format, inspect, promisify } from "node:util";
import getPort from "get-port";
import { generate as generateCertificate } from "selfsigned";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createClientWithEnv, type JobsClientOptions } from "../src/client.js";
import type { Env } from "../src/env.js";
import { APIConnectionError, InvalidArgumentError, type RetryInfo } from "../src/index.js";
import { type ApiServer, type ProxyServer, startApiServer, startProxy } from "./local-servers.js";

const TOKEN = "sk_test_proxy_SECRETtoken4242";
const SECRET_PART = "SECRETtoken4242";
const PROXY_PASSWORD = "p@ss:w0rd/SECRETproxy";

let api: ApiServer;
let proxy: ProxyServer;
let authProxy: ProxyServer;
let closedPort: number;

beforeAll(async () => {
  [api, proxy, authProxy, closedPort] = await Promise.all([
    startApiServer(),
    startProxy(),
    startProxy({ credentials: `jobs-bot:${PROXY_PASSWORD}` }),
    getPort({ host: "127.0.0.1" }),
  ]);
});
afterAll(async () => {
  await Promise.all([api?.close(), proxy?.close(), authProxy?.close()]);
});

/** Runs `calls` list calls through a client that sees `env`, then closes it. */
async function listThrough(env: Env, options: JobsClientOptions = {}, calls = 1): Promise<void> {
  const client = createClientWithEnv({ token: TOKEN, baseUrl: api.url, ...options }, env);
  try {
    for (let i = 0; i < calls; i++) await client.jobs.list();
  } finally {
    await client.close();
  }
}

/** What `run` made the proxy and the API see. */
async function observe(target: ProxyServer, run: () => Promise<unknown>) {
  const before = { connections: target.connections(), connects: target.connects().length, api: api.requests().length };
  const result = await run();
  return {
    result,
    proxyConnections: target.connections() - before.connections,
    connects: target.connects().slice(before.connects),
    forwarded: target.forwarded(),
    apiRequests: api.requests().slice(before.api),
  };
}

describe("the proxy option", () => {
  it("tunnels every call through one CONNECT; the proxy never sees the Authorization header", async () => {
    const seen = await observe(proxy, () => listThrough({}, { proxy: proxy.url }, 3));
    expect(seen.connects.map((r) => `${r.method} ${r.url}`)).toEqual([`CONNECT ${api.host}`]);
    expect(seen.forwarded).toEqual([]);
    for (const request of seen.connects) {
      expect(Object.keys(request.headers)).not.toContain("authorization");
      expect(JSON.stringify(request.headers)).not.toContain(SECRET_PART);
    }
    // The API did get the token, three times, through the tunnel.
    expect(seen.apiRequests.map((r) => r.headers.authorization)).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
  });

  it("sends the URL's credentials, percent-decoded, as Proxy-Authorization on the CONNECT only, and logs neither", async () => {
    const url = new URL(authProxy.url);
    url.username = "jobs-bot";
    url.password = encodeURIComponent(PROXY_PASSWORD);
    const lines: string[] = [];
    const log = (...args: unknown[]) => void lines.push(format(...args));
    const logger = { debug: log, info: log, warn: log, error: log };
    const seen = await observe(authProxy, () => listThrough({}, { proxy: url.href, logger, logLevel: "debug" }));
    expect(seen.connects.map((r) => r.headers["proxy-authorization"])).toEqual([
      `Basic ${Buffer.from(`jobs-bot:${PROXY_PASSWORD}`).toString("base64")}`,
    ]);
    expect(seen.apiRequests.map((r) => r.headers["proxy-authorization"])).toEqual([undefined]);
    expect(lines.join("\n")).toContain("authorization: [redacted]");
    for (const secret of ["SECRETproxy", url.password, SECRET_PART]) expect(lines.join("\n")).not.toContain(secret);
  });

  it("wrong proxy credentials fail at once with an error that names the proxy, quoting neither password nor token", async () => {
    const url = new URL(authProxy.url);
    url.username = "jobs-bot";
    url.password = "SECRETwrong";
    const retries: RetryInfo[] = [];
    const seen = await observe(authProxy, async () => {
      const options = { proxy: url.href, maxRetries: 5, onRetry: (info: RetryInfo) => void retries.push(info) };
      return listThrough({}, options).catch((caught: unknown) => caught);
    });
    const error = seen.result;
    expect(error).toBeInstanceOf(APIConnectionError);
    // The same credentials would be refused again: one CONNECT, no retries.
    expect(error).toMatchObject({ attempts: 1 });
    expect(retries).toEqual([]);
    expect(seen.connects).toHaveLength(1);
    expect((error as Error).message).toMatch(
      /the proxy asked for credentials \(status 407\); check the user name and password in the proxy URL/,
    );
    for (const text of [(error as Error).message, inspect(error, { depth: 20 }), JSON.stringify(error)]) {
      expect(text).not.toContain("SECRETwrong");
      expect(text).not.toContain(SECRET_PART);
    }
  });

  it("a proxy that is down: the connection is refused, so even a POST is retried, then fails", async () => {
    const retries: RetryInfo[] = [];
    const client = createClientWithEnv(
      {
        token: TOKEN,
        baseUrl: api.url,
        proxy: `http://jobs-bot:SECRETproxy@127.0.0.1:${closedPort}`,
        maxRetries: 1,
        retryBackoff: { initialDelay: 5, maxDelay: 5 },
        onRetry: (info) => void retries.push(info),
      },
      {},
    );
    const error = await client.jobs
      .create({ type: "file", operation: "extract", source: "us_fl_1" })
      .catch((caught: unknown) => caught);
    await client.close();
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/ECONNREFUSED/);
    expect(inspect(error, { depth: 20 })).not.toContain("SECRETproxy");
    expect(retries.map((r) => r.reason)).toEqual(["connection refused"]);
  });
});

describe("HTTP_PROXY, HTTPS_PROXY and NO_PROXY", () => {
  it("HTTP_PROXY carries http:// calls, through a CONNECT tunnel", async () => {
    const seen = await observe(proxy, () => listThrough({ HTTP_PROXY: proxy.url }));
    expect(seen.connects.map((r) => `${r.method} ${r.url}`)).toEqual([`CONNECT ${api.host}`]);
    expect(seen.apiRequests).toHaveLength(1);
  });

  it("the lowercase names work too, and win over the uppercase ones", async () => {
    const broken = `http://127.0.0.1:${closedPort}`;
    const seen = await observe(proxy, () => listThrough({ http_proxy: proxy.url, HTTP_PROXY: broken }));
    expect(seen.connects).toHaveLength(1);
    const direct = await observe(proxy, () =>
      listThrough({ http_proxy: proxy.url, no_proxy: "127.0.0.1", NO_PROXY: "example.com" }),
    );
    expect(direct.proxyConnections).toBe(0);
    expect(direct.apiRequests).toHaveLength(1);
  });

  it("NO_PROXY: a listed host (or host:port) is reached directly, and the proxy sees nothing", async () => {
    for (const noProxy of ["127.0.0.1", "example.com, 127.0.0.1", api.host, "*"]) {
      const seen = await observe(proxy, () => listThrough({ HTTP_PROXY: proxy.url, NO_PROXY: noProxy }));
      expect({ noProxy, proxyConnections: seen.proxyConnections }).toEqual({ noProxy, proxyConnections: 0 });
      expect(seen.apiRequests).toHaveLength(1);
    }
    // Another port of the same host is still proxied.
    const other = await observe(proxy, () => listThrough({ HTTP_PROXY: proxy.url, NO_PROXY: "127.0.0.1:1" }));
    expect(other.connects).toHaveLength(1);
  });

  it("HTTPS_PROXY alone leaves http:// calls direct", async () => {
    const seen = await observe(proxy, () => listThrough({ HTTPS_PROXY: proxy.url }));
    expect(seen.proxyConnections).toBe(0);
    expect(seen.apiRequests).toHaveLength(1);
  });

  it("the proxy option beats the variables, proxy: false ignores them, and so does a fetch of your own", async () => {
    const broken = { HTTP_PROXY: `http://127.0.0.1:${closedPort}` };
    expect((await observe(proxy, () => listThrough(broken, { proxy: proxy.url }))).connects).toHaveLength(1);

    const viaProxy = { HTTP_PROXY: proxy.url };
    expect((await observe(proxy, () => listThrough(viaProxy, { proxy: false }))).proxyConnections).toBe(0);

    let fetched = 0;
    const fetch = async (url: string, init: RequestInit) => {
      fetched += 1;
      return globalThis.fetch(url, init);
    };
    expect((await observe(proxy, () => listThrough(viaProxy, { fetch }))).proxyConnections).toBe(0);
    expect(fetched).toBe(1);
  });
});

describe("invalid proxy URLs", () => {
  const cases: Array<[string, JobsClientOptions, Env, RegExp]> = [
    [
      "no scheme",
      { proxy: "proxy.corp.example:3128" },
      {},
      /^the proxy option has no scheme: it must start with http:\/\//,
    ],
    [
      "no scheme, with credentials",
      {},
      { HTTPS_PROXY: "jobs-bot:SECRETpw@proxy.corp.example:3128" },
      /^HTTPS_PROXY has no scheme/,
    ],
    [
      "SOCKS",
      {},
      { https_proxy: "socks5://jobs-bot:SECRETpw@127.0.0.1:1080" },
      /^https_proxy is a socks5:\/\/ URL; only http:\/\/ and https:\/\/ proxies are supported/,
    ],
    ["not a URL", {}, { HTTP_PROXY: "http://jobs-bot:SECRETpw@[::1" }, /^HTTP_PROXY is not a valid URL/],
    [
      "user name only",
      { proxy: "http://SECRETpw@proxy.corp.example:3128" },
      {},
      /^the proxy option has a user name without a password/,
    ],
    [
      "broken percent-encoding",
      { proxy: "http://jobs-bot:SECRETpw%zz@proxy.corp.example:3128" },
      {},
      /^the proxy option has a "%" in its credentials that is not percent-encoding/,
    ],
    ["not a string", { proxy: 3128 as unknown as string }, {}, /^the proxy option must be a URL string/],
  ];

  it.each(cases)(
    "%s: InvalidArgumentError when the client is created, saying how to fix it",
    (_name, options, env, message) => {
      let error: unknown;
      try {
        createClientWithEnv({ token: TOKEN, baseUrl: api.url, ...options }, env);
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(InvalidArgumentError);
      const text = `${(error as Error).message}\n${(error as Error).stack}\n${inspect(error, { depth: 20 })}`;
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toContain('e.g. "http://proxy.example.com:3128", with "user:password@"');
      expect(text).not.toContain("SECRETpw");
    },
  );

  it("a variable that does not apply is not read: with a proxy, proxy: false, a dispatcher or a fetch", () => {
    const env = { HTTPS_PROXY: "not a url", HTTP_PROXY: "socks5://127.0.0.1:1080" };
    expect(() => createClientWithEnv({ token: TOKEN, proxy: false }, env)).not.toThrow();
    expect(() => createClientWithEnv({ token: TOKEN, proxy: proxy.url }, env)).not.toThrow();
    expect(() => createClientWithEnv({ token: TOKEN, fetch: globalThis.fetch }, env)).not.toThrow();
    expect(() => createClientWithEnv({ token: TOKEN }, env)).toThrow(/HTTP_PROXY is a socks5:\/\/ URL/);
  });
});

describe("HTTPS through the proxy, as a program sees it", () => {
  const dist = fileURLToPath(new URL("../dist/index.mjs", import.meta.url));
  let dir: string;
  let certFile: string;
  let tls: { key: string; cert: string };
  let secureApi: ApiServer;

  beforeAll(async () => {
    // A throwaway self-signed certificate for 127.0.0.1; the child process trusts it via NODE_EXTRA_CA_CERTS.
    dir = await mkdtemp(join(tmpdir(), "flatfile-jobs-proxy-test-"));
    certFile = join(dir, "cert.pem");
    const made = await generateCertificate([{ name: "commonName", value: "127.0.0.1" }], {
      keyType: "ec",
      curve: "P-256",
      notAfterDate: new Date(Date.now() + 86_400_000),
      extensions: [{ name: "subjectAltName", altNames: [{ type: 7, ip: "127.0.0.1" }] }],
    });
    tls = { key: made.private, cert: made.cert };
    await writeFile(certFile, made.cert);
    secureApi = await startApiServer({ tls });
  });
  afterAll(async () => {
    await secureApi?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  /** Runs 3 calls with `createJobsClient()` in a child process whose environment names the proxy. */
  async function runChild(env: Record<string, string>): Promise<string> {
    const program = `
      const { createJobsClient } = await import(${JSON.stringify(dist)});
      const client = createJobsClient({ baseUrl: ${JSON.stringify(secureApi.url)} });
      for (let i = 0; i < 3; i++) await client.jobs.list();
      await client.close();
      console.log("ok");
    `;
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", program], {
      env: { PATH: process.env.PATH, NODE_EXTRA_CA_CERTS: certFile, FLATFILE_API_KEY: TOKEN, ...env },
      timeout: 20_000,
    });
    return stdout.trim();
  }

  it.each([
    ["HTTPS_PROXY, an http:// proxy", "HTTPS_PROXY", false],
    ["HTTPS_PROXY, an https:// proxy", "HTTPS_PROXY", true],
    ["HTTP_PROXY alone (used for https:// too)", "HTTP_PROXY", false],
  ])("%s: one CONNECT, and the tunnel carries only TLS, never the token", async (_name, variable, secure) => {
    const target = await startProxy(secure ? { tls } : {});
    try {
      const before = secureApi.requests().length;
      expect(await runChild({ [variable]: target.url })).toBe("ok");
      expect(target.connects().map((r) => `${r.method} ${r.url}`)).toEqual([`CONNECT ${secureApi.host}`]);
      expect(target.forwarded()).toEqual([]);
      const tunnelled = target.tunnelled();
      expect(tunnelled[0]).toBe(0x16); // a TLS handshake record: the client spoke TLS to the API, not HTTP
      expect(tunnelled.includes(SECRET_PART)).toBe(false);
      expect(tunnelled.includes("Bearer")).toBe(false);
      expect(
        secureApi
          .requests()
          .slice(before)
          .map((r) => r.headers.authorization),
      ).toEqual(Array(3).fill(`Bearer ${TOKEN}`));
    } finally {
      await target.close();
    }
  });

  it("NO_PROXY sends the calls straight to the API; the proxy gets no connection at all", async () => {
    const target = await startProxy();
    try {
      expect(await runChild({ HTTPS_PROXY: target.url, NO_PROXY: "localhost,127.0.0.1" })).toBe("ok");
      expect(target.connections()).toBe(0);
    } finally {
      await target.close();
    }
  });
});
