// A static file server on 127.0.0.1 (node:http, GET and HEAD only) for docs-site/: `pnpm docs:serve` and the
// site's test. A path ending in / serves its index.html; a path outside the folder or a missing file is a 404.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, resolve, sep } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
};

export interface StaticServer {
  url: string;
  stop(): Promise<void>;
}

/** Serves `folder` on 127.0.0.1 at `port` (0, the default: a free one). */
export async function serveStatic(folder: string, port = 0): Promise<StaticServer> {
  const base = resolve(folder);
  const server = createServer(async (request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    let file = resolve(join(base, path.endsWith("/") ? `${path}index.html` : path));
    const inside = file === base || file.startsWith(base + sep);
    const found = inside ? await stat(file).catch(() => undefined) : undefined;
    if (found?.isDirectory()) file = join(file, "index.html");
    const ok = found && (await stat(file).catch(() => undefined))?.isFile();
    if (!ok || (request.method !== "GET" && request.method !== "HEAD")) {
      response.writeHead(ok ? 405 : 404, { "content-type": "text/plain" }).end(ok ? "Method not allowed" : "Not found");
      return;
    }
    response.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    if (request.method === "HEAD") response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((done, failed) => server.once("error", failed).listen(port, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    stop: () => new Promise<void>((done) => server.close(() => done()).closeAllConnections()),
  };
}
