// The iterate suite's server, run as a child process: `node:http` on 127.0.0.1 (a free port) serving
// `GET /v1/jobs?pageSize=P&pageNumber=N` from page bodies that are all built before it reports ready, so that
// serving a page costs one lookup and one write. `GET /__stats` answers its own cost so far: requests served,
// the summed time spent in the page handler, and the process's CPU time (user + system).
// `--jobs N --page-size P`; prints `{"port":…,"pages":…,"bytes":…}` once ready; exits when stdin closes.
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { makeJob } from "./job-fixture.js";

const { values } = parseArgs({
  options: { jobs: { type: "string", default: "100000" }, "page-size": { type: "string", default: "1000" } },
});
const jobs = Number(values.jobs);
const pageSize = Number(values["page-size"]);
const pageCount = Math.ceil(jobs / pageSize);

const pages: Buffer[] = [];
for (let p = 1; p <= pageCount; p++) {
  const data = [];
  for (let i = (p - 1) * pageSize; i < Math.min(jobs, p * pageSize); i++) data.push(makeJob(i + 1));
  pages.push(Buffer.from(JSON.stringify({ pagination: { currentPage: p, pageCount, totalCount: jobs }, data })));
}
const empty = Buffer.from(
  JSON.stringify({ pagination: { currentPage: pageCount + 1, pageCount, totalCount: jobs }, data: [] }),
);
const bytes = pages.reduce((sum, page) => sum + page.length, 0);

let requests = 0;
let handlerMs = 0;
const cpuAtStart = process.cpuUsage();

const server = createServer((req, res) => {
  const start = performance.now();
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/__stats") {
    const cpu = process.cpuUsage(cpuAtStart);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ requests, handlerMs, cpuMs: (cpu.user + cpu.system) / 1000 }));
    return;
  }
  const number = Number(url.searchParams.get("pageNumber") ?? "1");
  if (req.method !== "GET" || url.pathname !== "/v1/jobs" || Number(url.searchParams.get("pageSize")) !== pageSize) {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ errors: [{ message: `expected GET /v1/jobs?pageSize=${pageSize}` }] }));
    return;
  }
  const body = pages[number - 1] ?? empty;
  res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
  res.end(body);
  requests++;
  handlerMs += performance.now() - start;
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const { port } = server.address() as AddressInfo;
  process.stdout.write(`${JSON.stringify({ port, pages: pageCount, bytes })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
process.on("SIGTERM", () => process.exit(0));
