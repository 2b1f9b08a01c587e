// The script and the installed flatfile-jobs command, against the Jobs simulator, all required as CommonJS.
const assert = require("node:assert/strict");
const { execFile } = require("node:child_process");
const { after, before, test } = require("node:test");
const { promisify } = require("node:util");
const { createJobsClient, APIError } = require("@flatfile-jobs/node");
const { startJobsSimulator } = require("@flatfile-jobs/testing");
const { countByStatus } = require("../report.js");

const run = promisify(execFile);
let simulator;

before(async () => {
  simulator = await startJobsSimulator();
  simulator.seed([
    { spaceId: "us_sp_cjs", status: "complete" },
    { spaceId: "us_sp_cjs", status: "complete" },
    { spaceId: "us_sp_cjs", status: "failed" },
    { spaceId: "us_sp_elsewhere", status: "ready" },
  ]);
});

after(() => simulator.close());

test("counts a space's jobs by status across pages", async () => {
  const client = createJobsClient({ token: "sk_downstream_cjs", baseUrl: simulator.url });
  assert.deepEqual(await countByStatus("us_sp_cjs", client), { complete: 2, failed: 1 });
  await client.close();
});

test("runs as a script, reading the token and URL from the environment", async () => {
  const env = {
    ...process.env,
    FLATFILE_API_KEY: "sk_downstream_cjs",
    FLATFILE_API_URL: new URL(simulator.url).origin,
  };
  const { stdout } = await run(process.execPath, ["report.js", "us_sp_cjs"], { env });
  assert.deepEqual(JSON.parse(stdout), { complete: 2, failed: 1 });
});

test("the installed flatfile-jobs command lists the jobs as JSON, with the page's pagination", async () => {
  const env = { ...process.env, FLATFILE_API_KEY: "sk_downstream_cjs" };
  const { stdout } = await run(
    "npx",
    ["--no-install", "flatfile-jobs", "list", "--space-id", "us_sp_cjs", "--json", "--base-url", simulator.url],
    { env },
  );
  const page = JSON.parse(stdout);
  assert.equal(page.data.length, 3);
  assert.deepEqual(page.pagination, { currentPage: 1, pageCount: 1, totalCount: 3 });
});

test("the command exits 1 with one line for an unknown job, and the library throws APIError", async () => {
  const env = { ...process.env, FLATFILE_API_KEY: "sk_downstream_cjs" };
  const failed = await run(
    "npx",
    ["--no-install", "flatfile-jobs", "get", "us_jb_missing", "--base-url", simulator.url],
    { env },
  ).catch((error) => error);
  assert.equal(failed.code, 1);
  assert.match(failed.stderr, /^Error: 404 /);
  const client = createJobsClient({ token: "sk_downstream_cjs", baseUrl: simulator.url, maxRetries: 0 });
  await assert.rejects(client.jobs.get("us_jb_missing"), (error) => error instanceof APIError && error.status === 404);
  await client.close();
});
