// The fetch the Node client sends with: undici's dispatcher API on an undici dispatcher (a keep-alive Agent, a
// ProxyAgent for `proxy`, an EnvHttpProxyAgent for HTTP(S)_PROXY, or the caller's), never Node's global fetch,
// whose bundled undici is another major version on Node 20 and 22.
import { createRequire } from "node:module";
import { type Fetch, InvalidArgumentError } from "@flatfile-jobs/core";
import type * as Undici from "undici";
import type { Dispatcher } from "undici";
import { type Env, proxyFromEnv } from "./env.js";
import { send } from "./send.js";

/** Connection reuse settings; see `keepAlive`. */
export interface KeepAliveOptions {
  /**
   * How long an idle connection stays open for the next request, in milliseconds. A server that answers
   * `Keep-Alive: timeout=N` sets it instead (N seconds less 2 s), up to `keepAliveMaxTimeout`.
   * @default 4000
   */
  keepAliveTimeout?: number;
  /**
   * The longest idle time a server's `Keep-Alive` header can set, in milliseconds.
   * @default 600000
   */
  keepAliveMaxTimeout?: number;
  /**
   * The most connections open at once to one origin; further requests wait for a free one.
   * @default no limit
   */
  connections?: number;
}

/** How the Node client connects. None of these may be combined with `fetch`, nor `dispatcher` with the others. */
export interface ConnectionOptions {
  /**
   * Keep connections open between requests and reuse them (`true`, or settings); `false` opens a new connection
   * for every request.
   * @default true
   */
  keepAlive?: boolean | KeepAliveOptions;
  /**
   * An undici 7 dispatcher (`Agent`, `ProxyAgent`, `EnvHttpProxyAgent`, `MockAgent`, …) to send every request
   * through. The client never closes it. HTTP(S)_PROXY are not read.
   */
  dispatcher?: Dispatcher;
  /**
   * An http:// or https:// proxy for every request, as `http://user:password@proxy.example.com:3128` (credentials
   * optional, percent-encoded). Requests go through a CONNECT tunnel, so the proxy never sees their headers.
   * `false` ignores HTTP(S)_PROXY.
   * @default HTTPS_PROXY for https URLs, else HTTP_PROXY, except for hosts in NO_PROXY (lowercase names first)
   */
  proxy?: string | false;
}

/** The fetch the client sends with, and what closes the connections it opened. */
export interface NodeFetch {
  fetch: Fetch;
  /** Closes the dispatcher this created (once its requests in flight are done); a no-op for the caller's. */
  close: () => Promise<void>;
}

/** Settings of the undici Agent (or of the Agent inside a proxy agent). */
interface AgentOptions extends KeepAliveOptions {
  /** 0 disables keep-alive: undici then sends `Connection: close` and opens a connection per request. */
  pipelining?: number;
}

type Plan =
  | { kind: "given"; dispatcher: Dispatcher }
  | { kind: "direct"; agent: AgentOptions }
  | { kind: "proxy"; agent: AgentOptions; uri: string }
  | { kind: "env"; agent: AgentOptions; httpProxy: string; httpsProxy: string; noProxy: string };

/**
 * Checks the options and the proxy variables in `env`, so a mistake throws from `createJobsClient`, and builds the
 * dispatcher. undici is loaded here, with the first client, not when the package is imported: it takes 0.1 s and
 * more, which a request's timeout must not include (the first request would time out on a busy machine).
 */
export function createNodeFetch(
  options: ConnectionOptions & { maxResponseSize?: number | undefined },
  env: Env,
): NodeFetch {
  const plan = planConnections(options, env);
  // Checked by core, which refuses a bad value before any request is sent.
  const maxResponseSize = options.maxResponseSize ?? MAX_RESPONSE_SIZE;
  const undici = loadUndici();
  const dispatcher = buildDispatcher(undici, plan);
  // Bun answers `require("undici")` with its own module, whose Agent has no close() (nor destroy()): there the
  // client waits for its own requests in flight instead, then releases what the dispatcher does have.
  const closable = typeof dispatcher.close === "function";
  const inFlight = closable ? undefined : new Set<Promise<unknown>>();
  let closing: Promise<void> | undefined;

  return {
    async fetch(url, init) {
      if (closing) throw closedError();
      if (!inFlight) return send(undici, dispatcher, url, init, maxResponseSize);
      const sent = send(undici, dispatcher, url, init, maxResponseSize);
      inFlight.add(sent);
      try {
        return await sent;
      } finally {
        inFlight.delete(sent);
      }
    },
    close() {
      if (plan.kind === "given") closing ??= Promise.resolve();
      else if (!inFlight) closing ??= dispatcher.close();
      else closing ??= settle(inFlight).then(() => destroyIfPossible(dispatcher));
      return closing;
    },
  };
}

/** Resolves once every request in `requests` (including those it gains meanwhile) has settled. */
async function settle(requests: Set<Promise<unknown>>): Promise<void> {
  while (requests.size > 0) await Promise.allSettled(requests);
}

/** For a dispatcher without close(): its destroy(), with nothing left in flight, when it has one. */
async function destroyIfPossible(dispatcher: Dispatcher): Promise<void> {
  const { destroy } = dispatcher as Partial<Pick<Dispatcher, "destroy">>;
  if (typeof destroy === "function") await destroy.call(dispatcher);
}

const require = createRequire(import.meta.url);
let undiciModule: typeof Undici | undefined;

/** undici, loaded (synchronously: it is CommonJS) the first time a client is created. */
function loadUndici(): typeof Undici {
  undiciModule ??= require("undici") as typeof Undici;
  return undiciModule;
}

/** Not retryable: a closed client stays closed. */
function closedError(): Error {
  return Object.assign(new Error("this client was closed with close(); create a new client to send more requests"), {
    retryable: false,
  });
}

function buildDispatcher(undici: typeof Undici, plan: Plan): Dispatcher {
  switch (plan.kind) {
    case "given":
      return plan.dispatcher;
    case "direct":
      return new undici.Agent(plan.agent);
    // proxyTunnel: true also sends http:// requests through CONNECT, so no proxy ever reads the Authorization
    // header (undici 7's default, stated because the token's safety depends on it).
    case "proxy":
      return new undici.ProxyAgent({ ...plan.agent, uri: plan.uri, proxyTunnel: true });
    case "env":
      // Empty strings, not undefined: undici would read process.env itself for a missing value.
      return new undici.EnvHttpProxyAgent({
        ...plan.agent,
        httpProxy: plan.httpProxy,
        httpsProxy: plan.httpsProxy,
        noProxy: plan.noProxy,
        proxyTunnel: true,
      });
  }
}

function planConnections(options: ConnectionOptions, env: Env): Plan {
  const { keepAlive, dispatcher, proxy } = options;
  if (dispatcher !== undefined) {
    if (typeof dispatcher !== "object" || dispatcher === null || typeof dispatcher.dispatch !== "function") {
      throw new InvalidArgumentError(
        "dispatcher must be an undici dispatcher, e.g. new Agent() or new ProxyAgent(…) from the undici package (version 7).",
      );
    }
    if (keepAlive !== undefined || proxy !== undefined) {
      throw new InvalidArgumentError(
        `dispatcher cannot be combined with ${keepAlive !== undefined ? "keepAlive" : "proxy"}: set connection reuse and proxies on the dispatcher itself (e.g. new ProxyAgent({ uri, keepAliveTimeout })).`,
      );
    }
    return { kind: "given", dispatcher };
  }
  const agent = agentOptions(keepAlive);
  if (proxy === false) return { kind: "direct", agent };
  if (proxy !== undefined) return { kind: "proxy", agent, uri: proxyUrl(proxy, "the proxy option") };

  const { httpProxy, httpsProxy, noProxy } = proxyFromEnv(env);
  if (httpProxy === undefined && httpsProxy === undefined) return { kind: "direct", agent };
  return {
    kind: "env",
    agent,
    httpProxy: httpProxy === undefined ? "" : proxyUrl(httpProxy.value, httpProxy.name),
    httpsProxy: httpsProxy === undefined ? "" : proxyUrl(httpsProxy.value, httpsProxy.name),
    noProxy: noProxy ?? "",
  };
}

const KEEP_ALIVE_KEYS = ["keepAliveTimeout", "keepAliveMaxTimeout", "connections"];
/** The longest delay a timer holds (2³¹ − 1 ms); undici's idle timers are timers too. */
const MAX_DELAY = 2 ** 31 - 1;

/**
 * A value as core's messages show it: a string quoted (cut at 40 characters), never a key-shaped one (`sk_…`,
 * `pk_…`, a bearer token); an object or a function by its kind.
 */
function show(value: unknown): string {
  if (typeof value === "string") {
    return JSON.stringify(
      /\b(sk|pk)_|bearer/i.test(value) ? "[redacted]" : value.length > 40 ? `${value.slice(0, 40)}…` : value,
    );
  }
  if (typeof value === "function") return "a function";
  return typeof value === "object" && value ? "an object" : String(value);
}

function agentOptions(keepAlive: ConnectionOptions["keepAlive"]): AgentOptions {
  if (keepAlive === undefined || keepAlive === true) return {};
  if (keepAlive === false) return { pipelining: 0 };
  if (typeof keepAlive !== "object" || keepAlive === null) {
    throw new InvalidArgumentError(
      `keepAlive must be true, false or { keepAliveTimeout, keepAliveMaxTimeout, connections }, got ${show(keepAlive)}.`,
    );
  }
  // The same rules and wording as core's own option checks.
  for (const key of Object.keys(keepAlive)) {
    if (!KEEP_ALIVE_KEYS.includes(key) && (keepAlive as Record<string, unknown>)[key] !== undefined) {
      throw new InvalidArgumentError(
        `keepAlive has no option ${JSON.stringify(key)}. Its options are ${KEEP_ALIVE_KEYS.join(", ")}; for other undici settings, pass your own dispatcher.`,
      );
    }
  }
  const { keepAliveTimeout, keepAliveMaxTimeout, connections } = keepAlive;
  for (const [name, value] of [
    ["keepAliveTimeout", keepAliveTimeout],
    ["keepAliveMaxTimeout", keepAliveMaxTimeout],
  ] as const) {
    if (value !== undefined && !(typeof value === "number" && value >= 1 && value <= MAX_DELAY)) {
      throw new InvalidArgumentError(
        `keepAlive.${name} must be a number of milliseconds from 1 to ${MAX_DELAY} (about 24.8 days), got ${show(value)}.`,
      );
    }
  }
  if (connections !== undefined && !(Number.isSafeInteger(connections) && connections >= 1)) {
    throw new InvalidArgumentError(
      `keepAlive.connections must be a whole number, 1 or more, got ${show(connections)}.`,
    );
  }
  return { keepAliveTimeout, keepAliveMaxTimeout, connections };
}

/**
 * The proxy URL checked, for `source` (the option or the variable it came from). Messages never quote the
 * value, which may hold a password.
 */
function proxyUrl(value: unknown, source: string): string {
  const fix =
    `Set ${source} to the proxy's URL, e.g. "http://proxy.example.com:3128", with "user:password@" before the ` +
    "host if the proxy needs credentials (percent-encoded: %40 for @, %3A for :, %25 for %).";
  if (typeof value !== "string" || value.trim() === "") {
    throw new InvalidArgumentError(`${source} must be a URL string, or false to use no proxy. ${fix}`);
  }
  if (!/^[a-z][a-z\d+.-]*:\/\//i.test(value.trim())) {
    throw new InvalidArgumentError(`${source} has no scheme: it must start with http:// (or https://). ${fix}`);
  }
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    throw new InvalidArgumentError(`${source} is not a valid URL. ${fix}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new InvalidArgumentError(
      `${source} is a ${url.protocol.slice(0, -1)}:// URL; only http:// and https:// proxies are supported. ${fix}`,
    );
  }
  // undici sends Basic credentials only when both parts are present, and decodes them itself.
  if (Boolean(url.username) !== Boolean(url.password)) {
    throw new InvalidArgumentError(`${source} has a user name without a password, or the reverse. ${fix}`);
  }
  try {
    decodeURIComponent(url.username);
    decodeURIComponent(url.password);
  } catch {
    throw new InvalidArgumentError(`${source} has a "%" in its credentials that is not percent-encoding. ${fix}`);
  }
  return url.href;
}

/**
 * The default of core's `maxResponseSize` (64 MiB), which this fetch applies to each body as received and once
 * decompressed.
 */
const MAX_RESPONSE_SIZE = 64 * 1024 * 1024;
