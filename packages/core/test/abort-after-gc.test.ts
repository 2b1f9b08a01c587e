import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { expect, it } from "vitest";

// A fetch that just waits for its signal holds nothing but that signal. Garbage collection once dropped the link
// from the caller's signal to it (the client handed fetch a Request, whose signal follows the caller's only
// through a weak reference), and the caller's abort was lost: the walk hung. The client now keeps the signal it
// gives fetch reachable for the whole attempt. This runs the case in a child process where it can force
// collections.
const dist = fileURLToPath(new URL("../dist/index.mjs", import.meta.url));
const script = `
const { createJobsClient } = await import(${JSON.stringify(dist)});
const seen = [];
const fetch = async (url, init) => {
  seen.push(new URL(url).searchParams.get("pageNumber"));
  if (seen.length > 1) return new Promise((_r, reject) => init.signal.addEventListener("abort", () => reject(init.signal.reason)));
  const data = Array.from({ length: 5 }, (_, i) => ({ id: "j" + i, type: "file", operation: "x", source: "s", createdBy: "u", createdAt: "", updatedAt: "" }));
  return Response.json({ data, pagination: { currentPage: 1, pageCount: 3, totalCount: 15 } });
};
const client = createJobsClient({ token: "sk_x", baseUrl: "https://jobs.example.test/v1", fetch });
const controller = new AbortController();
const walk = (async () => { for await (const _ of client.jobs.iterate({ pageSize: 5 }, { signal: controller.signal })); })();
while (seen.length < 2) await new Promise((r) => setTimeout(r, 5));
for (let i = 0; i < 5; i++) { globalThis.gc(); await new Promise((r) => setTimeout(r, 10)); }
controller.abort();
const outcome = await Promise.race([walk.then(() => "resolved", (e) => e.name), new Promise((r) => setTimeout(() => r("hung"), 5000))]);
console.log(outcome);
process.exit(0);
`;

it("an abort still reaches a request in flight after garbage collection", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", "--input-type=module", "-e", script]);
  expect(stdout.trim()).toBe("APIUserAbortError");
});

// A fetch that makes a Request of what it is given and waits on that Request's signal: the Request follows the
// client's signal only weakly, and after a collection its abort never comes. The client ends the attempt at its
// timeout anyway (it waits on its own signal too), instead of hanging.
const wrapping = `
const { createJobsClient } = await import(${JSON.stringify(dist)});
const fetch = async (url, init) => {
  const request = new Request(url, init);
  return new Promise((_r, reject) => request.signal.addEventListener("abort", () => reject(request.signal.reason)));
};
const client = createJobsClient({ token: "sk_x", baseUrl: "https://jobs.example.test/v1", fetch, maxRetries: 0 });
const collect = setInterval(() => globalThis.gc(), 1);
const outcome = await Promise.race([
  client.jobs.get("j", { timeout: 50 }).then(() => "resolved", (e) => e.name),
  new Promise((r) => setTimeout(() => r("hung"), 5000)),
]);
clearInterval(collect);
console.log(outcome);
process.exit(0);
`;

it("a timeout ends the attempt even when the fetch loses the signal to garbage collection", async () => {
  const { stdout } = await promisify(execFile)(process.execPath, [
    "--expose-gc",
    "--input-type=module",
    "-e",
    wrapping,
  ]);
  expect(stdout.trim()).toBe("APIConnectionTimeoutError");
});
