// runJob's check for a canceled job, against a real server (tools/src/fault-server.ts) that answers each check
// slowly: the next check is sent only once the previous one has been answered, so checks never pile up.
import { describe, expect, it } from "vitest";
import { createJobsClient, runJob } from "../src/index.js";
import { useFaultServer } from "./fault-server-setup.js";

const TOKEN = "sk_test_run_job_checks_6f0a";
const JOB = "us_jb_8Yu0iO2p";

const server = useFaultServer();

describe("runJob's cancel check", () => {
  it("has at most one check in flight against a slow server", async () => {
    // Each check takes far longer than the interval between checks.
    server().script((request) => (request.operation === "get" ? { kind: "slow-headers", ms: 150 } : { kind: "ok" }));
    const client = createJobsClient({ token: TOKEN, baseUrl: server().url, maxRetries: 0 });
    const checks = () =>
      server()
        .requests()
        .filter((r) => r.operation === "get");
    await runJob(
      client,
      JOB,
      async () => {
        // Works until the server has seen four checks.
        while (checks().length < 4) await new Promise((resolve) => setTimeout(resolve, 5));
      },
      { cancelCheckInterval: 10 },
    );
    // How many checks were in flight when each one arrived, itself included (an unanswered one is in flight
    // until the end).
    const inFlight = checks().map(
      (check, _, all) =>
        all.filter((other) => other.receivedAt <= check.receivedAt && (other.answeredAt ?? Infinity) > check.receivedAt)
          .length,
    );
    expect(Math.max(...inFlight)).toBe(1);
  });
});
