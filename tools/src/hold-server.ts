// A server on 127.0.0.1 that lets any origin in and then never answers: a request to it stays in flight until the
// client gives up (a timeout, an abort, a page unmounting) or the server closes. It notes each request it holds and
// whether the client has closed it since, which is how a test sees an abort from the server's side.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

/** A request the server got (never answered), and whether the client has closed it since. */
export interface HeldRequest {
  method: string;
  path: string;
  closedByClient: boolean;
}

export interface HoldServer {
  /** `http://127.0.0.1:<port>/v1`, a base URL for a client. */
  url: string;
  /** The requests held so far, in arrival order (CORS preflights are answered, not held). */
  held(): HeldRequest[];
  /** Drops every connection and stops listening. */
  close(): Promise<void>;
}

export async function startHoldServer(): Promise<HoldServer> {
  const held: HeldRequest[] = [];
  let closing = false;
  const server = createServer((req, res) => {
    if (req.method === "OPTIONS") {
      // The preflight is answered, so that the browser sends the request itself.
      res.writeHead(204, {
        "Access-Control-Allow-Origin": req.headers.origin ?? "*",
        "Access-Control-Allow-Methods": req.headers["access-control-request-method"] ?? "GET",
        "Access-Control-Allow-Headers": req.headers["access-control-request-headers"] ?? "*",
      });
      res.end();
      return;
    }
    const request: HeldRequest = { method: req.method ?? "", path: req.url ?? "", closedByClient: false };
    held.push(request);
    res.once("close", () => {
      if (!closing) request.closedByClient = true;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    held: () => held.map((request) => ({ ...request })),
    close: async () => {
      closing = true;
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
