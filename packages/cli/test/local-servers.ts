// Servers for the connection and install tests, on 127.0.0.1 with free ports: an API that answers every request
// with an empty page and asks clients to keep the connection for 10 minutes, and a real forward proxy (the `proxy`
// package) that records the tunnels it was asked for. (The node package's tests have fuller versions of both.)
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { createProxy } from "proxy";

/** A valid `jobs.list` answer. */
export const LIST_PAGE = { data: [], pagination: { currentPage: 1, pageCount: 1, totalCount: 0 } };

export interface SeenRequest {
  method: string;
  url: string;
}

export interface LocalServer {
  /** The API's base URL, ending in /v1; the proxy's `http://127.0.0.1:<port>`. */
  url: string;
  /** `host:port`, as a CONNECT request names it. */
  host: string;
  /** The requests received (the proxy: its CONNECT requests). */
  requests(): SeenRequest[];
  close(): Promise<void>;
}

async function listen(server: Server, url: (port: number) => string, requests: SeenRequest[]): Promise<LocalServer> {
  const sockets = new Set<Socket>();
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: url(port),
    host: `127.0.0.1:${port}`,
    requests: () => [...requests],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const socket of sockets) socket.destroy();
      }),
  };
}

const seen = (req: IncomingMessage): SeenRequest => ({ method: req.method ?? "", url: req.url ?? "" });

/** An API whose every answer is an empty page, with `Keep-Alive: timeout=600`. */
export async function startApiServer(): Promise<LocalServer> {
  const requests: SeenRequest[] = [];
  const server = createServer((req, res) => {
    requests.push(seen(req));
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(LIST_PAGE));
    });
  });
  // Keep-Alive: timeout=600, so the client, not the server, decides when an idle connection closes.
  server.keepAliveTimeout = 600_000;
  return listen(server, (port) => `http://127.0.0.1:${port}/v1`, requests);
}

/** A forward proxy from the `proxy` package, recording the CONNECT requests it gets. */
export async function startProxy(): Promise<LocalServer> {
  const connects: SeenRequest[] = [];
  const proxy = createProxy(createServer());
  proxy.on("connect", (req: IncomingMessage) => void connects.push(seen(req)));
  return listen(proxy, (port) => `http://127.0.0.1:${port}`, connects);
}

/**
 * Runs `command args` and resolves with its exit code and its stdout and stderr, or with "still running after N s"
 * (killing it) if it has not exited by then. A hang check, not a speed test: pick a limit far above what the program
 * needs and far below whatever would keep it running.
 */
export async function runToExit(
  command: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; limitMs: number },
): Promise<{ exit: number | string; stdout: string; stderr: string }> {
  const child = spawn(command, args, { env: options.env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  const exit = await new Promise<number | string>((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve(`still running after ${options.limitMs / 1000} s`);
    }, options.limitMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? String(signal));
    });
  });
  return { exit, stdout, stderr };
}
