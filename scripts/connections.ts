// Connection reuse (not a test): `tsx scripts/connections.ts [--requests 100]` after `pnpm build` sends that
// many `jobs.list` calls, one after another, through the built @flatfile-jobs/node client to a local HTTP server,
// once with the default settings (keep-alive) and once with `keepAlive: false`, and prints how many TCP
// connections the server accepted for each.
//
// The server keeps idle connections for 10 minutes (Keep-Alive: timeout=600), so only the client decides when
// to close one. Proxy variables are ignored (`proxy: false`): the count is of connections to the API itself.
import { existsSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { requests: { type: "string", default: "100" } } });
const requests = Number(values.requests);
if (!Number.isInteger(requests) || requests < 1) {
  console.error(`--requests must be a whole number of at least 1, got ${JSON.stringify(values.requests)}`);
  process.exit(2);
}

const distPath = fileURLToPath(new URL("../packages/node/dist/index.mjs", import.meta.url));
if (!existsSync(distPath)) {
  console.error(`${distPath} is missing: run \`pnpm build\` first.`);
  process.exit(2);
}
const { createJobsClient } = await import(distPath);

const LIST_BODY = JSON.stringify({ data: [], pagination: { currentPage: 1, pageCount: 1, totalCount: 0 } });
let connections = 0;
let received = 0;
const server = createServer((req, res) => {
  received += 1;
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(LIST_BODY);
  });
});
server.keepAliveTimeout = 600_000;
server.on("connection", () => {
  connections += 1;
});
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const address = server.address();
if (address === null || typeof address === "string") throw new Error("the server is not listening on a TCP port");
const baseUrl = `http://127.0.0.1:${address.port}/v1`;

console.log(`${requests} sequential jobs.list calls to ${baseUrl}`);
const runs: [string, { keepAlive?: boolean }][] = [
  ["default (keep-alive)", {}],
  ["keepAlive: false", { keepAlive: false }],
];
for (const [label, options] of runs) {
  connections = 0;
  received = 0;
  const client = createJobsClient({ token: "sk_connections_bench", baseUrl, proxy: false, ...options });
  for (let i = 0; i < requests; i++) await client.jobs.list();
  await client.close();
  console.log(`  ${label.padEnd(22)} ${String(connections).padStart(5)} connection(s) for ${received} requests`);
}

server.close();
server.closeAllConnections();
