// The flow every runtime runs with each client it can load, against the Jobs simulator over HTTP: list a page,
// iterate over several pages, get a job, a typed 404, an abort in flight, and runJob then waitFor. It imports
// nothing: each runtime's app passes in the package it loaded, so the same checks run on every runtime and client.

/**
 * Runs the checks with one package's client; each check is recorded in `results` as { name, ok, error }.
 * `sdk` is the package (`@flatfile-jobs/browser`, `core` or `node`); `makeClient(baseUrl)` creates its client.
 * `url` is the simulator's base URL, `slowUrl` one that answers nothing for a long time (for the abort).
 */
export async function runFlow({ label, sdk, makeClient, url, slowUrl, source, results }) {
  const check = async (name, fn) => {
    try {
      await fn();
      results.push({ name: `${label}: ${name}`, ok: true });
    } catch (error) {
      results.push({ name: `${label}: ${name}`, ok: false, error: describe(error) });
    }
  };
  const client = makeClient(url);
  const created = [];

  await check("list a page", async () => {
    for (let i = 0; i < 5; i++) {
      const { data } = await client.jobs.create({ type: "file", operation: "extract", source });
      created.push(data.id);
    }
    const page = await client.jobs.list({ source, pageSize: 2, sortDirection: "asc" });
    equal(
      page.data.map((job) => job.id),
      created.slice(0, 2),
      "the first page's jobs",
    );
    equal(page.pagination?.pageCount, 3, "pagination.pageCount");
    equal(page.pagination?.totalCount, 5, "pagination.totalCount");
  });

  await check("iterate over 3 pages", async () => {
    const seen = [];
    for await (const job of client.jobs.iterate({ source, pageSize: 2, sortDirection: "asc" })) seen.push(job.id);
    equal(seen, created, "the jobs of every page, in order");
  });

  await check("get a job", async () => {
    const { data } = await client.jobs.get(created[0]);
    equal(data.id, created[0], "the job's id");
    equal(data.source, source, "the job's source");
  });

  await check("a missing job is a NotFoundError", async () => {
    const error = await client.jobs.get("us_jb_missing0").then(
      () => undefined,
      (caught) => caught,
    );
    assert(error instanceof sdk.NotFoundError, `expected a NotFoundError, got ${describe(error)}`);
    assert(error instanceof sdk.APIError && error instanceof sdk.JobsError, "NotFoundError extends APIError");
    equal(error.status, 404, "its status");
  });

  await check("an AbortSignal aborts a call in flight (APIUserAbortError)", async () => {
    const slow = makeClient(slowUrl);
    try {
      const controller = new AbortController();
      const started = Date.now();
      const pending = slow.jobs.list({}, { signal: controller.signal, maxRetries: 0 });
      setTimeout(() => controller.abort(), 100);
      const error = await pending.then(
        () => undefined,
        (caught) => caught,
      );
      assert(error instanceof sdk.APIUserAbortError, `expected an APIUserAbortError, got ${describe(error)}`);
      // The slow simulator answers after 30 s: only the abort can have ended the call this soon.
      assert(Date.now() - started < 10_000, `the call ended ${Date.now() - started} ms after it started`);
    } finally {
      await slow.close?.();
    }
  });

  await check("runJob acknowledges, reports progress and completes a job; waitFor sees it complete", async () => {
    const { data: job } = await client.jobs.create({ type: "file", operation: "extract", source });
    const steps = [];
    const finished = await sdk.runJob(
      client,
      job.id,
      async ({ job: acked, progress }) => {
        steps.push(acked.status);
        progress(50, "half way");
        return { info: "done", outcome: { heading: "Done", message: `ran on ${label}` } };
      },
      { progressInterval: 0 },
    );
    equal(steps, ["executing"], "the job as the handler got it");
    equal(finished.status, "complete", "the job runJob returns");
    const waited = await client.jobs.waitFor(job.id, { maxWait: 5000 });
    equal(waited.status, "complete", "the job waitFor returns");
    equal(waited.outcome?.message, `ran on ${label}`, "its outcome");
  });

  return client;
}

/** The checks as lines, and the summary line the test script reads (`RESULT {json}`). */
export function report(runtime, version, results) {
  const lines = results.map((r) => (r.ok ? `ok - ${r.name}` : `not ok - ${r.name}: ${r.error}`));
  const failures = results.filter((r) => !r.ok).map((r) => `${r.name}: ${r.error}`);
  const passed = results.length - failures.length;
  lines.push(`RESULT ${JSON.stringify({ runtime, version, passed, failed: failures.length, failures })}`);
  return lines.join("\n");
}

export function describe(error) {
  if (error === undefined) return "no error";
  if (!(error instanceof Error)) return String(error);
  return `${error.name}: ${error.message.split("\n")[0]}`;
}

export function assert(condition, message) {
  if (!condition) throw new Error(message);
}

export function equal(actual, expected, what) {
  const [a, e] = [JSON.stringify(actual), JSON.stringify(expected)];
  if (a !== e) throw new Error(`${what}: expected ${e}, got ${a}`);
}
