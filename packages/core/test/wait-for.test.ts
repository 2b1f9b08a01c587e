import { describe, expect, it, vi } from "vitest";
import {
  APIUserAbortError,
  createJobsClient,
  InvalidArgumentError,
  type Job,
  JobCanceledError,
  JobFailedError,
  JobWaitTimeoutError,
} from "../src/index.js";
import { BASE_URL, json, requestFetch, TOKEN } from "./recording-fetch.js";

type State = Partial<Pick<Job, "status" | "progress" | "info" | "outcome">>;

/** A client whose `get` sees the job go through `states` (the last one repeats); `hang` never answers. */
function jobGoingThrough(states: Array<State | "hang">) {
  let polls = 0;
  const fetch = requestFetch(async (_request, signal): Promise<Response> => {
    const state = states[Math.min(polls, states.length - 1)];
    polls += 1;
    if (state === "hang") {
      return new Promise((_resolve, reject) => signal.addEventListener("abort", () => reject(signal.reason)));
    }
    return json(200, {
      data: {
        id: "us_jb_1",
        type: "file",
        operation: "extract",
        source: "us_fl_1",
        createdBy: "u",
        createdAt: "",
        updatedAt: "",
        ...state,
      },
    });
  });
  const client = createJobsClient({ token: TOKEN, baseUrl: BASE_URL, fetch });
  return { jobs: client.jobs, polls: () => polls };
}

const FAST = { pollInterval: 2, maxPollInterval: 5 };

describe("jobs.waitFor", () => {
  it("resolves with the job when it completes, reporting each change of progress or info once", async () => {
    const { jobs } = jobGoingThrough([
      { status: "ready" },
      { status: "executing", progress: 10, info: "Reading" },
      { status: "executing", progress: 10, info: "Reading" },
      { status: "executing", progress: 60, info: "Reading" },
      { status: "executing", progress: 60, info: "Writing" },
      { status: "complete", progress: 100, info: "Done" },
    ]);
    const seen: string[] = [];
    const job = await jobs.waitFor("us_jb_1", {
      ...FAST,
      onProgress: (j) => seen.push(`${j.progress ?? "-"} ${j.info ?? "-"}`),
    });
    expect(job.status).toBe("complete");
    expect(seen).toEqual(["- -", "10 Reading", "60 Reading", "60 Writing", "100 Done"]);
  });

  it("throws JobFailedError with the job's info and outcome when it fails", async () => {
    const { jobs } = jobGoingThrough([
      { status: "executing" },
      { status: "failed", info: "Bad rows", outcome: { rows: 3 } },
    ]);
    const error = await jobs.waitFor("us_jb_1", FAST).catch((e) => e);
    expect(error).toBeInstanceOf(JobFailedError);
    expect([error.info, error.outcome, error.job.status]).toEqual(["Bad rows", { rows: 3 }, "failed"]);
    expect(error.message).toBe("Job us_jb_1 failed: Bad rows.");
  });

  it("throws JobCanceledError when it is canceled", async () => {
    const { jobs } = jobGoingThrough([{ status: "canceled", info: "Stopped by Ada" }]);
    await expect(jobs.waitFor("us_jb_1", FAST)).rejects.toThrow(JobCanceledError);
  });

  it("gives up at the deadline with a timeout error that says where the job was", async () => {
    const { jobs } = jobGoingThrough([{ status: "executing", progress: 40 }]);
    const error = await jobs.waitFor("us_jb_1", { ...FAST, maxWait: 40 }).catch((e) => e);
    expect(error).toBeInstanceOf(JobWaitTimeoutError);
    expect(error.job.progress).toBe(40);
    expect(error.message).toMatch(/^Job us_jb_1 did not finish within 40 ms \(still executing at 40%\)/);
  });

  it("gives up at the deadline even while a poll is still waiting for its answer", async () => {
    const { jobs } = jobGoingThrough(["hang"]);
    const error = await jobs.waitFor("us_jb_1", { ...FAST, maxWait: 30 }).catch((e) => e);
    expect(error).toBeInstanceOf(JobWaitTimeoutError);
    expect(error.job).toBeUndefined();
  });

  it("stops polling when the caller aborts", async () => {
    const { jobs, polls } = jobGoingThrough([{ status: "executing" }]);
    const controller = new AbortController();
    const waiting = jobs.waitFor("us_jb_1", { pollInterval: 5, signal: controller.signal });
    await vi.waitFor(() => expect(polls()).toBeGreaterThanOrEqual(2));
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
    const after = polls();
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(polls()).toBe(after);
  });

  it("refuses a job id that cannot be sent", async () => {
    const { jobs, polls } = jobGoingThrough([{ status: "complete" }]);
    await expect(jobs.waitFor("..")).rejects.toBeInstanceOf(InvalidArgumentError);
    expect(polls()).toBe(0);
  });
});
