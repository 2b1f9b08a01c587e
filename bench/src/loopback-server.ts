// The loopback suite's server, run as a child process: `node:http` on 127.0.0.1 (a free port), connections
// kept alive, answering `GET /v1/jobs/{JOB_ID}` with the one-job body (built once) and 404 to anything else.
// Prints `{"port":N}` once listening; exits when its stdin closes or on SIGTERM.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { JOB_BODY, JOB_ID } from "./job-fixture.js";

const body = Buffer.from(JOB_BODY);
const path = `/v1/jobs/${JOB_ID}`;
const notFound = Buffer.from(JSON.stringify({ errors: [{ message: "Not found" }] }));

const server = createServer((req, res) => {
  const ok = req.method === "GET" && req.url === path;
  res.writeHead(ok ? 200 : 404, {
    "content-type": "application/json",
    "content-length": ok ? body.length : notFound.length,
  });
  res.end(ok ? body : notFound);
});
// Idle connections stay open for the whole run; every client reuses its own.
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: (server.address() as AddressInfo).port })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
