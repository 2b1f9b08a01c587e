// Servers for the connection tests, on 127.0.0.1 with free ports: an API that counts the TCP connections it
// accepts, and a real forward proxy (the `proxy` package) that records what it was asked and carried.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { createProxy } from "proxy";

/** A valid `jobs.list` answer. */
export const LIST_BODY = JSON.stringify({ data: [], pagination: { currentPage: 1, pageCount: 1, totalCount: 0 } });

export interface SeenRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface ApiServer {
  /** Base URL, ending in /v1. */
  url: string;
  /** `host:port`, as a CONNECT request names it. */
  host: string;
  /** TCP connections accepted so far. */
  connections(): number;
  requests(): SeenRequest[];
  /** Resolves once the server has received `count` requests in all. */
  received(count: number): Promise<void>;
  /** Resolves once no connection to the server is open. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
}

export interface ApiServerOptions {
  /** Serve HTTPS with this key and certificate. */
  tls?: { key: string; cert: string };
  /** Answer nothing until this many requests are waiting, then all of them (proves they were concurrent). */
  holdUntil?: number;
}

async function listen(server: ReturnType<typeof createServer>): Promise<number> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  return (server.address() as AddressInfo).port;
}

/** Tracks a server's sockets, so it can close them all and tell when none is left. */
function trackSockets(server: ReturnType<typeof createServer>) {
  const sockets = new Set<Socket>();
  let waiters: Array<() => void> = [];
  let count = 0;
  server.on("connection", (socket: Socket) => {
    count += 1;
    sockets.add(socket);
    socket.on("close", () => {
      sockets.delete(socket);
      if (sockets.size === 0) for (const wake of waiters.splice(0)) wake();
    });
  });
  return {
    count: () => count,
    allClosed: () =>
      sockets.size === 0 ? Promise.resolve() : new Promise<void>((resolve) => void waiters.push(resolve)),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
        waiters = [];
      }),
  };
}

/** An API that answers every request with an empty job list, and counts connections and requests. */
export async function startApiServer(options: ApiServerOptions = {}): Promise<ApiServer> {
  const requests: SeenRequest[] = [];
  let waiting: Array<{ count: number; wake: () => void }> = [];
  const held: ServerResponse[] = [];
  const answer = (res: ServerResponse) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(LIST_BODY);
  };
  const handle = (req: IncomingMessage, res: ServerResponse) => {
    requests.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers });
    waiting = waiting.filter(({ count, wake }) => (requests.length >= count ? void wake() : true));
    req.resume();
    req.on("end", () => {
      if (options.holdUntil === undefined) return answer(res);
      held.push(res);
      if (held.length >= options.holdUntil) for (const waiting of held.splice(0)) answer(waiting);
    });
  };
  const server = options.tls ? createHttpsServer(options.tls, handle) : createServer(handle);
  // Keep-Alive: timeout=600, so the client, not the server, decides when an idle connection closes.
  server.keepAliveTimeout = 600_000;
  const sockets = trackSockets(server);
  const port = await listen(server);
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}/v1`,
    host: `127.0.0.1:${port}`,
    connections: sockets.count,
    requests: () => [...requests],
    received: (count) =>
      requests.length >= count ? Promise.resolve() : new Promise<void>((wake) => void waiting.push({ count, wake })),
    allClosed: sockets.allClosed,
    close: sockets.close,
  };
}

export interface ProxyServer {
  /** `http://127.0.0.1:<port>` (or https), without credentials. */
  url: string;
  port: number;
  /** TCP connections accepted so far. */
  connections(): number;
  /** CONNECT requests: `url` is the `host:port` tunnelled to. */
  connects(): SeenRequest[];
  /** Requests the proxy was asked to forward (not tunnelled). */
  forwarded(): SeenRequest[];
  /** Every byte the client sent into its tunnels, after the CONNECT request. */
  tunnelled(): Buffer;
  close(): Promise<void>;
}

/** A forward proxy from the `proxy` package; with `credentials` ("user:password") it demands Basic auth. */
export async function startProxy(
  options: { credentials?: string; tls?: { key: string; cert: string } } = {},
): Promise<ProxyServer> {
  const connects: SeenRequest[] = [];
  const forwarded: SeenRequest[] = [];
  const tunnelled: Buffer[] = [];
  const base = options.tls ? createHttpsServer(options.tls) : createServer();
  const proxy = createProxy(base);
  if (options.credentials !== undefined) {
    const expected = `Basic ${Buffer.from(options.credentials).toString("base64")}`;
    proxy.authenticate = (req) => req.headers["proxy-authorization"] === expected;
  }
  const seen = (req: IncomingMessage): SeenRequest => ({
    method: req.method ?? "",
    url: req.url ?? "",
    headers: req.headers,
  });
  proxy.on("request", (req: IncomingMessage) => void forwarded.push(seen(req)));
  proxy.on("connect", (req: IncomingMessage, socket: Socket) => {
    connects.push(seen(req));
    // The proxy has paused the socket while it authenticates; a data listener does not resume it.
    socket.on("data", (chunk: Buffer) => void tunnelled.push(chunk));
  });
  const sockets = trackSockets(proxy);
  const port = await listen(proxy);
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    port,
    connections: sockets.count,
    connects: () => [...connects],
    forwarded: () => [...forwarded],
    tunnelled: () => Buffer.concat(tunnelled),
    close: sockets.close,
  };
}
