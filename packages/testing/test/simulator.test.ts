import {
  APIUserAbortError,
  BadRequestError,
  type Job,
  JobCanceledError,
  JobFailedError,
  JobWaitTimeoutError,
  NotFoundError,
  runJob,
} from "@flatfile-jobs/core";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { everyCase, randomCase, type SpecRequest } from "./spec-requests.js";
import { simulatorBehindPrism } from "./through-prism.js";

let env: Awaited<ReturnType<typeof simulatorBehindPrism>>;
beforeAll(async () => {
  env = await simulatorBehindPrism();
});
afterAll(async () => {
  await env?.close();
});

const newJob = () =>
  env
    .client()
    .jobs.create({ type: "workbook", operation: "submitAction", source: "us_wb_lifecycle", trigger: "manual" });

describe("the simulator, validated by Prism against the spec", () => {
  it("walks a job through its lifecycle with real state", async () => {
    const { jobs } = env.client();
    const { data: created } = await newJob();
    expect(created.status).toBe("created");
    expect((await jobs.ack(created.id, { progress: 30, info: "Working" })).data).toMatchObject({
      status: "executing",
      progress: 30,
      info: "Working",
    });
    const { data: done } = await jobs.complete(created.id, { outcome: { heading: "Done" }, info: "All good" });
    expect(done).toMatchObject({ status: "complete", progress: 100, outcome: { heading: "Done" } });
    expect((await jobs.get(created.id)).data.finishedAt).toBeDefined();
    expect((await jobs.ackOutcome(created.id)).data.outcomeAcknowledgedAt).toBeDefined();
    await expect(jobs.ack(created.id)).rejects.toBeInstanceOf(BadRequestError);
  });

  it("fails, retries, cancels, updates, executes and deletes", async () => {
    const { jobs } = env.client();
    const { data: job } = await newJob();
    expect((await jobs.fail(job.id, { info: "Broken" })).data.status).toBe("failed");
    expect((await jobs.retry(job.id)).data).toMatchObject({ status: "ready", progress: 0 });
    expect((await jobs.execute(job.id)).data?.success).toBe(true);
    expect((await jobs.update(job.id, { progress: 42, metadata: { batch: 3 } })).data).toMatchObject({
      status: "executing",
      progress: 42,
      metadata: { batch: 3 },
    });
    expect((await jobs.cancel(job.id, { info: "Stop" })).data.status).toBe("canceled");
    expect((await jobs.delete(job.id)).data?.success).toBe(true);
    await expect(jobs.get(job.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("splits a job into part jobs that list by parent", async () => {
    const { jobs } = env.client();
    const { data: parent } = await newJob();
    await jobs.split(parent.id, { parts: [{ rows: "1-100" }, { rows: "101-200" }, {}], runInParallel: true });
    const parts = await jobs.list({ parentId: parent.id });
    expect(parts.data.map((p) => [p.parentId, p.part])).toEqual([
      [parent.id, 1],
      [parent.id, 2],
      [parent.id, 3],
    ]);
    expect((await jobs.get(parent.id)).data.partExecution).toBe("parallel");
  });

  it("keeps a plan per job, replaced by PUT and merged by PATCH", async () => {
    const { jobs } = env.client();
    const { data: job } = await newJob();
    const field = (key: string) => ({ type: "string" as const, key });
    await jobs.updateExecutionPlan(job.id, {
      jobId: job.id,
      fileId: "us_fl_1",
      fieldMapping: [{ sourceField: field("a"), destinationField: field("b") }],
      unmappedSourceFields: [],
      unmappedDestinationFields: [],
    });
    await jobs.updateExecutionPlanFields(job.id, { jobId: job.id, fileId: "us_fl_1", programId: "prog_7" });
    const { data } = await jobs.getExecutionPlan(job.id);
    expect(data.plan.fieldMapping).toHaveLength(1);
    expect(data.plan.programId).toBe("prog_7");
    expect((await jobs.previewMutation({ sheetId: "us_sh_1", mutateRecord: "r => r" })).data).toEqual([]);
  });
});

describe("jobs.iterate against real pages", () => {
  const spaceOf = (name: string, count: number) => {
    env.simulator.seed(Array.from({ length: count }, () => ({ spaceId: name })));
    return name;
  };
  const walk = async (spaceId: string, pageSize: number, options = {}) => {
    const ids: string[] = [];
    for await (const job of env.client().jobs.iterate({ spaceId, pageSize }, options)) ids.push(job.id);
    return ids;
  };

  it.each([
    [0, 1],
    [1, 1],
    [5, 1],
    [23, 5],
  ])("walks %i jobs in pages of 5 with %i request(s)", async (count, requests) => {
    const spaceId = spaceOf(`us_sp_walk${count}`, count);
    const before = env.simulator.requests().length;
    const ids = await walk(spaceId, 5);
    expect(ids).toEqual(
      env.simulator
        .jobs()
        .filter((j) => j.spaceId === spaceId)
        .map((j) => j.id),
    );
    expect(env.simulator.requests().length - before).toBe(requests);
  });

  it("stops at maxPages", async () => {
    const spaceId = spaceOf("us_sp_max", 30);
    expect(await walk(spaceId, 5, { maxPages: 2 })).toHaveLength(10);
  });

  it("asks for page n+1 while the caller is still on page n", async () => {
    const spaceId = spaceOf("us_sp_prefetch", 15);
    const pagesAsked = () =>
      env.simulator
        .requests()
        .filter((r) => r.query.spaceId === spaceId)
        .map((r) => r.query.pageNumber);
    let held = 0;
    for await (const page of env.client().jobs.iterate({ spaceId, pageSize: 5 }).pages()) {
      held += 1;
      expect(page.data).toHaveLength(5);
      // The caller holds page n until the server has been asked for page n+1: without prefetching, that request
      // would only go out once the caller moved on, and this wait would time out.
      if (held < 3) await vi.waitFor(() => expect(pagesAsked()).toContain(`${held + 1}`), { timeout: 10_000 });
    }
    expect(pagesAsked()).toEqual(["1", "2", "3"]);
  });

  it("stops cleanly when aborted mid-walk", async () => {
    const spaceId = spaceOf("us_sp_abort", 20);
    const controller = new AbortController();
    const seen: string[] = [];
    const walking = (async () => {
      for await (const job of env.client().jobs.iterate({ spaceId, pageSize: 5 }, { signal: controller.signal })) {
        seen.push(job.id);
        if (seen.length === 7) controller.abort();
      }
    })();
    await expect(walking).rejects.toBeInstanceOf(APIUserAbortError);
    expect(seen).toHaveLength(7);
  });
});

describe("jobs.waitFor and runJob against a job that really moves", () => {
  it("waits for a scripted job, reporting progress in order", async () => {
    const { data: job } = await newJob();
    void env.simulator.script(
      job.id,
      [
        { status: "executing", progress: 10, info: "Reading" },
        { progress: 60, info: "Validating" },
        { status: "complete", progress: 100, info: "Done" },
      ],
      20,
    );
    const seen: Array<number | undefined> = [];
    const done = await env
      .client()
      .jobs.waitFor(job.id, { pollInterval: 5, maxPollInterval: 10, onProgress: (j) => seen.push(j.progress) });
    expect(done.status).toBe("complete");
    expect(seen.at(-1)).toBe(100);
    expect(seen).toEqual([...seen].sort((a, b) => (a ?? 0) - (b ?? 0)));
  });

  it.each([
    ["failed", JobFailedError],
    ["canceled", JobCanceledError],
  ] as const)("throws when the job ends %s", async (status, ErrorClass) => {
    const { data: job } = await newJob();
    void env.simulator.script(job.id, [{ status: "executing" }, { status, info: "Because" }], 10);
    await expect(env.client().jobs.waitFor(job.id, { pollInterval: 5 })).rejects.toBeInstanceOf(ErrorClass);
  });

  it("a script stops at a cancel from the client: the canceled job does not move again", async () => {
    const { data: job } = await newJob();
    // 200 ms apart: the cancel comes between two steps even on a busy machine; which one it follows does not matter.
    const scripted = env.simulator.script(
      job.id,
      [
        { status: "executing", progress: 10 },
        { progress: 50 },
        { progress: 80 },
        { status: "complete", progress: 100 },
      ],
      200,
    );
    expect(env.simulator.job(job.id)).toMatchObject({ status: "executing", progress: 10 });
    const { data: canceled } = await env.client().jobs.cancel(job.id, { info: "Not needed" });
    expect(canceled.status).toBe("canceled");
    await scripted;
    const { data: later } = await env.client().jobs.get(job.id);
    expect(later).toMatchObject({ status: "canceled", progress: canceled.progress, info: "Not needed" });
  });

  it("times out at the deadline and stops when aborted", async () => {
    const { data: job } = await newJob();
    await expect(env.client().jobs.waitFor(job.id, { pollInterval: 5, maxWait: 60 })).rejects.toBeInstanceOf(
      JobWaitTimeoutError,
    );
    const controller = new AbortController();
    const waiting = env.client().jobs.waitFor(job.id, { pollInterval: 5, signal: controller.signal });
    setTimeout(() => controller.abort(), 30);
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
  });

  it("runs a job to completion with coalesced progress (the server counts the acks)", async () => {
    const { data: job } = await newJob();
    const done = await runJob(
      env.client(),
      job.id,
      async ({ progress }) => {
        for (let p = 1; p <= 100; p++) {
          progress(p, `step ${p}`);
          if (p % 20 === 0) await new Promise((resolve) => setTimeout(resolve, 25));
        }
        return { outcome: { message: "100 steps" } };
      },
      { progressInterval: 40 },
    );
    expect(done).toMatchObject({ status: "complete", outcome: { message: "100 steps" } });
    const acks = env.simulator.requests().filter((r) => r.path === `/v1/jobs/${job.id}/ack`);
    expect(acks.length).toBeGreaterThanOrEqual(2);
    expect(acks.length).toBeLessThanOrEqual(8);
  });

  it("fails the job when the handler throws, and aborts the handler when the job is canceled", async () => {
    const { data: failing } = await newJob();
    await expect(
      runJob(env.client(), failing.id, () => {
        throw new Error("secret detail");
      }),
    ).rejects.toThrow("secret detail");
    expect(env.simulator.job(failing.id)).toMatchObject({ status: "failed", info: "The job could not be completed." });

    const { data: canceled } = await newJob();
    const running = runJob(
      env.client(),
      canceled.id,
      ({ signal }) =>
        new Promise<undefined>((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
      { cancelCheckInterval: 10 },
    );
    await vi.waitFor(() => expect(env.simulator.job(canceled.id)?.status).toBe("executing"));
    env.simulator.update(canceled.id, { status: "canceled" } as Partial<Job>);
    await expect(running).rejects.toBeInstanceOf(JobCanceledError);
    expect(env.simulator.job(canceled.id)?.status).toBe("canceled");
  });
});

describe("the simulator refuses exactly what Prism refuses", () => {
  // The same request goes to the simulator directly and through Prism's validating proxy (each to a fresh job, so
  // that a job's state never decides). Prism, a separate implementation that reads openapi/openapi.yaml itself,
  // refuses what the spec refuses with a 422 (a 401 without a token) before forwarding anything; the simulator must
  // refuse the same requests with a 400 (401), and accept the others, which Prism forwards to it and then checks
  // its answer. If the simulator drifts from the spec either way, the two disagree.
  // A 501 is the simulator accepting a request it has no behaviour for (an operation the spec gained): Prism,
  // which got no declared answer from it, answers with a body made from the schema instead, a 200.
  const PRISM_FOR: Record<number, number> = { 200: 200, 400: 422, 401: 401, 501: 200 };

  const send = async (baseUrl: string, request: SpecRequest) => {
    const [job] = env.simulator.seed([request.path.endsWith("/retry") ? { status: "failed" } : {}]);
    const query = new URLSearchParams(request.query).toString();
    const headers: Record<string, string> = { "Content-Type": "application/json" };
    if (request.token !== undefined) headers.Authorization = `Bearer ${request.token}`;
    if (request.hooks !== undefined) headers["X-Disable-Hooks"] = request.hooks;
    const url = `${baseUrl}${request.path.replace("{jobId}", job?.id ?? "")}${query ? `?${query}` : ""}`;
    const response = await fetch(url, { method: request.method, headers, body: request.body });
    return { status: response.status, body: await response.text() };
  };

  /** Sends `request` both ways; returns the simulator's status, or throws what each side answered. */
  const compare = async (request: SpecRequest) => {
    const [direct, proxied] = await Promise.all([send(env.simulator.url, request), send(env.prism.url, request)]);
    if (PRISM_FOR[direct.status] === proxied.status) return direct.status;
    throw new Error(
      `${request.method} ${request.path} ${JSON.stringify(request)}\n` +
        `the simulator answered ${direct.status} ${direct.body}\nPrism answered ${proxied.status} ${proxied.body}`,
    );
  };

  it("for each declared field and parameter, on both sides of what it allows", async () => {
    const statuses: number[] = [];
    const disagreements: string[] = [];
    const cases = everyCase();
    // A few at a time: Prism and the simulator each answer concurrent requests.
    for (let i = 0; i < cases.length; i += 4) {
      await Promise.all(
        cases.slice(i, i + 4).map((request) =>
          compare(request).then(
            (status) => statuses.push(status),
            (error: Error) => disagreements.push(error.message),
          ),
        ),
      );
    }
    expect(disagreements).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(100);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(100);
  }, 180_000);

  it("for random combinations of changes to the spec's examples", async () => {
    const statuses: number[] = [];
    await fc.assert(
      fc.asyncProperty(randomCase, async (request) => {
        statuses.push(await compare(request));
      }),
      { numRuns: 300 },
    );
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(30);
    expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(30);
  }, 180_000);
});
